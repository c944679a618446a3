/* sim/control.c - the control channel, on a libuv loop in its own host
 * thread. Clients get every event as a JSON line; their commands are posted
 * to the firmware side through the scheduler, so they apply at a scheduling
 * point in device time and their replies are ordered with other events. */
#define _GNU_SOURCE
#include "control.h"
#include "control_life.h"
#include "control_ui.h"

#include "../ble-bridge/air.h"
#include "../hal-posix/src/hal_sim.h"
#include "../net/net.h"
#include "../system/include/system_network.h"
#include "device.h"
#include "events.h"
#include "options.h"
#include "platform.h"
#include "sched.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <uv.h>

#define MAX_LINE (1 << 20)

struct client {
    uv_pipe_t pipe;
    char *in;
    size_t in_len;
    bool closing;
    struct client *next;
};

struct outbuf {
    char *data;
    size_t len;
    struct outbuf *next;
};

static struct {
    uv_loop_t loop;
    uv_pipe_t server;
    uv_async_t async;
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t cv;
    struct outbuf *out_head, *out_tail;
    struct client *clients;
    int nclients;
    bool started, has_server;
    size_t pending_writes;
} K = { .lock = PTHREAD_MUTEX_INITIALIZER, .cv = PTHREAD_COND_INITIALIZER };

/* ---- commands (run in firmware context) ---- */

/* a duration as µs (integer) or a string such as "200ms" */
static bool json_duration(json_t *v, uint64_t *us)
{
    if (json_is_integer(v) && json_integer_value(v) >= 0) {
        *us = (uint64_t)json_integer_value(v);
        return true;
    }
    return json_is_string(v) && !vdev_parse_duration(json_string_value(v), us);
}

struct cmd {
    json_t *msg;
};

static void reply(json_t *msg, bool ok, const char *error, json_t *extra)
{
    json_t *id = json_object_get(msg, "id");
    json_t *r = json_object();
    if (id)
        json_object_set(r, "id", id);
    json_object_set_new(r, "ok", json_boolean(ok));
    if (error)
        json_object_set_new(r, "error", json_string(error));
    if (extra)
        json_object_update(r, extra);
    vdev_event("reply", "o", r);
    json_decref(extra);
}

static int pin_arg(json_t *msg, int *pin)
{
    const char *name = json_string_value(json_object_get(msg, "pin"));
    json_t *num = json_object_get(msg, "pin");
    if (json_is_integer(num)) {
        *pin = (int)json_integer_value(num);
        return vdev_platform_pin_name(vdev_platform_current(), *pin) ? 0 : -1;
    }
    *pin = vdev_platform_pin_lookup(vdev_platform_current(), name);
    return *pin < 0 ? -1 : 0;
}

static void run_cmd(void *arg)
{
    struct cmd *c = arg;
    json_t *m = c->msg;
    const char *cmd = json_string_value(json_object_get(m, "cmd"));
    int pin;
    if (!strcmp(cmd, "set-pin")) {
        json_t *v = json_object_get(m, "value");
        if (pin_arg(m, &pin))
            reply(m, false, "unknown pin", NULL);
        else if (!json_is_null(v) && !json_is_integer(v) && !json_is_boolean(v))
            reply(m, false, "value must be 0, 1 or null", NULL);
        else {
            int level = json_is_null(v) ? -1 : json_is_boolean(v) ? json_is_true(v) : json_integer_value(v) != 0;
            vdev_gpio_drive(pin, level);
            reply(m, true, NULL, NULL);
        }
    } else if (!strcmp(cmd, "set-analog")) {
        json_t *v = json_object_get(m, "value");
        if (pin_arg(m, &pin))
            reply(m, false, "unknown pin", NULL);
        else if (!json_is_integer(v) || vdev_adc_set(pin, (int)json_integer_value(v)))
            reply(m, false, "value must be 0..4095 on an analog pin", NULL);
        else
            reply(m, true, NULL, NULL);
    } else if (!strcmp(cmd, "get-pin")) {
        if (pin_arg(m, &pin))
            reply(m, false, "unknown pin", NULL);
        else
            reply(m, true, NULL, json_pack("{s:s,s:i}", "pin", vdev_platform_pin_name(vdev_platform_current(), pin),
                                           "value", vdev_gpio_level(pin)));
    } else if (!strcmp(cmd, "serial-write")) {
        const char *port = json_string_value(json_object_get(m, "port"));
        json_t *d = json_object_get(m, "data"), *hex = json_object_get(m, "hex");
        int p = !port || !strcmp(port, "Serial") ? 0 : !strcmp(port, "Serial1") ? 1 : -1;
        size_t hn = json_string_length(hex);
        if (p < 0 || !(json_is_string(d) || (json_is_string(hex) && hn % 2 == 0 &&
                                             strspn(json_string_value(hex), "0123456789abcdefABCDEF") == hn))) {
            reply(m, false, "serial-write needs port Serial|Serial1 and a data string (or hex digits in hex)", NULL);
        } else if (json_is_string(d)) {
            vdev_serial_inject(p, (const uint8_t *)json_string_value(d), json_string_length(d));
            reply(m, true, NULL, NULL);
        } else {
            uint8_t *bytes = malloc(hn / 2 + 1);
            for (size_t i = 0; bytes && i < hn / 2; i++) {
                unsigned v;
                sscanf(json_string_value(hex) + 2 * i, "%2x", &v);
                bytes[i] = (uint8_t)v;
            }
            if (bytes)
                vdev_serial_inject(p, bytes, hn / 2);
            free(bytes);
            reply(m, bytes != NULL, bytes ? NULL : "out of memory", NULL);
        }
    } else if (!strcmp(cmd, "run")) {
        json_t *until = json_object_get(m, "until");
        json_t *dur = json_object_get(m, "for");
        uint64_t t = 0;
        if (json_is_integer(until) && json_integer_value(until) >= 0)
            t = (uint64_t)json_integer_value(until);
        else if (json_is_integer(dur) && json_integer_value(dur) >= 0)
            t = vdev_clock_now() + (uint64_t)json_integer_value(dur);
        else if (json_is_string(dur) && !vdev_parse_duration(json_string_value(dur), &t))
            t += vdev_clock_now();
        else {
            reply(m, false, "run needs until (µs) or for (µs or a duration string)", NULL);
            goto done;
        }
        uint64_t granted = vdev_sched_granted();
        if (granted == VDEV_FOREVER) {
            reply(m, false, "run needs a device started with --lockstep", NULL);
            goto done;
        }
        if (t <= granted) {
            reply(m, false, "that time is already granted", json_pack("{s:I}", "granted", (json_int_t)granted));
            goto done;
        }
        reply(m, true, NULL, json_pack("{s:I}", "until", (json_int_t)t));
        vdev_sched_grant(t);
    } else if (!strcmp(cmd, "net")) {
        json_t *link = json_object_get(m, "link");
        struct vdev_net_faults f;
        vdev_link_get_faults(&f);
        const char *bad = NULL;
        json_t *v;
        if ((v = json_object_get(m, "latency")) && !json_duration(v, &f.latency_us))
            bad = "latency";
        if ((v = json_object_get(m, "jitter")) && !json_duration(v, &f.jitter_us))
            bad = "jitter";
        if ((v = json_object_get(m, "loss")) && (!json_is_string(v) || vdev_parse_percent(json_string_value(v), &f.loss_ppm)) &&
            !(json_is_number(v) && json_number_value(v) >= 0 && json_number_value(v) <= 100 &&
              ((f.loss_ppm = (unsigned)(json_number_value(v) * 10000)), 1)))
            bad = "loss (a percentage)";
        if ((v = json_object_get(m, "bandwidth")) &&
            !(json_is_string(v) && !vdev_parse_bandwidth(json_string_value(v), &f.bandwidth_bps)) &&
            !(json_is_integer(v) && json_integer_value(v) >= 0 && ((f.bandwidth_bps = (uint64_t)json_integer_value(v)), 1)))
            bad = "bandwidth (e.g. \"100kbit\")";
        const char *l = json_string_value(link);
        if (link && (!l || (strcmp(l, "up") && strcmp(l, "down"))))
            bad = "link (up or down)";
        if (bad) {
            char msg[128];
            snprintf(msg, sizeof(msg), "bad %s", bad);
            reply(m, false, msg, NULL);
        } else {
            if (json_object_get(m, "latency") || json_object_get(m, "jitter") || json_object_get(m, "loss") ||
                json_object_get(m, "bandwidth"))
                vdev_link_set_faults(&f);
            if (l)
                vdev_network_fault_link(!strcmp(l, "down"));
            reply(m, true, NULL, NULL);
        }
    } else if (!strcmp(cmd, "dns") || !strcmp(cmd, "hosts")) {
        const char *name = json_string_value(json_object_get(m, "name"));
        const char *addr = json_string_value(json_object_get(m, "address"));
        if (!name)
            reply(m, false, "needs name", NULL);
        else if (!strcmp(cmd, "hosts") && (!addr || vdev_resolve_add_host(name, addr)))
            reply(m, false, "needs an address (IPv4 or IPv6)", NULL);
        else {
            if (!strcmp(cmd, "dns"))
                vdev_resolve_set_failure(name, json_is_true(json_object_get(m, "fail")));
            reply(m, true, NULL, NULL);
        }
    } else if (!strcmp(cmd, "ble-rx")) {
        char why[128];
        if (!vdev_platform_current()->ble)
            reply(m, false, "this platform has no BLE radio", NULL);
        else if (vdev_ble_air_input(m, why, sizeof(why)))
            reply(m, false, why, NULL);
        else if (json_object_get(m, "id")) /* the air sends without ids: no reply */
            reply(m, true, NULL, NULL);
    } else if (!strcmp(cmd, "status")) {
        uint64_t g = vdev_sched_granted();
        reply(m, true, NULL, json_pack("{s:s,s:s,s:o}", "platform", vdev_platform_current()->name, "device_id",
                                       vdev_device_id_hex(), "granted",
                                       g == VDEV_FOREVER ? json_null() : json_integer((json_int_t)g)));
    } else if (!strcmp(cmd, "reset") || !strcmp(cmd, "safe-mode") || !strcmp(cmd, "dfu") ||
               !strcmp(cmd, "factory-reset")) {
        vdev_control_life(m, cmd, reply); /* resets and boot modes: control_life.c */
    } else if (!strcmp(cmd, "power-cycle")) {
        reply(m, true, NULL, NULL);
        vdev_device_power_cycle();
    } else if (!strcmp(cmd, "stop")) {
        reply(m, true, NULL, NULL);
        vdev_device_stop("control");
    } else if (!vdev_control_ui(m, cmd, reply)) { /* buttons and the LED: control_ui.c */
        reply(m, false, "unknown command", NULL);
    }
done:
    json_decref(m);
    free(c);
}

/* ---- the loop thread ---- */

static void send_to(struct client *cl, const char *line, size_t len);

static void on_async(uv_async_t *h)
{
    (void)h;
    pthread_mutex_lock(&K.lock);
    struct outbuf *list = K.out_head;
    K.out_head = K.out_tail = NULL;
    pthread_mutex_unlock(&K.lock);
    while (list) {
        struct outbuf *n = list->next;
        for (struct client *c = K.clients; c; c = c->next)
            send_to(c, list->data, list->len);
        free(list->data);
        free(list);
        list = n;
    }
    pthread_mutex_lock(&K.lock);
    pthread_cond_broadcast(&K.cv);
    pthread_mutex_unlock(&K.lock);
}

struct wreq {
    uv_write_t req;
    char *data;
};

static void on_written(uv_write_t *req, int status)
{
    (void)status;
    struct wreq *w = (struct wreq *)req;
    free(w->data);
    free(w);
    pthread_mutex_lock(&K.lock);
    K.pending_writes--;
    pthread_cond_broadcast(&K.cv);
    pthread_mutex_unlock(&K.lock);
}

static void send_to(struct client *cl, const char *line, size_t len)
{
    if (cl->closing)
        return;
    struct wreq *w = malloc(sizeof(*w));
    char *copy = malloc(len);
    if (!w || !copy) {
        free(w);
        free(copy);
        return;
    }
    memcpy(copy, line, len);
    w->data = copy;
    uv_buf_t b = uv_buf_init(copy, (unsigned)len);
    pthread_mutex_lock(&K.lock);
    K.pending_writes++;
    pthread_mutex_unlock(&K.lock);
    if (uv_write(&w->req, (uv_stream_t *)&cl->pipe, &b, 1, on_written) != 0)
        on_written(&w->req, -1);
}

static void sink(const char *line, size_t len, void *ctx)
{
    (void)ctx;
    struct outbuf *o = malloc(sizeof(*o));
    if (!o)
        return;
    o->data = malloc(len);
    if (!o->data) {
        free(o);
        return;
    }
    memcpy(o->data, line, len);
    o->len = len;
    o->next = NULL;
    pthread_mutex_lock(&K.lock);
    if (K.out_tail)
        K.out_tail->next = o;
    else
        K.out_head = o;
    K.out_tail = o;
    pthread_mutex_unlock(&K.lock);
    uv_async_send(&K.async);
}

static void on_closed(uv_handle_t *h)
{
    struct client *cl = h->data;
    free(cl->in);
    free(cl);
}

static void drop_client(struct client *cl)
{
    if (cl->closing)
        return;
    cl->closing = true;
    struct client **pp = &K.clients;
    while (*pp && *pp != cl)
        pp = &(*pp)->next;
    if (*pp)
        *pp = cl->next;
    pthread_mutex_lock(&K.lock);
    K.nclients--;
    pthread_mutex_unlock(&K.lock);
    uv_close((uv_handle_t *)&cl->pipe, on_closed);
}

static void protocol_error(struct client *cl, const char *msg)
{
    char line[512];
    int n = snprintf(line, sizeof(line), "{\"t\":%llu,\"type\":\"reply\",\"ok\":false,\"error\":\"%s\"}\n",
                     (unsigned long long)vdev_clock_now(), msg);
    send_to(cl, line, (size_t)n);
}

static void handle_line(struct client *cl, char *line)
{
    json_error_t err;
    json_t *m = json_loads(line, 0, &err);
    if (!m || !json_is_object(m)) {
        json_decref(m);
        protocol_error(cl, "not a JSON object");
        return;
    }
    if (!json_is_string(json_object_get(m, "cmd"))) {
        json_decref(m);
        protocol_error(cl, "missing cmd");
        return;
    }
    struct cmd *c = malloc(sizeof(*c));
    if (!c) {
        json_decref(m);
        return;
    }
    c->msg = m;
    vdev_sched_post(run_cmd, c);
}

static void on_alloc(uv_handle_t *h, size_t suggested, uv_buf_t *buf)
{
    (void)h;
    buf->base = malloc(suggested);
    buf->len = buf->base ? suggested : 0;
}

static void on_read(uv_stream_t *s, ssize_t n, const uv_buf_t *buf)
{
    struct client *cl = s->data;
    if (n < 0) {
        free(buf->base);
        drop_client(cl);
        return;
    }
    char *grown = realloc(cl->in, cl->in_len + (size_t)n + 1);
    if (!grown || cl->in_len + (size_t)n > MAX_LINE) {
        free(buf->base);
        protocol_error(cl, "line too long");
        drop_client(cl);
        return;
    }
    cl->in = grown;
    memcpy(cl->in + cl->in_len, buf->base, (size_t)n);
    cl->in_len += (size_t)n;
    free(buf->base);
    char *start = cl->in, *nl;
    while ((nl = memchr(start, '\n', cl->in_len - (size_t)(start - cl->in)))) {
        *nl = 0;
        if (nl > start)
            handle_line(cl, start);
        start = nl + 1;
    }
    cl->in_len -= (size_t)(start - cl->in);
    memmove(cl->in, start, cl->in_len);
}

static int add_client_fd(int fd)
{
    struct client *cl = calloc(1, sizeof(*cl));
    if (!cl)
        return -ENOMEM;
    uv_pipe_init(&K.loop, &cl->pipe, 0);
    cl->pipe.data = cl;
    if (uv_pipe_open(&cl->pipe, fd)) {
        free(cl);
        return -EBADF;
    }
    cl->next = K.clients;
    K.clients = cl;
    uv_read_start((uv_stream_t *)&cl->pipe, on_alloc, on_read);
    pthread_mutex_lock(&K.lock);
    K.nclients++;
    pthread_cond_broadcast(&K.cv);
    pthread_mutex_unlock(&K.lock);
    return 0;
}

static void on_connection(uv_stream_t *server, int status)
{
    if (status < 0)
        return;
    struct client *cl = calloc(1, sizeof(*cl));
    if (!cl)
        return;
    uv_pipe_init(&K.loop, &cl->pipe, 0);
    cl->pipe.data = cl;
    if (uv_accept(server, (uv_stream_t *)&cl->pipe)) {
        uv_close((uv_handle_t *)&cl->pipe, on_closed);
        return;
    }
    cl->next = K.clients;
    K.clients = cl;
    uv_read_start((uv_stream_t *)&cl->pipe, on_alloc, on_read);
    pthread_mutex_lock(&K.lock);
    K.nclients++;
    pthread_cond_broadcast(&K.cv);
    pthread_mutex_unlock(&K.lock);
}

static void *loop_main(void *arg)
{
    (void)arg;
    uv_run(&K.loop, UV_RUN_DEFAULT);
    return NULL;
}

int vdev_control_start(const char *path, int listen_fd, const int *client_fds, int nclients, bool wait_client)
{
    uv_loop_init(&K.loop);
    uv_async_init(&K.loop, &K.async, on_async);
    uv_pipe_init(&K.loop, &K.server, 0);
    int rc;
    if (listen_fd >= 0) {
        rc = uv_pipe_open(&K.server, listen_fd);
        fcntl(listen_fd, F_SETFD, FD_CLOEXEC);
    } else {
        struct stat st;
        if (lstat(path, &st) == 0) {
            if (!S_ISSOCK(st.st_mode))
                return -EEXIST; /* never remove anything but a stale socket */
            unlink(path);
        }
        rc = uv_pipe_bind(&K.server, path);
    }
    if (rc)
        return rc;
    rc = uv_listen((uv_stream_t *)&K.server, 8, on_connection);
    if (rc)
        return rc;
    K.has_server = true;
    for (int i = nclients - 1; i >= 0; i--) { /* the list keeps its order */
        fcntl(client_fds[i], F_SETFD, FD_CLOEXEC);
        add_client_fd(client_fds[i]);
    }
    vdev_events_add_sink(sink, NULL);
    K.started = true;
    if (pthread_create(&K.thread, NULL, loop_main, NULL))
        return -EAGAIN;
    if (wait_client) {
        pthread_mutex_lock(&K.lock);
        while (K.nclients == 0)
            pthread_cond_wait(&K.cv, &K.lock);
        pthread_mutex_unlock(&K.lock);
    }
    return 0;
}

static void drain_locked(void);

void vdev_control_drain(void)
{
    if (!K.started)
        return;
    uv_async_send(&K.async);
    pthread_mutex_lock(&K.lock);
    drain_locked();
    pthread_mutex_unlock(&K.lock);
}

/* From the crash handler: best effort, never blocks on a lock the crashing
 * thread may hold. */
void vdev_control_crash_drain(void)
{
    if (!K.started)
        return;
    uv_async_send(&K.async);
    for (int i = 0; i < 100; i++) {
        if (pthread_mutex_trylock(&K.lock) == 0) {
            drain_locked();
            pthread_mutex_unlock(&K.lock);
            return;
        }
        usleep(10000);
    }
}

static void drain_locked(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    ts.tv_sec += 2;
    while ((K.out_head || K.pending_writes) && K.nclients > 0)
        if (pthread_cond_timedwait(&K.cv, &K.lock, &ts))
            break;
}

void vdev_control_prepare_exec(int *listen_fd, int *client_fds, int max, int *nclients)
{
    *listen_fd = -1;
    *nclients = 0;
    if (!K.started)
        return;
    vdev_control_drain();
    uv_os_fd_t fd;
    if (uv_fileno((uv_handle_t *)&K.server, &fd) == 0) {
        fcntl(fd, F_SETFD, 0);
        *listen_fd = fd;
    }
    for (struct client *c = K.clients; c && *nclients < max; c = c->next) {
        if (c->closing || uv_fileno((uv_handle_t *)&c->pipe, &fd) != 0)
            continue;
        int flags = fcntl(fd, F_GETFL);
        fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
        fcntl(fd, F_SETFD, 0);
        client_fds[(*nclients)++] = fd;
    }
}
