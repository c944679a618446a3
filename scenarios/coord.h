/* scenarios/coord.h - the coordinator: starts each device as its own process
 * and is the time master for all of them. In lockstep (virtual time) no
 * device runs past the time the coordinator granted, so several devices
 * stay in step and a run is deterministic. It also carries what devices
 * share: wires between their serial ports and pins. */
#ifndef VDEV_COORD_H
#define VDEV_COORD_H

#include "../sim/platform.h"

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define COORD_MAX_DEVICES 16
#define COORD_LAST_EVENTS 20

struct coord;

/* What a device is, before it runs. */
struct coord_device_spec {
    const char *name;
    const char *image;                   /* built firmware image */
    const struct vdev_platform *platform;
    uint64_t seed;
    const char *events_path;             /* NULL: no event file */
    const char *hosts_path;              /* NULL: no hosts table */
    const char *btsnoop_path;            /* NULL: no BLE capture */
    const char *flash_path;              /* NULL: a new flash file in the work directory (lockstep),
                                            the device's default one (real time) */
    bool flash_reset;                    /* real time: start the default flash file afresh */
};

/* Observer of every event a device emits (the step being run, VCD...). */
typedef void (*coord_event_fn)(void *ctx, int dev, json_t *event);

struct coord *coord_new(bool lockstep, const char *workdir);
void coord_free(struct coord *c);
void coord_set_observer(struct coord *c, coord_event_fn fn, void *ctx);
int coord_add_device(struct coord *c, const struct coord_device_spec *spec);
/* A wire from one device's port or pin to another's ("Serial1", "D2"). A
 * serial wire carries bytes both ways; a pin wire drives `to` from `from`. */
/* BLE: where the device's radio is (metres) and/or the RSSI others measure (NULL: default). */
void coord_place_device(struct coord *c, int dev, const double *pos, const int *rssi);
int coord_add_wire(struct coord *c, int from_dev, const char *from, int to_dev, const char *to);

/* Start every device; in lockstep they boot and pause at time 0. 0 or -1
 * with a message in err. */
int coord_start(struct coord *c, char *err, size_t errlen);
/* Send a command to a device and wait for its reply (and, in lockstep, for
 * the device to pause again). The reply is returned (caller decrefs) or NULL
 * with err set. */
json_t *coord_command(struct coord *c, int dev, json_t *cmd, char *err, size_t errlen);
/* Advance every device to `target` device time. With `until`, stop as soon
 * as until(ctx) is true (checked at every slice); slices then end at each
 * device's next activity. Returns 1 when until() became true, 0 when target
 * was reached, -1 on failure (a device died; err says which and why). */
int coord_advance(struct coord *c, uint64_t target, bool (*until)(void *ctx), void *ctx, char *err, size_t errlen);
uint64_t coord_now(const struct coord *c);
/* Stop every device (clean stop), wait for them. */
void coord_stop(struct coord *c);

int coord_device_count(const struct coord *c);
const char *coord_device_name(const struct coord *c, int dev);
int coord_device_find(const struct coord *c, const char *name);
/* Has the device exited (crashed)? Then a description of why. */
const char *coord_device_failure(const struct coord *c, int dev);
/* The last COORD_LAST_EVENTS event lines of a device, oldest first. */
int coord_last_events(const struct coord *c, int dev, const char **lines, int max);
/* What the device's stderr said (a crash report), or "". */
const char *coord_device_stderr(struct coord *c, int dev);

/* Also watch a host fd (stdin in `vdev run A B`); fn runs when it is readable
 * and may send commands. */
void coord_set_input(struct coord *c, int fd, void (*fn)(void *ctx), void *ctx);

/* Real time (vdev run A B): devices run freely; pump events until all exit
 * or a stop is requested. */
int coord_run_realtime(struct coord *c, volatile int *stop_flag);

#endif
