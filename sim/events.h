/* sim/events.h - the device's observable event stream.
 *
 * Every observable thing (boot, pins, serial, logs, resets, panics...) is an
 * event: one JSON object with its device time `t` (µs) and `type`. The stream
 * goes to the --events file (JSON Lines), to --trace (human-readable, stderr)
 * and to every control-channel client. Callers describe fields with a
 * jansson pack format so they need no JSON headers. */
#ifndef VDEV_EVENTS_H
#define VDEV_EVENTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef void (*vdev_event_sink)(const char *line, size_t len, void *ctx);

int vdev_events_open_file(const char *path, bool append); /* 0 or -errno */
int vdev_events_file_fd(void);                             /* -1 if none */
void vdev_events_set_trace(bool on);
int vdev_events_add_sink(vdev_event_sink fn, void *ctx);

/* Emit an event: fields_fmt is a jansson json_pack object format such as
 * "{s:s,s:i}" (or NULL for no fields). Thread-safe. */
/* Types "reply" and "paused" go to control clients only. */
void vdev_event(const char *type, const char *fields_fmt, ...);

/* An event about bytes: {port, data} when they are UTF-8, else {port, hex}. */
void vdev_event_bytes(const char *type, const char *port, const void *data, size_t len);

/* Stream output (serial ports): bytes are coalesced into one `serial` event
 * per port until a newline, 512 bytes, another event, or a clock advance. */
void vdev_events_stream(const char *port, const void *data, size_t len);

/* Emit coalesced serial output now (before the clock moves). */
void vdev_events_flush_streams(void);
/* Write out coalesced output and flush the file. */
void vdev_events_flush(void);
/* Async-signal-safe best effort: flush the file buffer (used on crashes). */
void vdev_events_crash_flush(void);

#endif
