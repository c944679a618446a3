/* scenarios/coord.c - the coordinator: device processes, their control
 * channels, lockstep time and wires between devices. Everything a device
 * reports is read here; what each device sent is kept per device and acted
 * on in device order, so a run does not depend on how the host scheduled
 * the processes. */
#define _GNU_SOURCE
#include "coord_priv.h"

#include "../sim/hex.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

void coord_set_input(struct coord *c, int fd, void (*fn)(void *ctx), void *ctx)
{
    c->input_fd = fd;
    c->input_fn = fn;
    c->input_ctx = ctx;
}

struct coord *coord_new(bool lockstep, const char *workdir)
{
    struct coord *c = calloc(1, sizeof(*c));
    if (!c)
        return NULL;
    c->lockstep = lockstep;
    c->input_fd = -1;
    c->air = air_new();
    if (!c->air) {
        free(c);
        return NULL;
    }
    snprintf(c->workdir, sizeof(c->workdir), "%s", workdir);
    c->next_id = 1;
    return c;
}

void coord_set_observer(struct coord *c, coord_event_fn fn, void *ctx)
{
    c->observer = fn;
    c->observer_ctx = ctx;
}

int coord_add_device(struct coord *c, const struct coord_device_spec *s)
{
    if (c->ndev == COORD_MAX_DEVICES)
        return -ENOSPC;
    struct device *d = &c->dev[c->ndev];
    memset(d, 0, sizeof(*d));
    snprintf(d->name, sizeof(d->name), "%s", s->name);
    snprintf(d->image, sizeof(d->image), "%s", s->image);
    snprintf(d->sock, sizeof(d->sock), "%s/%d.sock", c->workdir, c->ndev);
    snprintf(d->errpath, sizeof(d->errpath), "%s/%d.stderr", c->workdir, c->ndev);
    if (s->events_path)
        snprintf(d->events, sizeof(d->events), "%s", s->events_path);
    if (s->hosts_path)
        snprintf(d->hosts, sizeof(d->hosts), "%s", s->hosts_path);
    if (s->btsnoop_path)
        snprintf(d->btsnoop, sizeof(d->btsnoop), "%s", s->btsnoop_path);
    if (s->flash_path) {
        snprintf(d->flash, sizeof(d->flash), "%s", s->flash_path);
    } else if (c->lockstep) { /* a new flash for every run: runs stay deterministic */
        snprintf(d->flash, sizeof(d->flash), "%s/%d.flash", c->workdir, c->ndev);
        d->flash_temp = true;
    }
    d->flash_reset = s->flash_reset || d->flash_temp;
    d->platform = s->platform;
    d->seed = s->seed;
    d->fd = -1;
    d->pid = -1;
    d->next = 0;
    air_place(c->air, c->ndev, s->seed * 0x9E3779B97F4A7C15ull + (uint64_t)c->ndev, NULL, NULL);
    return c->ndev++;
}

void coord_place_device(struct coord *c, int dev, const double *pos, const int *rssi)
{
    air_place(c->air, dev, 0, pos, rssi);
}

int coord_add_wire(struct coord *c, int from_dev, const char *from, int to_dev, const char *to)
{
    if (c->nwires == (int)(sizeof(c->wires) / sizeof(c->wires[0])))
        return -ENOSPC;
    struct wire *w = &c->wires[c->nwires++];
    memset(w, 0, sizeof(*w));
    w->from = from_dev;
    w->to = to_dev;
    snprintf(w->from_port, sizeof(w->from_port), "%s", from);
    snprintf(w->to_port, sizeof(w->to_port), "%s", to);
    w->serial = !strncmp(from, "Serial", 6);
    return 0;
}

int coord_device_count(const struct coord *c) { return c->ndev; }
const char *coord_device_name(const struct coord *c, int i) { return c->dev[i].name; }
uint64_t coord_now(const struct coord *c) { return c->now; }

int coord_device_find(const struct coord *c, const char *name)
{
    for (int i = 0; i < c->ndev; i++)
        if (!strcmp(c->dev[i].name, name))
            return i;
    return -1;
}

const char *coord_device_failure(const struct coord *c, int i) { return c->dev[i].failure[0] ? c->dev[i].failure : NULL; }

int coord_last_events(const struct coord *c, int i, const char **lines, int max)
{
    const struct device *d = &c->dev[i];
    int n = 0;
    for (int k = 0; k < d->nlast && n < max; k++)
        lines[n++] = d->last[(d->lastpos - d->nlast + k + COORD_LAST_EVENTS) % COORD_LAST_EVENTS];
    return n;
}

const char *coord_device_stderr(struct coord *c, int i)
{
    struct device *d = &c->dev[i];
    free(d->stderr_text);
    d->stderr_text = NULL;
    FILE *f = fopen(d->errpath, "r");
    if (!f)
        return "";
    char *text = calloc(1, 16385);
    size_t n = text ? fread(text, 1, 16384, f) : 0;
    fclose(f);
    if (text)
        text[n] = 0;
    d->stderr_text = text;
    return text ? text : "";
}

/* ---- commands and time ---- */

static bool got_reply(struct coord *c, void *ctx)
{
    struct device *d = ctx;
    (void)c;
    return d->reply && (!c->lockstep || d->paused || d->exited);
}

json_t *coord_command(struct coord *c, int i, json_t *cmd, char *err, size_t errlen)
{
    struct device *d = &c->dev[i];
    if (d->exited) {
        coord_copy_msg_(err, errlen, d->failure[0] ? d->failure : "the device has stopped");
        return NULL;
    }
    json_int_t id = c->next_id++;
    json_object_set_new(cmd, "id", json_integer(id));
    char *text = json_dumps(cmd, JSON_COMPACT);
    if (!text)
        return NULL;
    json_decref(d->reply);
    d->reply = NULL;
    d->waiting_id = id;
    d->paused = false;
    size_t n = strlen(text);
    char *line = malloc(n + 2);
    if (!line) {
        free(text);
        return NULL;
    }
    memcpy(line, text, n);
    line[n] = '\n';
    line[n + 1] = 0;
    free(text);
    int rc = coord_send_line_(d, line);
    free(line);
    if (rc || coord_pump_(c, got_reply, d, err, errlen)) {
        if (rc)
            coord_copy_msg_(err, errlen, d->failure[0] ? d->failure : "lost the device's control channel");
        d->waiting_id = 0;
        return NULL;
    }
    d->waiting_id = 0;
    json_t *r = d->reply;
    d->reply = NULL;
    return r;
}

/* Hand what wires carried during the slice to the other ends. */
static int deliver_wires(struct coord *c, char *err, size_t errlen)
{
    for (int k = 0; k < c->nwires; k++) {
        struct wire *w = &c->wires[k];
        for (size_t p = 0; p < w->plen;) {
            bool fwd = w->pending[p] == '>';
            uint32_t n;
            memcpy(&n, w->pending + p + 1, sizeof(n));
            const unsigned char *bytes = (const unsigned char *)w->pending + p + 1 + sizeof(n);
            char *hex = vdev_hex_dup(bytes, n);
            if (!hex)
                return -1;
            int to = fwd ? w->to : w->from;
            json_t *r = coord_command(c, to, json_pack("{s:s,s:s,s:s}", "cmd", "serial-write", "port",
                                                       fwd ? w->to_port : w->from_port, "hex", hex),
                                      err, errlen);
            free(hex);
            if (!r)
                return -1;
            json_decref(r);
            p += 1 + sizeof(n) + n;
        }
        w->plen = 0;
        for (int l = 0; l < w->nlevels; l++) {
            json_t *r = coord_command(c, w->to, json_pack("{s:s,s:s,s:i}", "cmd", "set-pin", "pin", w->to_port,
                                                          "value", w->levels[l]),
                                      err, errlen);
            if (!r)
                return -1;
            json_decref(r);
        }
        w->nlevels = 0;
    }
    return 0;
}

static int grant_all(struct coord *c, uint64_t t, char *err, size_t errlen)
{
    for (int i = 0; i < c->ndev; i++) {
        struct device *d = &c->dev[i];
        if (d->exited)
            continue;
        json_int_t id = c->next_id++;
        char line[128];
        snprintf(line, sizeof(line), "{\"id\":%lld,\"cmd\":\"run\",\"until\":%llu}\n", (long long)id,
                 (unsigned long long)t);
        d->paused = false;
        if (coord_send_line_(d, line))
            coord_device_gone_(d);
    }
    if (coord_pump_(c, coord_all_paused_, &t, err, errlen))
        return -1;
    for (int i = 0; i < c->ndev; i++)
        if (c->dev[i].exited) {
            coord_copy_msg_(err, errlen, c->dev[i].failure);
            return -1;
        }
    return 0;
}

int coord_advance(struct coord *c, uint64_t target, bool (*until)(void *ctx), void *ctx, char *err, size_t errlen)
{
    for (;;) {
        if (until && until(ctx))
            return 1;
        if (c->now >= target)
            return 0;
        uint64_t t = target;
        bool air = air_busy(c->air);
        if (air) {
            uint64_t an = air_next(c);
            if (an <= c->now) { /* due now: deliver before time moves */
                if (air_deliver(c, c->now, err, errlen))
                    return -1;
                continue;
            }
            t = t < an ? t : an;
        }
        if (until || c->nwires || air) { /* stop at each device's next activity */
            for (int i = 0; i < c->ndev; i++) {
                const struct device *d = &c->dev[i];
                if (d->exited)
                    continue;
                if (d->next <= c->now)
                    t = t < c->now + QUANTUM_US ? t : c->now + QUANTUM_US;
                else if (d->next < t)
                    t = d->next;
            }
        }
        if (grant_all(c, t, err, errlen) || deliver_wires(c, err, errlen))
            return -1;
        c->now = t;
        if (air_busy(c->air) && air_deliver(c, t, err, errlen))
            return -1;
    }
}

void coord_stop(struct coord *c)
{
    for (int i = 0; i < c->ndev; i++) {
        struct device *d = &c->dev[i];
        if (d->fd >= 0 && !d->exited)
            coord_send_line_(d, "{\"cmd\":\"stop\"}\n");
    }
    long long start = coord_ms_now_();
    for (int i = 0; i < c->ndev; i++) {
        struct device *d = &c->dev[i];
        while (d->pid > 0) {
            int st;
            pid_t r = waitpid(d->pid, &st, WNOHANG);
            if (r == d->pid || r < 0) {
                d->pid = -1;
                break;
            }
            if (coord_ms_now_() - start > 5000)
                kill(d->pid, SIGKILL);
            usleep(1000);
        }
        if (d->fd >= 0) {
            /* read what is left (the stop event) */
            while (d->fd >= 0) {
                struct pollfd p = { .fd = d->fd, .events = POLLIN };
                if (poll(&p, 1, 100) <= 0)
                    break;
                coord_read_device_(c, i);
            }
            if (d->fd >= 0)
                close(d->fd);
            d->fd = -1;
        }
        d->exited = true;
    }
}

void coord_free(struct coord *c)
{
    if (!c)
        return;
    coord_stop(c);
    for (int i = 0; i < c->ndev; i++) {
        struct device *d = &c->dev[i];
        free(d->buf);
        json_decref(d->reply);
        for (int k = 0; k < COORD_LAST_EVENTS; k++)
            free(d->last[k]);
        free(d->stderr_text);
        unlink(d->sock);
        unlink(d->errpath);
        if (d->flash_temp)
            unlink(d->flash);
    }
    for (int k = 0; k < c->nwires; k++)
        free(c->wires[k].pending);
    air_free(c->air);
    free(c);
}

static bool stop_requested(struct coord *c, void *ctx)
{
    bool all_gone = true;
    for (int i = 0; i < c->ndev; i++)
        if (!c->dev[i].exited)
            all_gone = false;
    return all_gone || *(volatile int *)ctx;
}

static bool wire_or_stop(struct coord *c, void *ctx)
{
    if (air_busy(c->air) && air_next(c) <= (uint64_t)(coord_ms_now_() - c->rt_start) * 1000u)
        return true;
    for (int k = 0; k < c->nwires; k++)
        if (c->wires[k].plen || c->wires[k].nlevels)
            return true;
    return stop_requested(c, ctx);
}

int coord_run_realtime(struct coord *c, volatile int *stop_flag)
{
    char err[256];
    c->rt_start = coord_ms_now_();
    while (!stop_requested(c, (void *)stop_flag)) {
        c->poll_ms = air_busy(c->air) ? 5 : 1000;
        int rc = coord_pump_(c, wire_or_stop, (void *)stop_flag, err, sizeof(err));
        c->now = (uint64_t)(coord_ms_now_() - c->rt_start) * 1000u;
        if (air_busy(c->air))
            air_deliver(c, c->now, err, sizeof(err));
        if (rc)
            continue;
        if (c->nwires)
            deliver_wires(c, err, sizeof(err));
    }
    coord_stop(c);
    return 0;
}
