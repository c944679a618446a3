/* scenarios/scenario.c - loading a scenario file: the top level (name,
 * timeout, devices, wires, steps), each step handed to its step type for
 * checking. Every problem is reported with file:line:col before anything
 * runs: unknown keys, bad durations, unknown pins or devices, missing apps. */
#define _GNU_SOURCE
#include "scenario.h"

#include "../sim/options.h"
#include "steps.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <sys/socket.h>
#include <sys/stat.h>

#define ERR(n, ...) ydoc_error(&s->doc, (n), err, errlen, __VA_ARGS__)

/* names and paths are bounded; a cut one fails its own check */
#pragma GCC diagnostic ignored "-Wformat-truncation"

int scen_keys(struct scenario *s, const struct ynode *map, const char *const *allowed, char *err, size_t errlen)
{
    for (size_t i = 0; i < map->n; i++) {
        const char *k = map->keys[i]->scalar;
        const char *const *a = allowed;
        while (*a && strcmp(*a, k))
            a++;
        if (!*a) {
            char list[256] = "";
            for (a = allowed; *a; a++)
                snprintf(list + strlen(list), sizeof(list) - strlen(list), "%s%s", a == allowed ? "" : ", ", *a);
            return ERR(map->keys[i], "unknown key '%s' (expected one of: %s)", k, list);
        }
    }
    return 0;
}

int scen_string(struct scenario *s, const struct ynode *n, const char **out, char *err, size_t errlen)
{
    if (!n || n->kind != YNODE_SCALAR)
        return ERR(n, "expected a string, found %s", n ? ynode_kind_name(n->kind) : "nothing");
    *out = n->scalar;
    return 0;
}

int scen_duration(struct scenario *s, const struct ynode *n, uint64_t *us, char *err, size_t errlen)
{
    if (!n || n->kind != YNODE_SCALAR || n->null)
        return ERR(n, "expected a duration such as 50ms, 2s or 1h");
    if (vdev_parse_duration(n->scalar, us))
        return ERR(n, "bad duration '%s' (use a number with us, ms, s, m, h or d, e.g. 50ms)", n->scalar);
    return 0;
}

int scen_int(struct scenario *s, const struct ynode *n, long long min, long long max, long long *out, char *err,
             size_t errlen)
{
    if (!n || n->kind != YNODE_SCALAR || n->null)
        return ERR(n, "expected a number from %lld to %lld", min, max);
    char *end;
    errno = 0;
    long long v = strtoll(n->scalar, &end, 0);
    if (errno || end == n->scalar || *end || v < min || v > max)
        return ERR(n, "expected a number from %lld to %lld, not '%s'", min, max, n->scalar);
    *out = v;
    return 0;
}

int scen_device_index(struct scenario *s, const struct ynode *n, int *dev, char *err, size_t errlen)
{
    const char *name = "";
    if (scen_string(s, n, &name, err, errlen))
        return -1;
    for (int i = 0; i < s->ndevices; i++)
        if (!strcmp(s->devices[i].name, name)) {
            *dev = i;
            return 0;
        }
    char list[256] = "";
    for (int i = 0; i < s->ndevices; i++)
        snprintf(list + strlen(list), sizeof(list) - strlen(list), "%s%s", i ? ", " : "", s->devices[i].name);
    return ERR(n, "no device named '%s' (devices: %s)", name, list);
}

int scen_pin(struct scenario *s, int dev, const struct ynode *n, const char **canonical, char *err, size_t errlen)
{
    const char *name = "";
    if (scen_string(s, n, &name, err, errlen))
        return -1;
    const struct vdev_platform *p = s->devices[dev].platform;
    int pin = vdev_platform_pin_lookup(p, name);
    if (pin < 0)
        return ERR(n, "unknown pin '%s' on %s", name, p->name);
    *canonical = vdev_platform_pin_name(p, pin);
    return 0;
}

/* "name:port" -> device index and port/pin name */
static int wire_end(struct scenario *s, const struct ynode *n, int *dev, char *port, size_t portlen, char *err,
                    size_t errlen)
{
    const char *text = "";
    if (scen_string(s, n, &text, err, errlen))
        return -1;
    const char *colon = strrchr(text, ':');
    if (!colon || colon == text || !colon[1])
        return ERR(n, "a wire end is DEVICE:PORT, e.g. left:Serial1 or left:D2, not '%s'", text);
    char name[64];
    snprintf(name, sizeof(name), "%.*s", (int)(colon - text), text);
    *dev = -1;
    for (int i = 0; i < s->ndevices; i++)
        if (!strcmp(s->devices[i].name, name))
            *dev = i;
    if (*dev < 0)
        return ERR(n, "no device named '%s'", name);
    const char *p = colon + 1;
    if (!strcmp(p, "Serial1")) {
        snprintf(port, portlen, "%s", p);
        return 0;
    }
    int pin = vdev_platform_pin_lookup(s->devices[*dev].platform, p);
    if (pin < 0)
        return ERR(n, "'%s' is neither Serial1 nor a pin of %s", p, s->devices[*dev].platform->name);
    snprintf(port, portlen, "%s", vdev_platform_pin_name(s->devices[*dev].platform, pin));
    return 0;
}

/* hosts: {name: address, ...} */
static int check_hosts(struct scenario *s, const struct ynode *map, char *err, size_t errlen)
{
    if (map->kind != YNODE_MAP)
        return ERR(map, "hosts is a mapping of names to addresses, e.g. {api.example.com: 127.0.0.1}");
    for (size_t i = 0; i < map->n; i++) {
        const struct ynode *v = map->items[i];
        unsigned char buf[16];
        if (v->kind != YNODE_SCALAR || (inet_pton(AF_INET, v->scalar, buf) != 1 && inet_pton(AF_INET6, v->scalar, buf) != 1))
            return ERR(v, "'%s' is not an IPv4 or IPv6 address", v->kind == YNODE_SCALAR ? v->scalar : "");
        if (!map->keys[i]->scalar[0] || strpbrk(map->keys[i]->scalar, " \t#"))
            return ERR(map->keys[i], "a host name has no spaces or '#'");
    }
    return 0;
}

static int load_devices(struct scenario *s, const struct ynode *list, char *err, size_t errlen)
{
    static const char *const keys[] = { "name", "app", "platform", "seed", "hosts", "position", "rssi", "flash", NULL };
    if (list->kind != YNODE_SEQ || list->n == 0)
        return ERR(list, "devices must be a list of at least one device");
    if (list->n > SCEN_MAX_DEVICES)
        return ERR(list, "at most %d devices", SCEN_MAX_DEVICES);
    char dir[PATH_MAX];
    snprintf(dir, sizeof(dir), "%s", s->path);
    char *slash = strrchr(dir, '/');
    if (slash)
        *slash = 0;
    else
        snprintf(dir, sizeof(dir), ".");
    for (size_t i = 0; i < list->n; i++) {
        const struct ynode *d = list->items[i];
        struct scen_device *dev = &s->devices[s->ndevices];
        if (d->kind != YNODE_MAP)
            return ERR(d, "a device is a mapping with app: (and name:, platform:, seed:)");
        if (scen_keys(s, d, keys, err, errlen))
            return -1;
        dev->node = d;
        const struct ynode *n = ynode_get(d, "app");
        const char *app = "";
        if (!n)
            return ERR(d, "device %zu has no app:", i + 1);
        if (scen_string(s, n, &app, err, errlen))
            return -1;
        /* apps are relative to the scenario's folder, else to the working directory */
        char path[PATH_MAX], real[PATH_MAX];
        if (app[0] == '/')
            snprintf(path, sizeof(path), "%s", app);
        else
            snprintf(path, sizeof(path), "%s/%s", dir, app);
        struct stat st;
        if (stat(path, &st) && app[0] != '/' && !stat(app, &st))
            snprintf(path, sizeof(path), "%s", app);
        if (stat(path, &st) || !realpath(path, real))
            return ERR(n, "no such app: %s", app);
        dev->app = strdup(real);
        /* the name: given, or (one device) the app's own name */
        char defname[41];
        const char *base = strrchr(real, '/') ? strrchr(real, '/') + 1 : real;
        snprintf(defname, sizeof(defname), "%.*s", (int)strcspn(base, "."), base);
        for (char *p = defname; *p; p++)
            if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-", *p))
                *p = '-';
        const char *name = defname;
        if ((n = ynode_get(d, "name")) && scen_string(s, n, &name, err, errlen))
            return -1;
        if (!n && list->n > 1)
            return ERR(d, "with several devices, each needs a name:");
        if (!*name || strlen(name) > 40 ||
            strspn(name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-") != strlen(name))
            return ERR(n, "a device name is 1 to 40 letters, digits, '-' or '_'");
        for (int k = 0; k < s->ndevices; k++)
            if (!strcmp(s->devices[k].name, name))
                return ERR(n, "two devices are named '%s'", name);
        dev->name = strdup(name);
        s->ndevices++;
        dev->platform = vdev_platform_by_name("argon");
        if ((n = ynode_get(d, "platform"))) {
            const char *pl = "";
            if (scen_string(s, n, &pl, err, errlen))
                return -1;
            if (!(dev->platform = vdev_platform_by_name(pl)))
                return ERR(n, "unknown platform '%s' (expected one of: %s)", pl, vdev_platform_names());
        }
        long long seed = 0;
        if ((n = ynode_get(d, "seed")) && scen_int(s, n, 0, LLONG_MAX, &seed, err, errlen))
            return -1;
        dev->seed = (uint64_t)seed;
        if ((n = ynode_get(d, "hosts")) && check_hosts(s, n, err, errlen))
            return -1;
        dev->hosts = n;
        if ((n = ynode_get(d, "flash"))) { /* a kept flash file, relative to the scenario's folder */
            const char *f = "";
            if (scen_string(s, n, &f, err, errlen))
                return -1;
            if (!*f)
                return ERR(n, "flash is the path of the device's flash file");
            char fp[PATH_MAX];
            snprintf(fp, sizeof(fp), f[0] == '/' ? "%s%s" : "%s/%s", f[0] == '/' ? "" : dir, f);
            dev->flash = strdup(fp);
        }
        if ((n = ynode_get(d, "position"))) {
            char *end0 = NULL, *end1 = NULL;
            if (n->kind != YNODE_SEQ || n->n != 2 || n->items[0]->kind != YNODE_SCALAR || n->items[1]->kind != YNODE_SCALAR ||
                (dev->pos[0] = strtod(n->items[0]->scalar, &end0), *end0) ||
                (dev->pos[1] = strtod(n->items[1]->scalar, &end1), *end1) || fabs(dev->pos[0]) > 1e4 || fabs(dev->pos[1]) > 1e4)
                return ERR(n, "position is [x, y] in metres, e.g. [2.5, 0]");
            dev->has_pos = true;
        }
        if ((n = ynode_get(d, "rssi"))) {
            long long v;
            if (scen_int(s, n, -127, 20, &v, err, errlen))
                return -1;
            dev->rssi = (int)v;
            dev->has_rssi = true;
        }
    }
    return 0;
}

static int load_wires(struct scenario *s, const struct ynode *list, char *err, size_t errlen)
{
    if (list->kind != YNODE_SEQ)
        return ERR(list, "wires must be a list of [DEVICE:PORT, DEVICE:PORT] pairs");
    for (size_t i = 0; i < list->n; i++) {
        const struct ynode *w = list->items[i];
        if (w->kind != YNODE_SEQ || w->n != 2)
            return ERR(w, "a wire is a pair such as [left:Serial1, right:Serial1]");
        if (s->nwires == (int)(sizeof(s->wires) / sizeof(s->wires[0])))
            return ERR(w, "too many wires");
        struct scen_wire *sw = &s->wires[s->nwires];
        if (wire_end(s, w->items[0], &sw->from, sw->from_port, sizeof(sw->from_port), err, errlen) ||
            wire_end(s, w->items[1], &sw->to, sw->to_port, sizeof(sw->to_port), err, errlen))
            return -1;
        bool serial_a = !strcmp(sw->from_port, "Serial1"), serial_b = !strcmp(sw->to_port, "Serial1");
        if (serial_a != serial_b)
            return ERR(w, "a wire joins two serial ports or two pins");
        if (sw->from == sw->to)
            return ERR(w, "a wire joins two different devices");
        s->nwires++;
    }
    return 0;
}

static int load_step(struct scenario *s, const struct ynode *item, char *err, size_t errlen)
{
    if (item->kind != YNODE_MAP || item->n != 1)
        return ERR(item, "a step is a mapping with one key, the step's name, e.g. '- delay: 50ms'");
    const char *name = item->keys[0]->scalar;
    const struct step_type *type = step_find(name);
    if (!type)
        return ERR(item->keys[0], "unknown step '%s' (steps: %s)", name, step_names());
    struct scen_step *st = &s->steps[s->nsteps];
    memset(st, 0, sizeof(*st));
    st->type = type;
    st->node = item->items[0];
    st->line = item->keys[0]->line;
    st->col = item->keys[0]->col;
    st->device = 0;
    const struct ynode *arg = st->node;
    if (arg->kind == YNODE_MAP) {
        const struct ynode *dv = ynode_get(arg, "device");
        if (dv && scen_device_index(s, dv, &st->device, err, errlen))
            return -1;
        if (!dv && s->ndevices > 1 && type->needs_device)
            return ERR(item->keys[0], "this step needs device: (the scenario has %d devices)", s->ndevices);
        const struct ynode *to = ynode_get(arg, "timeout");
        if (to) {
            if (scen_duration(s, to, &st->timeout, err, errlen))
                return -1;
            st->has_timeout = true;
        }
    } else if (s->ndevices > 1 && type->needs_device && !type->scalar_is_device) {
        return ERR(item->keys[0], "this step needs device: (the scenario has %d devices)", s->ndevices);
    }
    if (type->parse(s, st, err, errlen))
        return -1;
    s->nsteps++;
    return 0;
}

int scenario_load(const char *path, struct scenario *s, char *err, size_t errlen)
{
    static const char *const keys[] = { "name", "timeout", "devices", "wires", "hosts", "steps", NULL };
    memset(s, 0, sizeof(*s));
    s->path = strdup(path);
    if (ydoc_load_file(path, &s->doc, err, errlen))
        return -1;
    const struct ynode *root = s->doc.root;
    if (root->kind != YNODE_MAP)
        return ERR(root, "a scenario is a mapping with name:, devices: and steps:");
    if (scen_keys(s, root, keys, err, errlen))
        return -1;
    const struct ynode *n = ynode_get(root, "name");
    const char *name = NULL;
    if (n && scen_string(s, n, &name, err, errlen))
        return -1;
    if (!name) {
        const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
        name = base;
    }
    s->name = strdup(name);
    s->timeout = SCEN_NO_TIMEOUT;
    if ((n = ynode_get(root, "timeout")) && scen_duration(s, n, &s->timeout, err, errlen))
        return -1;
    if ((n = ynode_get(root, "hosts"))) {
        if (check_hosts(s, n, err, errlen))
            return -1;
        s->hosts = n;
    }
    if (!(n = ynode_get(root, "devices")))
        return ERR(root, "the scenario has no devices:");
    if (load_devices(s, n, err, errlen))
        return -1;
    if ((n = ynode_get(root, "wires")) && load_wires(s, n, err, errlen))
        return -1;
    n = ynode_get(root, "steps");
    if (!n || n->kind != YNODE_SEQ)
        return ERR(n ? n : root, "the scenario needs steps: (a list)");
    s->steps = calloc(n->n ? n->n : 1, sizeof(*s->steps));
    if (!s->steps)
        return ERR(n, "out of memory");
    for (size_t i = 0; i < n->n; i++)
        if (load_step(s, n->items[i], err, errlen))
            return -1;
    return 0;
}

void scenario_free(struct scenario *s)
{
    for (int i = 0; i < s->nsteps; i++)
        if (s->steps[i].type && s->steps[i].type->free)
            s->steps[i].type->free(s->steps[i].args);
    free(s->steps);
    for (int i = 0; i < s->ndevices; i++) {
        free(s->devices[i].name);
        free(s->devices[i].app);
        free(s->devices[i].flash);
    }
    free(s->name);
    free(s->path);
    ydoc_free(&s->doc);
    memset(s, 0, sizeof(*s));
}
