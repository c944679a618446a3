/* sim/events.c - the event stream: JSON Lines file, human-readable trace,
 * and fan-out to control-channel sinks; coalescing of serial output. */
#define _GNU_SOURCE
#include "events.h"
#include "hex.h"

#include "sched.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_SINKS 8
#define STREAM_MAX 512
#define MAX_PORTS 4

struct sink {
    vdev_event_sink fn;
    void *ctx;
};

struct stream {
    char port[16];
    uint64_t t;
    size_t len;
    unsigned char buf[STREAM_MAX];
};

static struct {
    pthread_mutex_t lock;
    FILE *file;
    bool trace;
    struct sink sinks[MAX_SINKS];
    int nsinks;
    struct stream streams[MAX_PORTS];
} E = { .lock = PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP };

int vdev_events_open_file(const char *path, bool append)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC | (append ? O_APPEND : O_TRUNC), 0644);
    if (fd < 0)
        return -errno;
    FILE *f = fdopen(fd, "a");
    if (!f) {
        int e = errno;
        close(fd);
        return -e;
    }
    static char filebuf[1 << 16];
    setvbuf(f, filebuf, _IOFBF, sizeof(filebuf));
    pthread_mutex_lock(&E.lock);
    if (E.file)
        fclose(E.file);
    E.file = f;
    pthread_mutex_unlock(&E.lock);
    return 0;
}

void vdev_events_set_trace(bool on) { E.trace = on; }

int vdev_events_add_sink(vdev_event_sink fn, void *ctx)
{
    pthread_mutex_lock(&E.lock);
    if (E.nsinks == MAX_SINKS) {
        pthread_mutex_unlock(&E.lock);
        return -ENOSPC;
    }
    E.sinks[E.nsinks++] = (struct sink){ fn, ctx };
    pthread_mutex_unlock(&E.lock);
    return 0;
}

static void trace_line(json_t *ev)
{
    uint64_t t = (uint64_t)json_integer_value(json_object_get(ev, "t"));
    char head[64];
    snprintf(head, sizeof(head), "[%6llu.%06llu] %-8s", (unsigned long long)(t / 1000000),
             (unsigned long long)(t % 1000000), json_string_value(json_object_get(ev, "type")));
    fputs(head, stderr);
    const char *key;
    json_t *val;
    json_object_foreach(ev, key, val) {
        if (!strcmp(key, "t") || !strcmp(key, "type"))
            continue;
        char *s = json_is_string(val) ? NULL : json_dumps(val, JSON_COMPACT | JSON_ENCODE_ANY);
        if (json_is_string(val)) {
            /* show strings with control characters escaped */
            json_t *tmp = json_string(json_string_value(val));
            s = json_dumps(tmp, JSON_ENCODE_ANY);
            json_decref(tmp);
        }
        fprintf(stderr, " %s=%s", key, s ? s : "?");
        free(s);
    }
    fputc('\n', stderr);
}

/* Serialise and deliver one event object (lock held). */
static void deliver(json_t *ev)
{
    char *line = json_dumps(ev, JSON_COMPACT | JSON_PRESERVE_ORDER);
    if (!line)
        return;
    size_t n = strlen(line);
    const char *type = json_string_value(json_object_get(ev, "type"));
    bool protocol = !strcmp(type, "reply") || !strcmp(type, "paused"); /* control-channel only */
    if (E.file && !protocol) {
        fwrite(line, 1, n, E.file);
        fputc('\n', E.file);
    }
    if (E.trace && !protocol)
        trace_line(ev);
    line[n] = '\n';
    for (int i = 0; i < E.nsinks; i++)
        E.sinks[i].fn(line, n + 1, E.sinks[i].ctx);
    free(line);
}

static json_t *new_event(uint64_t t, const char *type)
{
    json_t *ev = json_object();
    json_object_set_new(ev, "t", json_integer((json_int_t)t));
    json_object_set_new(ev, "type", json_string(type));
    return ev;
}

static bool valid_utf8(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned c = s[i];
        size_t k;
        if (c == 0)
            return false;
        else if (c < 0x80)
            k = 0;
        else if ((c >> 5) == 6)
            k = 1;
        else if ((c >> 4) == 14)
            k = 2;
        else if ((c >> 3) == 30)
            k = 3;
        else
            return false;
        if (i + k >= n + (k == 0))
            return false;
        for (size_t j = 1; j <= k; j++)
            if ((s[i + j] & 0xC0) != 0x80)
                return false;
        i += k + 1;
    }
    return true;
}

static void flush_streams(void);

/* {port, data} for UTF-8 bytes, else {port, hex} */
static json_t *bytes_event(uint64_t t, const char *type, const char *port, const unsigned char *p, size_t len)
{
    json_t *ev = new_event(t, type);
    json_object_set_new(ev, "port", json_string(port));
    if (valid_utf8(p, len)) {
        json_object_set_new(ev, "data", json_stringn((const char *)p, len));
    } else {
        char *hex = vdev_hex_dup(p, len);
        if (hex) {
            json_object_set_new(ev, "hex", json_string(hex));
            free(hex);
        }
    }
    return ev;
}

static void flush_stream(struct stream *s)
{
    if (!s->len)
        return;
    json_t *ev = bytes_event(s->t, "serial", s->port, s->buf, s->len);
    s->len = 0;
    deliver(ev);
    json_decref(ev);
}

void vdev_event_bytes(const char *type, const char *port, const void *data, size_t len)
{
    json_t *ev = bytes_event(vdev_clock_now(), type, port, data, len);
    pthread_mutex_lock(&E.lock);
    flush_streams();
    deliver(ev);
    pthread_mutex_unlock(&E.lock);
    json_decref(ev);
}

static void flush_streams(void)
{
    for (int i = 0; i < MAX_PORTS; i++)
        flush_stream(&E.streams[i]);
}

static void emit_v(uint64_t t, const char *type, const char *fmt, va_list ap)
{
    json_t *ev = new_event(t, type);
    if (fmt) {
        json_error_t err;
        json_t *fields = json_vpack_ex(&err, 0, fmt, ap);
        if (fields) {
            json_object_update(ev, fields);
            json_decref(fields);
        } else {
            json_object_set_new(ev, "error", json_string(err.text));
        }
    }
    pthread_mutex_lock(&E.lock);
    flush_streams();
    deliver(ev);
    pthread_mutex_unlock(&E.lock);
    json_decref(ev);
}

void vdev_event(const char *type, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    emit_v(vdev_clock_now(), type, fmt, ap);
    va_end(ap);
}

void vdev_events_stream(const char *port, const void *data, size_t len)
{
    const unsigned char *p = data;
    uint64_t now = vdev_clock_now();
    pthread_mutex_lock(&E.lock);
    struct stream *s = NULL;
    for (int i = 0; i < MAX_PORTS && !s; i++)
        if (!strcmp(E.streams[i].port, port))
            s = &E.streams[i];
    for (int i = 0; i < MAX_PORTS && !s; i++)
        if (!E.streams[i].port[0]) {
            s = &E.streams[i];
            snprintf(s->port, sizeof(s->port), "%s", port);
        }
    if (!s) {
        pthread_mutex_unlock(&E.lock);
        return;
    }
    /* another port's pending bytes go first, so the stream keeps its order */
    for (int i = 0; i < MAX_PORTS; i++)
        if (&E.streams[i] != s)
            flush_stream(&E.streams[i]);
    if (s->len && s->t != now)
        flush_stream(s);
    for (size_t i = 0; i < len; i++) {
        if (!s->len)
            s->t = now;
        s->buf[s->len++] = p[i];
        if (p[i] == '\n' || s->len == STREAM_MAX)
            flush_stream(s);
    }
    pthread_mutex_unlock(&E.lock);
}

void vdev_events_flush_streams(void)
{
    pthread_mutex_lock(&E.lock);
    flush_streams();
    pthread_mutex_unlock(&E.lock);
}

void vdev_events_flush(void)
{
    pthread_mutex_lock(&E.lock);
    flush_streams();
    if (E.file)
        fflush(E.file);
    pthread_mutex_unlock(&E.lock);
}

void vdev_events_crash_flush(void)
{
    if (pthread_mutex_trylock(&E.lock) == 0) {
        flush_streams();
        if (E.file)
            fflush(E.file);
        pthread_mutex_unlock(&E.lock);
    } else if (E.file) {
        fflush(E.file);
    }
}
