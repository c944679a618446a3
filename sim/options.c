/* sim/options.c - parsing of the device run options and of durations. */
#define _GNU_SOURCE
#include "options.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void vdev_opts_init(struct vdev_run_opts *o)
{
    memset(o, 0, sizeof(*o));
    o->clock = VDEV_CLOCK_REAL;
    o->for_us = VDEV_FOREVER;
    o->control_fd = o->serial1_fd = -1;
}

int vdev_parse_percent(const char *s, unsigned *ppm)
{
    char *end;
    errno = 0;
    double v = s ? strtod(s, &end) : -1;
    if (!s || errno || end == s || (*end && strcmp(end, "%")) || v < 0 || v > 100)
        return -EINVAL;
    *ppm = (unsigned)llround(v * 10000);
    return 0;
}

int vdev_parse_bandwidth(const char *s, uint64_t *bps)
{
    char *end;
    errno = 0;
    double v = s ? strtod(s, &end) : -1;
    if (!s || errno || end == s || v <= 0)
        return -EINVAL;
    double mul;
    if (!strcmp(end, "bit") || !strcmp(end, "bps"))
        mul = 1;
    else if (!strcmp(end, "kbit") || !strcmp(end, "kbps"))
        mul = 1e3;
    else if (!strcmp(end, "mbit") || !strcmp(end, "mbps"))
        mul = 1e6;
    else if (!strcmp(end, "gbit") || !strcmp(end, "gbps"))
        mul = 1e9;
    else
        return -EINVAL;
    *bps = (uint64_t)llround(v * mul);
    return *bps ? 0 : -EINVAL;
}

int vdev_parse_duration(const char *s, uint64_t *us)
{
    if (!s || !*s || isspace((unsigned char)*s) || *s == '-' || *s == '+')
        return -EINVAL;
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || end == s || !isfinite(v) || v < 0)
        return -EINVAL;
    double mul;
    if (!*end || !strcmp(end, "s"))
        mul = 1e6;
    else if (!strcmp(end, "ms"))
        mul = 1e3;
    else if (!strcmp(end, "us") || !strcmp(end, "µs"))
        mul = 1;
    else if (!strcmp(end, "m") || !strcmp(end, "min"))
        mul = 60e6;
    else if (!strcmp(end, "h"))
        mul = 3600e6;
    else if (!strcmp(end, "d"))
        mul = 86400e6;
    else
        return -EINVAL;
    double r = v * mul;
    if (r > 1.8e19)
        return -ERANGE;
    *us = (uint64_t)llround(r);
    return 0;
}

static int parse_u64(const char *s, uint64_t *out)
{
    if (!s || !*s || *s == '-')
        return -EINVAL;
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 0);
    if (errno || *end)
        return -EINVAL;
    *out = v;
    return 0;
}

static int parse_int(const char *s, int *out)
{
    uint64_t v;
    if (parse_u64(s, &v) || v > 0x7fffffff)
        return -EINVAL;
    *out = (int)v;
    return 0;
}

enum { A_NONE, A_VALUE };

static const struct optdef {
    const char *name;
    int arg;
    bool hidden;
} optdefs[] = {
    { "platform", A_VALUE, false }, { "clock", A_VALUE, false },   { "seed", A_VALUE, false },
    { "for", A_VALUE, false },      { "device-id", A_VALUE, false }, { "events", A_VALUE, false },
    { "trace", A_NONE, false },     { "control", A_VALUE, false }, { "lockstep", A_NONE, false },
    { "name", A_VALUE, false },     { "rtc", A_VALUE, false },    { "hosts", A_VALUE, false },
    { "net-delay", A_VALUE, false }, { "net-latency", A_VALUE, false }, { "net-jitter", A_VALUE, false },
    { "net-loss", A_VALUE, false },  { "net-bandwidth", A_VALUE, false }, { "net-down", A_NONE, false },
    { "ble", A_VALUE, false }, { "btsnoop", A_VALUE, false },
    { "flash", A_VALUE, false }, { "flash-reset", A_NONE, false },
    { "x-reset-reason", A_VALUE, true }, { "x-reset-data", A_VALUE, true },
    { "x-start-us", A_VALUE, true }, { "x-boot", A_VALUE, true }, { "x-control-fd", A_VALUE, true },
    { "x-client-fds", A_VALUE, true }, { "x-control-wait", A_NONE, true }, { "x-granted", A_VALUE, true }, { "x-serial1-fd", A_VALUE, true },
    { NULL, 0, false },
};

static int set_opt(struct vdev_run_opts *o, const char *name, const char *v, char *err, size_t errlen)
{
#define BAD(...) do { snprintf(err, errlen, __VA_ARGS__); return -1; } while (0)
    if (!strcmp(name, "platform")) {
        o->platform = vdev_platform_by_name(v);
        if (!o->platform)
            BAD("unknown platform '%s' (expected one of: %s)", v, vdev_platform_names());
    } else if (!strcmp(name, "clock")) {
        if (!strcmp(v, "real"))
            o->clock = VDEV_CLOCK_REAL;
        else if (!strcmp(v, "virtual"))
            o->clock = VDEV_CLOCK_VIRTUAL;
        else
            BAD("--clock takes 'real' or 'virtual', not '%s'", v);
    } else if (!strcmp(name, "seed")) {
        if (parse_u64(v, &o->seed))
            BAD("--seed takes a non-negative integer, not '%s'", v);
        o->seed_set = true;
    } else if (!strcmp(name, "for")) {
        if (vdev_parse_duration(v, &o->for_us))
            BAD("--for takes a duration such as 10s, 500ms or 2h, not '%s'", v);
    } else if (!strcmp(name, "device-id")) {
        size_t n = strlen(v);
        if (n != 24 || strspn(v, "0123456789abcdefABCDEF") != 24)
            BAD("--device-id takes 24 hexadecimal digits, not '%s'", v);
        for (size_t i = 0; i < 24; i++)
            o->device_id[i] = (char)tolower((unsigned char)v[i]);
        o->device_id[24] = 0;
    } else if (!strcmp(name, "events")) {
        o->events = v;
    } else if (!strcmp(name, "control")) {
        o->control = v;
    } else if (!strcmp(name, "name")) {
        o->name = v;
    } else if (!strcmp(name, "rtc")) {
        uint64_t t;
        if (strcmp(v, "host") && strcmp(v, "unset") && parse_u64(v, &t))
            BAD("--rtc takes 'host', 'unset' or a Unix time, not '%s'", v);
        o->rtc = v;
    } else if (!strcmp(name, "hosts")) {
        o->hosts = v;
    } else if (!strcmp(name, "ble")) {
        o->ble = v;
    } else if (!strcmp(name, "btsnoop")) {
        o->btsnoop = v;
    } else if (!strcmp(name, "flash")) {
        if (!*v)
            BAD("--flash takes a file name");
        o->flash = v;
    } else if (!strcmp(name, "net-delay") || !strcmp(name, "net-latency") || !strcmp(name, "net-jitter")) {
        uint64_t *dst = !strcmp(name, "net-delay") ? &o->net_delay_us
                        : !strcmp(name, "net-latency") ? &o->net_latency_us : &o->net_jitter_us;
        if (vdev_parse_duration(v, dst))
            BAD("--%s takes a duration such as 200ms, not '%s'", name, v);
    } else if (!strcmp(name, "net-loss")) {
        if (vdev_parse_percent(v, &o->net_loss_ppm))
            BAD("--net-loss takes a percentage such as 10%%, not '%s'", v);
    } else if (!strcmp(name, "net-bandwidth")) {
        if (vdev_parse_bandwidth(v, &o->net_bandwidth_bps))
            BAD("--net-bandwidth takes a rate such as 100kbit or 2mbit, not '%s'", v);
    } else if (!strcmp(name, "x-reset-reason")) {
        if (parse_int(v, &o->reset_reason))
            BAD("bad --%s", name);
    } else if (!strcmp(name, "x-reset-data")) {
        uint64_t d;
        if (parse_u64(v, &d))
            BAD("bad --%s", name);
        o->reset_data = (uint32_t)d;
    } else if (!strcmp(name, "x-start-us")) {
        if (parse_u64(v, &o->start_us))
            BAD("bad --%s", name);
    } else if (!strcmp(name, "x-boot")) {
        int b;
        if (parse_int(v, &b))
            BAD("bad --%s", name);
        o->boot = (unsigned)b;
    } else if (!strcmp(name, "x-control-fd")) {
        if (parse_int(v, &o->control_fd))
            BAD("bad --%s", name);
    } else if (!strcmp(name, "x-client-fds")) {
        char buf[128];
        snprintf(buf, sizeof(buf), "%s", v);
        o->nclient_fds = 0;
        for (char *save = NULL, *tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
            if (o->nclient_fds == VDEV_MAX_CLIENTS || parse_int(tok, &o->client_fds[o->nclient_fds]))
                BAD("bad --%s", name);
            o->nclient_fds++;
        }
    } else if (!strcmp(name, "x-granted")) {
        if (parse_u64(v, &o->granted))
            BAD("bad --%s", name);
        o->granted_set = true;
    } else if (!strcmp(name, "x-serial1-fd")) {
        if (parse_int(v, &o->serial1_fd))
            BAD("bad --%s", name);
    }
    return 0;
#undef BAD
}

int vdev_opts_parse(struct vdev_run_opts *o, int argc, char **argv, int from, int *positional,
                    char *err, size_t errlen)
{
    if (positional)
        *positional = -1;
    for (int i = from; i < argc; i++) {
        const char *a = argv[i];
        if (strncmp(a, "--", 2) || !a[2]) {
            if (positional && *positional < 0) {
                *positional = i;
                continue;
            }
            snprintf(err, errlen, "unexpected argument '%s'", a);
            return -1;
        }
        const char *name = a + 2;
        const char *eq = strchr(name, '=');
        size_t nlen = eq ? (size_t)(eq - name) : strlen(name);
        const struct optdef *d = optdefs;
        while (d->name && (strlen(d->name) != nlen || strncmp(d->name, name, nlen)))
            d++;
        if (!d->name) {
            snprintf(err, errlen, "unknown option '--%.*s' (see --help)", (int)nlen, name);
            return -1;
        }
        if (d->arg == A_NONE) {
            if (eq) {
                snprintf(err, errlen, "option '--%s' takes no value", d->name);
                return -1;
            }
            if (!strcmp(d->name, "trace"))
                o->trace = true;
            else if (!strcmp(d->name, "lockstep"))
                o->lockstep = true;
            else if (!strcmp(d->name, "x-control-wait"))
                o->control_wait = true;
            else if (!strcmp(d->name, "net-down"))
                o->net_down = true;
            else if (!strcmp(d->name, "flash-reset"))
                o->flash_reset = true;
            continue;
        }
        const char *v = eq ? eq + 1 : (i + 1 < argc ? argv[++i] : NULL);
        if (!v) {
            snprintf(err, errlen, "option '--%s' needs a value", d->name);
            return -1;
        }
        if (set_opt(o, d->name, v, err, errlen))
            return -1;
    }
    if (o->lockstep && o->clock != VDEV_CLOCK_VIRTUAL) {
        snprintf(err, errlen, "--lockstep needs --clock virtual");
        return -1;
    }
    if (o->lockstep && !o->control && o->control_fd < 0) {
        snprintf(err, errlen, "--lockstep needs --control PATH (time is granted over the control channel)");
        return -1;
    }
    return 0;
}

int vdev_opts_to_argv(const struct vdev_run_opts *o, char **argv, int max, char *store, size_t storelen)
{
    int n = 0;
    size_t used = 0;
#define PUT(...) do { \
        int w_ = snprintf(store + used, storelen - used, __VA_ARGS__); \
        if (w_ < 0 || (size_t)w_ >= storelen - used || n >= max) return -ENOSPC; \
        argv[n++] = store + used; used += (size_t)w_ + 1; } while (0)
    if (o->platform)
        PUT("--platform=%s", o->platform->name);
    PUT("--clock=%s", o->clock == VDEV_CLOCK_VIRTUAL ? "virtual" : "real");
    if (o->seed_set)
        PUT("--seed=%llu", (unsigned long long)o->seed);
    if (o->for_us != VDEV_FOREVER)
        PUT("--for=%lluus", (unsigned long long)o->for_us);
    if (o->device_id[0])
        PUT("--device-id=%s", o->device_id);
    if (o->events)
        PUT("--events=%s", o->events);
    if (o->trace)
        PUT("--trace");
    if (o->control)
        PUT("--control=%s", o->control);
    if (o->lockstep)
        PUT("--lockstep");
    if (o->name)
        PUT("--name=%s", o->name);
    if (o->rtc)
        PUT("--rtc=%s", o->rtc);
    if (o->hosts)
        PUT("--hosts=%s", o->hosts);
    if (o->ble)
        PUT("--ble=%s", o->ble);
    if (o->btsnoop)
        PUT("--btsnoop=%s", o->btsnoop);
    if (o->net_delay_us)
        PUT("--net-delay=%lluus", (unsigned long long)o->net_delay_us);
    if (o->net_latency_us)
        PUT("--net-latency=%lluus", (unsigned long long)o->net_latency_us);
    if (o->net_jitter_us)
        PUT("--net-jitter=%lluus", (unsigned long long)o->net_jitter_us);
    if (o->net_loss_ppm)
        PUT("--net-loss=%u.%04u%%", o->net_loss_ppm / 10000, o->net_loss_ppm % 10000);
    if (o->net_bandwidth_bps)
        PUT("--net-bandwidth=%llubit", (unsigned long long)o->net_bandwidth_bps);
    if (o->net_down)
        PUT("--net-down");
    if (o->flash)
        PUT("--flash=%s", o->flash);
    if (o->flash_reset)
        PUT("--flash-reset");
    if (o->reset_reason)
        PUT("--x-reset-reason=%d", o->reset_reason);
    if (o->reset_data)
        PUT("--x-reset-data=%u", o->reset_data);
    if (o->start_us)
        PUT("--x-start-us=%llu", (unsigned long long)o->start_us);
    if (o->boot)
        PUT("--x-boot=%u", o->boot);
    if (o->control_fd >= 0)
        PUT("--x-control-fd=%d", o->control_fd);
    if (o->nclient_fds > 0) {
        char list[128] = "";
        for (int i = 0; i < o->nclient_fds; i++)
            snprintf(list + strlen(list), sizeof(list) - strlen(list), "%s%d", i ? "," : "", o->client_fds[i]);
        PUT("--x-client-fds=%s", list);
    }
    if (o->granted_set)
        PUT("--x-granted=%llu", (unsigned long long)o->granted);
    if (o->serial1_fd >= 0)
        PUT("--x-serial1-fd=%d", o->serial1_fd);
#undef PUT
    return n;
}

const char *vdev_opts_help(void)
{
    return "Device options:\n"
           "  --platform argon|boron|photon  target platform (default: argon)\n"
           "  --clock real|virtual   real: device time follows the host clock (default);\n"
           "                         virtual: as fast as possible, deterministic\n"
           "  --seed N               seed of the hardware RNG (default: random in real\n"
           "                         mode, 0 in virtual mode)\n"
           "  --for DURATION         stop cleanly after this much device time (10s, 500ms, 2h)\n"
           "  --device-id HEX24      the device ID (default: derived from the app and --name)\n"
           "  --events FILE          write every event as JSON Lines to FILE\n"
           "  --trace                print every event, human-readable, on stderr\n"
           "  --control PATH         serve the control channel on a Unix socket at PATH\n"
           "  --lockstep             (virtual clock) run only as far as the control client grants\n"
           "  --name NAME            a name for this device in events and messages\n"
           "  --rtc host|unset|UNIX  the real-time clock at boot (default: host in real mode,\n"
           "                         1568073600 = 2019-09-10 in virtual mode)\n"
           "  --hosts FILE           names for the device (/etc/hosts format); in virtual time\n"
           "                         only these, localhost and numeric addresses resolve\n"
           "  --net-delay DURATION   time the link takes to come up (default 2s WiFi, 10s LTE)\n"
           "  --net-latency D, --net-jitter D, --net-loss PCT, --net-bandwidth RATE\n"
           "                         faults on the device's traffic (200ms, 50ms, 10%, 100kbit)\n"
           "  --net-down             start with the link down (a fault; see the net command)\n"
           "  --ble air|hciN         BLE radio: the simulated air shared with the other devices\n"
           "                         of a run (default), or a real adapter through BlueZ\n"
           "                         (real time only)\n"
           "  --btsnoop FILE         write the device's BLE traffic as HCI packets in btsnoop\n"
           "                         format (btmon -r FILE, Wireshark)\n"
           "  --flash FILE           the device's flash (DCT, EEPROM, retained memory); default:\n"
           "                         flash-NAME.bin next to the image in the app's cache\n"
           "                         (its path is told on stderr at start)\n"
           "  --flash-reset          start with a new, erased flash file (a damaged or\n"
           "                         other-platform file is refused until then)\n";
}
