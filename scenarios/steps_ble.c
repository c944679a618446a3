/* scenarios/steps_ble.c - the scripted BLE peer's steps (a phone without
 * firmware on the loopback air: ble-scan, ble-connect, ble-discover,
 * ble-read, ble-write, ble-subscribe, ble-expect-notify, ble-disconnect,
 * ble-raw) and the device-side check expect-ble: their arguments, checked
 * before anything runs, and the step table. Running them: steps_ble_run.c. */
#define _GNU_SOURCE
#include "steps_ble.h"

#include "steps_priv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ERR(n, ...) ydoc_error(&s->doc, (n), err, errlen, __VA_ARGS__)

static void free_ble(void *p) { free(p); }

/* ---- parsing ---- */

static int parse_hex_text(const char *t, uint8_t *out, size_t cap, size_t *len)
{
    size_t n = 0;
    for (const char *p = t; *p;) {
        if (*p == ' ' || *p == ':' || *p == '-') {
            p++;
            continue;
        }
        unsigned v;
        if (!p[1] || sscanf(p, "%2x", &v) != 1 || n == cap)
            return -1;
        out[n++] = (uint8_t)v;
        p += 2;
    }
    *len = n;
    return 0;
}


static int parse_common(struct scenario *s, struct scen_step *st, int kind, const char *const *extra, char *err,
                        size_t errlen)
{
    const struct ynode *n = st->node;
    struct ble_args *a = calloc(1, sizeof(*a));
    st->args = a;
    if (!a)
        return ERR(n, "out of memory");
    a->kind = kind;
    a->adv = a->links = a->scan = -1;
    a->mtu = VDEV_ATT_MAX_MTU;
    if (n->kind == YNODE_SCALAR && (st->type->scalar_is_device || !n->scalar[0]))
        return 0;
    if (n->kind != YNODE_MAP)
        return ERR(n, "%s takes a mapping", st->type->name);
    if (step_keys_plus_(s, n, extra, err, errlen))
        return -1;
    const struct ynode *v;
    const char *t;
    if ((v = ynode_get(n, "uuid"))) {
        if (scen_string(s, v, &t, err, errlen))
            return -1;
        if (vdev_uuid_parse(t, &a->uuid))
            return ERR(v, "'%s' is not a UUID (\"180F\" or \"6E400001-B5A3-F393-E0A9-E50E24DCCA9E\")", t);
        a->has_uuid = true;
    }
    if ((v = ynode_get(n, "name"))) {
        if (scen_string(s, v, &t, err, errlen))
            return -1;
        snprintf(a->text, sizeof(a->text), "%s", t);
        a->has_name = true;
    }
    const char *vkeys[] = { "value", "expect" };
    for (int k = 0; k < 2; k++)
        if ((v = ynode_get(n, vkeys[k]))) {
            if (scen_string(s, v, &t, err, errlen))
                return -1;
            uint8_t *dst = k ? a->expect : a->value;
            size_t *dl = k ? &a->elen : &a->vlen;
            *dl = strlen(t) > 244 ? 244 : strlen(t);
            memcpy(dst, t, *dl);
            *(k ? &a->has_expect : &a->has_value) = true;
        }
    const char *hkeys[] = { "hex", "pdu", "expect-hex" };
    for (int k = 0; k < 3; k++)
        if ((v = ynode_get(n, hkeys[k]))) {
            if (scen_string(s, v, &t, err, errlen))
                return -1;
            bool exp = k == 2 || (k == 0 && (kind == K_READ || kind == K_NOTIFY));
            uint8_t *dst = exp ? a->expect : a->value;
            size_t *dl = exp ? &a->elen : &a->vlen;
            if (parse_hex_text(t, dst, 512, dl))
                return ERR(v, "%s is hexadecimal bytes such as \"0a 00 01\"", hkeys[k]);
            *(exp ? &a->has_expect : &a->has_value) = true;
        }
    const char *bkeys[] = { "response", "indicate", "active", "advertising", "connected", "scanning" };
    for (int k = 0; k < 6; k++)
        if ((v = ynode_get(n, bkeys[k]))) {
            if (v->kind != YNODE_SCALAR || (strcmp(v->scalar, "true") && strcmp(v->scalar, "false")))
                return ERR(v, "%s is true or false", bkeys[k]);
            bool b = !strcmp(v->scalar, "true");
            if (k < 3) {
                a->flag = b;
                a->has_flag = true;
            } else {
                *(k == 3 ? &a->adv : k == 4 ? &a->links : &a->scan) = b;
            }
        }
    if ((v = ynode_get(n, "mtu"))) {
        long long m;
        if (scen_int(s, v, 23, 517, &m, err, errlen))
            return -1;
        a->mtu = (int)m;
    }
    return 0;
}

static int parse_scan(struct scenario *s, struct scen_step *st, char *err, size_t errlen)
{
    const char *extra[] = { "name", "uuid", "active", NULL };
    return parse_common(s, st, K_SCAN, extra, err, errlen);
}
static int parse_connect(struct scenario *s, struct scen_step *st, char *err, size_t errlen)
{
    const char *extra[] = { "mtu", NULL };
    return parse_common(s, st, K_CONNECT, extra, err, errlen);
}
static int parse_discover(struct scenario *s, struct scen_step *st, char *err, size_t errlen)
{
    const char *extra[] = { "uuid", NULL };
    return parse_common(s, st, K_DISCOVER, extra, err, errlen);
}
static int parse_read(struct scenario *s, struct scen_step *st, char *err, size_t errlen)
{
    const char *extra[] = { "uuid", "expect", "hex", NULL };
    int r = parse_common(s, st, K_READ, extra, err, errlen);
    struct ble_args *a = st->args;
    return r ? r : a->has_uuid ? 0 : ERR(st->node, "ble-read needs uuid: (a characteristic)");
}
static int parse_write(struct scenario *s, struct scen_step *st, char *err, size_t errlen)
{
    const char *extra[] = { "uuid", "value", "hex", "response", NULL };
    int r = parse_common(s, st, K_WRITE, extra, err, errlen);
    struct ble_args *a = st->args;
    if (!r && (!a->has_uuid || !a->has_value))
        return ERR(st->node, "ble-write needs uuid: and value: (text) or hex:");
    return r;
}
static int parse_subscribe(struct scenario *s, struct scen_step *st, char *err, size_t errlen)
{
    const char *extra[] = { "uuid", "indicate", NULL };
    int r = parse_common(s, st, K_SUBSCRIBE, extra, err, errlen);
    struct ble_args *a = st->args;
    return r ? r : a->has_uuid ? 0 : ERR(st->node, "ble-subscribe needs uuid:");
}
static int parse_notify(struct scenario *s, struct scen_step *st, char *err, size_t errlen)
{
    const char *extra[] = { "uuid", "expect", "value", "hex", NULL };
    int r = parse_common(s, st, K_NOTIFY, extra, err, errlen);
    struct ble_args *a = st->args;
    if (!r && a->has_value && !a->has_expect) { /* value: is the expected text here */
        memcpy(a->expect, a->value, a->vlen);
        a->elen = a->vlen;
        a->has_expect = true;
    }
    return r ? r : a->has_uuid ? 0 : ERR(st->node, "ble-expect-notify needs uuid:");
}
static int parse_disconnect(struct scenario *s, struct scen_step *st, char *err, size_t errlen)
{
    return parse_common(s, st, K_DISCONNECT, NULL, err, errlen);
}
static int parse_raw(struct scenario *s, struct scen_step *st, char *err, size_t errlen)
{
    const char *extra[] = { "pdu", "expect-hex", NULL };
    int r = parse_common(s, st, K_RAW, extra, err, errlen);
    struct ble_args *a = st->args;
    return r ? r : a->vlen ? 0 : ERR(st->node, "ble-raw needs pdu: (hex)");
}
static int parse_expect(struct scenario *s, struct scen_step *st, char *err, size_t errlen)
{
    const char *extra[] = { "advertising", "connected", "scanning", NULL };
    int r = parse_common(s, st, K_EXPECT, extra, err, errlen);
    struct ble_args *a = st->args;
    if (!r && a->adv < 0 && a->links < 0 && a->scan < 0)
        return ERR(st->node, "expect-ble needs advertising:, connected: or scanning:");
    return r;
}


const struct step_type vdev_ble_steps[] = {
    { "ble-scan", false, false, parse_scan, run_scan, free_ble },
    { "ble-connect", false, true, parse_connect, run_connect, free_ble },
    { "ble-discover", false, false, parse_discover, run_discover, free_ble },
    { "ble-read", false, false, parse_read, run_read, free_ble },
    { "ble-write", false, false, parse_write, run_write, free_ble },
    { "ble-subscribe", false, false, parse_subscribe, run_subscribe, free_ble },
    { "ble-expect-notify", false, false, parse_notify, run_notify, free_ble },
    { "ble-disconnect", false, false, parse_disconnect, run_disconnect, free_ble },
    { "ble-raw", false, false, parse_raw, run_raw, free_ble },
    { "expect-ble", true, false, parse_expect, run_expect, free_ble },
};
const int vdev_ble_nsteps = (int)(sizeof(vdev_ble_steps) / sizeof(vdev_ble_steps[0]));

