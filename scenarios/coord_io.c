/* scenarios/coord_io.c - the coordinator's side of the device processes:
 * starting them, reading and interpreting what they send (events, replies,
 * pauses), noticing when one goes away. */
#define _GNU_SOURCE
#include "coord_priv.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* ---- reading what devices say ---- */

static void remember(struct device *d, const char *line)
{
    free(d->last[d->lastpos]);
    d->last[d->lastpos] = strdup(line);
    d->lastpos = (d->lastpos + 1) % COORD_LAST_EVENTS;
    if (d->nlast < COORD_LAST_EVENTS)
        d->nlast++;
}

static void queue_wire_data(struct coord *c, int i, json_t *ev)
{
    const char *type = json_string_value(json_object_get(ev, "type"));
    for (int k = 0; k < c->nwires; k++) {
        struct wire *w = &c->wires[k];
        bool fwd = w->from == i, back = w->serial && w->to == i;
        if (!fwd && !back)
            continue;
        const char *port = fwd ? w->from_port : w->to_port;
        if (w->serial && !strcmp(type, "serial") && !strcmp(json_string_value(json_object_get(ev, "port")), port)) {
            /* the bytes go to the other end: chunks of [direction][length][bytes] */
            json_t *data = json_object_get(ev, "data"), *hex = json_object_get(ev, "hex");
            size_t n = data ? json_string_length(data) : hex ? json_string_length(hex) / 2 : 0;
            if (!n)
                continue;
            char *grown = realloc(w->pending, w->plen + n + 1 + sizeof(uint32_t));
            if (!grown)
                continue;
            w->pending = grown;
            w->pending[w->plen++] = fwd ? '>' : '<';
            uint32_t len32 = (uint32_t)n;
            memcpy(w->pending + w->plen, &len32, sizeof(len32));
            w->plen += sizeof(len32);
            if (data) {
                memcpy(w->pending + w->plen, json_string_value(data), n);
            } else {
                const char *h = json_string_value(hex);
                for (size_t b = 0; b < n; b++) {
                    unsigned v;
                    sscanf(h + 2 * b, "%2x", &v);
                    w->pending[w->plen + b] = (char)v;
                }
            }
            w->plen += n;
        } else if (!w->serial && fwd && !strcmp(type, "pin") &&
                   !strcmp(json_string_value(json_object_get(ev, "pin")), w->from_port)) {
            if (w->nlevels < 64)
                w->levels[w->nlevels++] = (int)json_integer_value(json_object_get(ev, "value"));
        }
    }
}

static void handle_line(struct coord *c, int i, char *line)
{
    struct device *d = &c->dev[i];
    json_error_t jerr;
    json_t *ev = json_loads(line, 0, &jerr);
    if (!ev || !json_is_object(ev)) {
        json_decref(ev);
        return;
    }
    const char *type = json_string_value(json_object_get(ev, "type"));
    if (!type) {
        json_decref(ev);
        return;
    }
    if (!strcmp(type, "paused")) {
        d->paused = true;
        d->paused_at = (uint64_t)json_integer_value(json_object_get(ev, "t"));
        json_t *next = json_object_get(ev, "next");
        d->next = json_is_integer(next) ? (uint64_t)json_integer_value(next) : FOREVER;
    } else if (!strcmp(type, "reply")) {
        json_t *id = json_object_get(ev, "id");
        if (json_is_integer(id) && json_integer_value(id) == d->waiting_id) {
            json_decref(d->reply);
            d->reply = json_incref(ev);
        }
    } else {
        remember(d, line);
        if (!strcmp(type, "panic")) {
            char msg[sizeof(d->failure)];
            snprintf(msg, sizeof(msg), "device %s crashed (panic code %lld%s%s)", d->name,
                     (long long)json_integer_value(json_object_get(ev, "code")),
                     json_object_get(ev, "signal") ? ", " : "",
                     json_object_get(ev, "signal") ? json_string_value(json_object_get(ev, "signal")) : "");
            memcpy(d->failure, msg, sizeof(msg));
        }
        queue_wire_data(c, i, ev);
        if (!strncmp(type, "ble-", 4))
            air_on_event(c, i, ev);
        else if (!strcmp(type, "reset") || !strcmp(type, "panic") || !strcmp(type, "stop"))
            air_device_gone(c, i, (uint64_t)json_integer_value(json_object_get(ev, "t")));
        if (c->observer)
            c->observer(c->observer_ctx, i, ev);
    }
    json_decref(ev);
}

void coord_device_gone_(struct device *d)
{
    if (d->exited)
        return;
    d->exited = true;
    if (d->fd >= 0)
        close(d->fd);
    d->fd = -1;
    int st = 0;
    if (d->pid > 0 && waitpid(d->pid, &st, 0) == d->pid && !d->failure[0]) {
        if (WIFEXITED(st) && WEXITSTATUS(st) == 0)
            snprintf(d->failure, sizeof(d->failure), "device %s stopped", d->name);
        else if (WIFEXITED(st))
            snprintf(d->failure, sizeof(d->failure), "device %s exited with status %d", d->name, WEXITSTATUS(st));
        else
            snprintf(d->failure, sizeof(d->failure), "device %s was killed by signal %d", d->name, WTERMSIG(st));
    }
    d->pid = -1;
}

void coord_read_device_(struct coord *c, int i)
{
    struct device *d = &c->dev[i];
    if (d->cap - d->len < 65536) {
        size_t ncap = d->cap ? d->cap * 2 : 131072;
        char *nb = realloc(d->buf, ncap);
        if (!nb)
            return;
        d->buf = nb;
        d->cap = ncap;
    }
    ssize_t n = read(d->fd, d->buf + d->len, d->cap - d->len - 1);
    if (n < 0 && (errno == EINTR || errno == EAGAIN))
        return;
    if (n <= 0) {
        coord_device_gone_(d);
        air_device_gone(c, i, c->now);
        return;
    }
    d->len += (size_t)n;
    d->buf[d->len] = 0;
    char *start = d->buf, *nl;
    while ((nl = memchr(start, '\n', d->len - (size_t)(start - d->buf)))) {
        *nl = 0;
        handle_line(c, i, start);
        start = nl + 1;
    }
    d->len -= (size_t)(start - d->buf);
    memmove(d->buf, start, d->len);
}

void coord_copy_msg_(char *err, size_t errlen, const char *msg)
{
    size_t n = strlen(msg);
    if (!errlen)
        return;
    if (n >= errlen)
        n = errlen - 1;
    memmove(err, msg, n);
    err[n] = 0;
}

long long coord_ms_now_(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Read from every device until done(c, ctx) holds; -1 if a device it waits
 * for went away or stayed silent for STALL_MS. */
int coord_pump_(struct coord *c, bool (*done)(struct coord *, void *), void *ctx, char *err, size_t errlen)
{
    long long last = coord_ms_now_();
    while (!done(c, ctx)) {
        struct pollfd pfd[COORD_MAX_DEVICES + 1];
        int map[COORD_MAX_DEVICES + 1], n = 0;
        for (int i = 0; i < c->ndev; i++)
            if (c->dev[i].fd >= 0) {
                pfd[n] = (struct pollfd){ .fd = c->dev[i].fd, .events = POLLIN };
                map[n++] = i;
            }
        if (n == 0) {
            if (done(c, ctx))
                return 0;
            snprintf(err, errlen, "every device has stopped");
            return -1;
        }
        int ndev = n;
        if (c->input_fd >= 0 && !c->in_input) {
            pfd[n] = (struct pollfd){ .fd = c->input_fd, .events = POLLIN };
            map[n++] = -1;
        }
        int r = poll(pfd, (nfds_t)n, c->poll_ms > 0 ? c->poll_ms : 1000);
        if (r < 0 && errno != EINTR)
            return -1;
        if (r > 0) {
            last = coord_ms_now_();
            for (int k = 0; k < ndev; k++)
                if (pfd[k].revents & (POLLIN | POLLHUP | POLLERR))
                    coord_read_device_(c, map[k]);
            if (n > ndev && pfd[ndev].revents) {
                c->in_input = true;
                c->input_fn(c->input_ctx);
                c->in_input = false;
            }
        } else if (coord_ms_now_() - last > STALL_MS) {
            snprintf(err, errlen, "no answer from the devices for %d s", STALL_MS / 1000);
            return -1;
        }
        for (int i = 0; i < c->ndev; i++)
            if (c->dev[i].exited && c->dev[i].waiting_id) {
                coord_copy_msg_(err, errlen, c->dev[i].failure);
                return -1;
            }
    }
    return 0;
}

/* ---- starting ---- */

int coord_spawn_(struct coord *c, struct device *d)
{
    char seed[32];
    snprintf(seed, sizeof(seed), "%llu", (unsigned long long)d->seed);
    const char *argv[28];
    int n = 0;
    argv[n++] = d->image;
    argv[n++] = "--platform";
    argv[n++] = d->platform->name;
    argv[n++] = "--clock";
    argv[n++] = c->lockstep ? "virtual" : "real";
    if (c->lockstep)
        argv[n++] = "--lockstep";
    else
        argv[n++] = "--x-control-wait";
    argv[n++] = "--control";
    argv[n++] = d->sock;
    argv[n++] = "--name";
    argv[n++] = d->name;
    argv[n++] = "--seed";
    argv[n++] = seed;
    if (d->events[0]) {
        argv[n++] = "--events";
        argv[n++] = d->events;
    }
    if (d->hosts[0]) {
        argv[n++] = "--hosts";
        argv[n++] = d->hosts;
    }
    if (d->btsnoop[0]) {
        argv[n++] = "--btsnoop";
        argv[n++] = d->btsnoop;
    }
    if (d->flash[0]) {
        argv[n++] = "--flash";
        argv[n++] = d->flash;
    }
    if (d->flash_reset)
        argv[n++] = "--flash-reset";
    argv[n] = NULL;
    pid_t pid = fork();
    if (pid < 0)
        return -errno;
    if (pid == 0) {
        int in = open("/dev/null", O_RDONLY);
        int out = open("/dev/null", O_WRONLY);
        int errfd = c->lockstep ? open(d->errpath, O_WRONLY | O_CREAT | O_TRUNC, 0644) : 2;
        if (in < 0 || out < 0 || errfd < 0)
            _exit(127);
        dup2(in, 0);
        dup2(out, 1);
        dup2(errfd, 2);
        execv(d->image, (char *const *)argv);
        _exit(127);
    }
    d->pid = pid;
    return 0;
}

int coord_connect_device_(struct device *d, char *err, size_t errlen)
{
    struct sockaddr_un sa = { .sun_family = AF_UNIX };
    if (strlen(d->sock) >= sizeof(sa.sun_path)) {
        snprintf(err, errlen, "socket path too long: %s", d->sock);
        return -1;
    }
    strcpy(sa.sun_path, d->sock);
    long long start = coord_ms_now_();
    for (;;) {
        int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (fd >= 0 && connect(fd, (struct sockaddr *)&sa, sizeof(sa)) == 0) {
            d->fd = fd;
            return 0;
        }
        if (fd >= 0)
            close(fd);
        int st;
        if (waitpid(d->pid, &st, WNOHANG) == d->pid) {
            d->pid = -1;
            d->exited = true;
            snprintf(err, errlen, "device %s did not start (exit status %d)", d->name,
                     WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st));
            return -1;
        }
        if (coord_ms_now_() - start > 20000) {
            snprintf(err, errlen, "device %s does not open its control channel", d->name);
            return -1;
        }
        usleep(2000);
    }
}

bool coord_all_paused_(struct coord *c, void *ctx)
{
    uint64_t t = *(uint64_t *)ctx;
    for (int i = 0; i < c->ndev; i++)
        if (!c->dev[i].exited && (!c->dev[i].paused || c->dev[i].paused_at < t))
            return false;
    return true;
}

int coord_start(struct coord *c, char *err, size_t errlen)
{
    for (int i = 0; i < c->ndev; i++) {
        if (coord_spawn_(c, &c->dev[i])) {
            snprintf(err, errlen, "cannot start device %s: %s", c->dev[i].name, strerror(errno));
            return -1;
        }
    }
    for (int i = 0; i < c->ndev; i++)
        if (coord_connect_device_(&c->dev[i], err, errlen))
            return -1;
    if (!c->lockstep)
        return 0;
    uint64_t zero = 0;
    return coord_pump_(c, coord_all_paused_, &zero, err, errlen);
}

int coord_send_line_(struct device *d, const char *line)
{
    size_t n = strlen(line);
    while (n) {
        ssize_t w = write(d->fd, line, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        line += w;
        n -= (size_t)w;
    }
    return 0;
}
