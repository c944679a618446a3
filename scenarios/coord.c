/* scenarios/coord.c - the coordinator: device processes, their control
 * channels, lockstep time and wires between devices. Everything a device
 * reports is read here; what each device sent is kept per device and acted
 * on in device order, so a run does not depend on how the host scheduled
 * the processes. */
#define _GNU_SOURCE
#include "coord.h"

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

/* paths and names are bounded; a cut one fails where it is used */
#pragma GCC diagnostic ignored "-Wformat-truncation"

#define QUANTUM_US 1000u        /* slice while a device is busy (latency of wires) */
#define STALL_MS 60000          /* a device silent this long while we wait is hung */
#define FOREVER UINT64_MAX

struct device {
    char name[64];
    char image[4096];
    char sock[4096];
    char errpath[4096];
    char events[4096];
    const struct vdev_platform *platform;
    uint64_t seed;
    pid_t pid;
    int fd;
    char *buf;
    size_t len, cap;
    bool paused, exited;
    uint64_t paused_at, next;
    json_int_t waiting_id;
    json_t *reply;
    char failure[512];
    char *last[COORD_LAST_EVENTS];
    int nlast, lastpos;
    char *stderr_text;
};

struct wire {
    int from, to;
    char from_port[16], to_port[16];
    bool serial;
    /* pending serial bytes or pin levels, delivered at the end of a slice */
    char *pending;
    size_t plen;
    int levels[64];
    int nlevels;
};

struct coord {
    bool lockstep;
    char workdir[4096];
    struct device dev[COORD_MAX_DEVICES];
    int ndev;
    struct wire wires[COORD_MAX_DEVICES * 2];
    int nwires;
    uint64_t now;
    json_int_t next_id;
    coord_event_fn observer;
    void *observer_ctx;
    int input_fd;
    void (*input_fn)(void *ctx);
    void *input_ctx;
    bool in_input;
};

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
    d->platform = s->platform;
    d->seed = s->seed;
    d->fd = -1;
    d->pid = -1;
    d->next = 0;
    return c->ndev++;
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
const struct vdev_platform *coord_device_platform(const struct coord *c, int i) { return c->dev[i].platform; }
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
        if (c->observer)
            c->observer(c->observer_ctx, i, ev);
    }
    json_decref(ev);
}

static void device_gone(struct device *d)
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

static void read_device(struct coord *c, int i)
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
        device_gone(d);
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

static void copy_msg(char *err, size_t errlen, const char *msg)
{
    size_t n = strlen(msg);
    if (!errlen)
        return;
    if (n >= errlen)
        n = errlen - 1;
    memmove(err, msg, n);
    err[n] = 0;
}

static long long ms_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Read from every device until done(c, ctx) holds; -1 if a device it waits
 * for went away or stayed silent for STALL_MS. */
static int pump(struct coord *c, bool (*done)(struct coord *, void *), void *ctx, char *err, size_t errlen)
{
    long long last = ms_now();
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
        int r = poll(pfd, (nfds_t)n, 1000);
        if (r < 0 && errno != EINTR)
            return -1;
        if (r > 0) {
            last = ms_now();
            for (int k = 0; k < ndev; k++)
                if (pfd[k].revents & (POLLIN | POLLHUP | POLLERR))
                    read_device(c, map[k]);
            if (n > ndev && pfd[ndev].revents) {
                c->in_input = true;
                c->input_fn(c->input_ctx);
                c->in_input = false;
            }
        } else if (ms_now() - last > STALL_MS) {
            snprintf(err, errlen, "no answer from the devices for %d s", STALL_MS / 1000);
            return -1;
        }
        for (int i = 0; i < c->ndev; i++)
            if (c->dev[i].exited && c->dev[i].waiting_id) {
                copy_msg(err, errlen, c->dev[i].failure);
                return -1;
            }
    }
    return 0;
}

/* ---- starting ---- */

static int spawn(struct coord *c, struct device *d)
{
    char seed[32];
    snprintf(seed, sizeof(seed), "%llu", (unsigned long long)d->seed);
    const char *argv[24];
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

static int connect_device(struct device *d, char *err, size_t errlen)
{
    struct sockaddr_un sa = { .sun_family = AF_UNIX };
    if (strlen(d->sock) >= sizeof(sa.sun_path)) {
        snprintf(err, errlen, "socket path too long: %s", d->sock);
        return -1;
    }
    strcpy(sa.sun_path, d->sock);
    long long start = ms_now();
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
        if (ms_now() - start > 20000) {
            snprintf(err, errlen, "device %s does not open its control channel", d->name);
            return -1;
        }
        usleep(2000);
    }
}

static bool all_paused(struct coord *c, void *ctx)
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
        if (spawn(c, &c->dev[i])) {
            snprintf(err, errlen, "cannot start device %s: %s", c->dev[i].name, strerror(errno));
            return -1;
        }
    }
    for (int i = 0; i < c->ndev; i++)
        if (connect_device(&c->dev[i], err, errlen))
            return -1;
    if (!c->lockstep)
        return 0;
    uint64_t zero = 0;
    return pump(c, all_paused, &zero, err, errlen);
}

/* ---- commands and time ---- */

static bool got_reply(struct coord *c, void *ctx)
{
    struct device *d = ctx;
    (void)c;
    return d->reply && (!c->lockstep || d->paused || d->exited);
}

static int send_line(struct device *d, const char *line)
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

json_t *coord_command(struct coord *c, int i, json_t *cmd, char *err, size_t errlen)
{
    struct device *d = &c->dev[i];
    if (d->exited) {
        copy_msg(err, errlen, d->failure[0] ? d->failure : "the device has stopped");
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
    int rc = send_line(d, line);
    free(line);
    if (rc || pump(c, got_reply, d, err, errlen)) {
        if (rc)
            copy_msg(err, errlen, d->failure[0] ? d->failure : "lost the device's control channel");
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
            char *hex = malloc(2 * (size_t)n + 1);
            if (!hex)
                return -1;
            for (uint32_t b = 0; b < n; b++)
                sprintf(hex + 2 * b, "%02x", bytes[b]);
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
        if (send_line(d, line))
            device_gone(d);
    }
    if (pump(c, all_paused, &t, err, errlen))
        return -1;
    for (int i = 0; i < c->ndev; i++)
        if (c->dev[i].exited) {
            copy_msg(err, errlen, c->dev[i].failure);
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
        if (until || c->nwires) { /* stop at each device's next activity */
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
    }
}

void coord_stop(struct coord *c)
{
    for (int i = 0; i < c->ndev; i++) {
        struct device *d = &c->dev[i];
        if (d->fd >= 0 && !d->exited)
            send_line(d, "{\"cmd\":\"stop\"}\n");
    }
    long long start = ms_now();
    for (int i = 0; i < c->ndev; i++) {
        struct device *d = &c->dev[i];
        while (d->pid > 0) {
            int st;
            pid_t r = waitpid(d->pid, &st, WNOHANG);
            if (r == d->pid || r < 0) {
                d->pid = -1;
                break;
            }
            if (ms_now() - start > 5000)
                kill(d->pid, SIGKILL);
            usleep(1000);
        }
        if (d->fd >= 0) {
            /* read what is left (the stop event) */
            while (d->fd >= 0) {
                struct pollfd p = { .fd = d->fd, .events = POLLIN };
                if (poll(&p, 1, 100) <= 0)
                    break;
                read_device(c, i);
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
    }
    for (int k = 0; k < c->nwires; k++)
        free(c->wires[k].pending);
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
    for (int k = 0; k < c->nwires; k++)
        if (c->wires[k].plen || c->wires[k].nlevels)
            return true;
    return stop_requested(c, ctx);
}

int coord_run_realtime(struct coord *c, volatile int *stop_flag)
{
    char err[256];
    while (!stop_requested(c, (void *)stop_flag)) {
        if (pump(c, wire_or_stop, (void *)stop_flag, err, sizeof(err)))
            continue;
        if (c->nwires)
            deliver_wires(c, err, sizeof(err));
    }
    coord_stop(c);
    return 0;
}
