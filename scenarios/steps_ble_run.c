/* scenarios/steps_ble_run.c - running the scripted phone's steps: its ATT
 * client (THE one ATT implementation, ble-bridge/att.c) over the air's
 * phone radio, the GATT table it discovered, the notifications it got, and
 * expect-ble. The phone's client state lives here (one scenario per
 * process). */
#define _GNU_SOURCE
#include "steps_ble.h"

#include "air.h"
#include "coord_priv.h"
#include "run.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct note {
    uint16_t handle;
    bool ind;
    size_t len;
    uint8_t v[VDEV_ATT_MAX_MTU];
};

static struct {
    struct vdev_gatt_discovery disc;
    bool discovered;
    uint16_t mtu;
    bool rsp_ready;
    size_t rsp_len;
    uint8_t rsp[VDEV_ATT_MAX_MTU + 16];
    struct note notes[64];
    int nnotes;
} P;

/* ---- the phone's ATT plumbing ---- */

static void drain(struct run_ctx *ctx)
{
    uint8_t pdu[VDEV_ATT_MAX_MTU + 16];
    size_t n;
    while ((n = air_phone_recv(ctx->c->air, pdu, sizeof(pdu)))) {
        uint8_t op = pdu[0];
        if (op == VDEV_ATT_HANDLE_VALUE_NTF || op == VDEV_ATT_HANDLE_VALUE_IND) {
            uint16_t h;
            const uint8_t *v;
            size_t vl;
            bool ind;
            if (vdev_att_dec_notify(pdu, n, &h, &v, &vl, &ind))
                continue;
            /* (the air's phone confirmed an indication when it arrived) */
            if (P.nnotes == (int)(sizeof(P.notes) / sizeof(P.notes[0])))
                memmove(P.notes, P.notes + 1, sizeof(P.notes) - sizeof(P.notes[0]));
            else
                P.nnotes++;
            struct note *nt = &P.notes[P.nnotes - 1];
            nt->handle = h;
            nt->ind = ind;
            nt->len = vl > sizeof(nt->v) ? sizeof(nt->v) : vl;
            memcpy(nt->v, v, nt->len);
        } else if (vdev_att_is_server_pdu(pdu, n)) {
            /* the phone's own GATT table is empty */
            if (op & 0x40 || op == VDEV_ATT_HANDLE_VALUE_CFM)
                continue;
            uint8_t e[5] = { VDEV_ATT_ERROR_RSP, op, 0, 0, VDEV_ATT_ERR_REQUEST_NOT_SUPPORTED };
            if (op == VDEV_ATT_MTU_REQ) {
                uint8_t m[3] = { VDEV_ATT_MTU_RSP, (uint8_t)(VDEV_ATT_MAX_MTU & 0xFF), 0 };
                air_phone_send(ctx->c, m, 3);
            } else {
                air_phone_send(ctx->c, e, 5);
            }
        } else {
            P.rsp_ready = true;
            P.rsp_len = n > sizeof(P.rsp) ? sizeof(P.rsp) : n;
            memcpy(P.rsp, pdu, P.rsp_len);
        }
    }
}

struct wait_rsp {
    struct run_ctx *ctx;
};

static bool rsp_or_gone(void *p)
{
    struct run_ctx *ctx = p;
    drain(ctx);
    return P.rsp_ready || !air_phone_connected(ctx->c->air);
}

static int transact(struct run_ctx *ctx, const uint8_t *req, size_t len)
{
    if (!air_phone_connected(ctx->c->air)) {
        snprintf(ctx->seen, sizeof(ctx->seen), "the phone is not connected");
        return 1;
    }
    drain(ctx);
    P.rsp_ready = false;
    air_phone_send(ctx->c, req, len);
    int r = run_wait(ctx, rsp_or_gone, ctx);
    if (r < 0)
        return -1;
    if (!P.rsp_ready) {
        snprintf(ctx->seen, sizeof(ctx->seen), r ? "the device disconnected (reason 0x%02x)" : "no ATT response in time",
                 air_phone_disconnect_reason(ctx->c->air));
        return 1;
    }
    return 0;
}

static void hexs(const uint8_t *p, size_t n, char *out, size_t cap)
{
    size_t k = 0;
    for (size_t i = 0; i < n && k + 3 < cap; i++)
        k += (size_t)snprintf(out + k, cap - k, "%s%02x", i ? " " : "", p[i]);
    out[k] = 0;
}

/* ---- running ---- */

static bool ad_has(const uint8_t *d, int len, const struct ble_args *a)
{
    for (int i = 0; i + 1 < len;) {
        int l = d[i], type = d[i + 1];
        if (l == 0 || i + 1 + l > len)
            break;
        const uint8_t *v = d + i + 2;
        int vl = l - 1;
        if (a->has_name && (type == 0x08 || type == 0x09) && vl == (int)strlen(a->text) && !memcmp(v, a->text, (size_t)vl))
            return true;
        if (a->has_uuid && type >= 0x02 && type <= 0x07) {
            int w = type <= 0x03 ? 2 : type <= 0x05 ? 4 : 16;
            for (int k = 0; k + w <= vl; k += w) {
                struct vdev_uuid u = { .len = (uint8_t)(w == 16 ? 16 : 2) };
                if (w == 4)
                    continue;
                memcpy(u.b, v + k, (size_t)w);
                if (vdev_uuid_eq(&u, &a->uuid))
                    return true;
            }
        }
        i += 1 + l;
    }
    return false;
}

struct scan_wait {
    struct run_ctx *ctx;
    const struct ble_args *a;
    int dev;
    const struct air_seen *hit;
};

static bool scan_found(void *p)
{
    struct scan_wait *w = p;
    const struct air_seen *list;
    int n = air_phone_seen(w->ctx->c->air, &list);
    for (int i = 0; i < n; i++) {
        const struct air_seen *s = &list[i];
        bool by_data = (w->a->has_name || w->a->has_uuid) &&
                       (ad_has(s->data, s->data_len, w->a) || ad_has(s->sr, s->sr_len, w->a));
        if (by_data || (!w->a->has_name && !w->a->has_uuid && s->dev == w->dev)) {
            w->hit = s;
            return true;
        }
    }
    return false;
}

static int target_dev;      /* the device the phone found or was told to use */

int run_scan(struct run_ctx *ctx, struct scen_step *st)
{
    struct ble_args *a = st->args;
    air_phone_clear_seen(ctx->c->air);
    air_phone_scan(ctx->c, true, a->has_flag ? a->flag : true);
    struct scan_wait w = { ctx, a, st->device, NULL };
    int r = run_wait(ctx, scan_found, &w);
    air_phone_scan(ctx->c, false, false);
    if (r < 0)
        return -1;
    if (!r) {
        if (a->has_name || a->has_uuid)
            snprintf(ctx->expected, sizeof(ctx->expected), "an advertiser with %s %s", a->has_name ? "name" : "UUID",
                     a->has_name ? a->text : "(as given)");
        else
            snprintf(ctx->expected, sizeof(ctx->expected), "device %s advertising", ctx->s->devices[st->device].name);
        const struct air_seen *list;
        int n = air_phone_seen(ctx->c->air, &list);
        snprintf(ctx->seen, sizeof(ctx->seen), "%d advertiser(s) seen%s", n, n ? ", none matching" : "");
        return 1;
    }
    target_dev = w.hit->dev;
    return 0;
}

static bool connected_or_not(void *p)
{
    struct run_ctx *ctx = p;
    return air_phone_connected(ctx->c->air);
}

int run_connect(struct run_ctx *ctx, struct scen_step *st)
{
    struct ble_args *a = st->args;
    bool named = (st->node->kind == YNODE_SCALAR && st->node->scalar[0]) ||
                 (st->node->kind == YNODE_MAP && ynode_get(st->node, "device"));
    int dev = named || ctx->s->ndevices == 1 ? st->device : target_dev;
    const char *addr = air_address(ctx->c->air, dev);
    if (!addr || !air_advertising(ctx->c->air, dev)) {
        snprintf(ctx->expected, sizeof(ctx->expected), "device %s advertising", ctx->s->devices[dev].name);
        snprintf(ctx->seen, sizeof(ctx->seen), "it is not advertising");
        /* it may start: wait for it like a phone would */
    }
    memset(&P, 0, sizeof(P));
    P.mtu = VDEV_ATT_DEFAULT_MTU;
    char want[18] = "";
    for (;;) {
        addr = air_address(ctx->c->air, dev);
        if (addr && air_advertising(ctx->c->air, dev)) {
            snprintf(want, sizeof(want), "%s", addr);
            break;
        }
        struct scan_wait w = { ctx, a, dev, NULL };
        struct ble_args any = *a;
        any.has_name = any.has_uuid = false;
        w.a = &any;
        air_phone_clear_seen(ctx->c->air);
        air_phone_scan(ctx->c, true, false);
        int r = run_wait(ctx, scan_found, &w);
        air_phone_scan(ctx->c, false, false);
        if (r <= 0)
            return r < 0 ? -1 : 1;
    }
    air_phone_connect(ctx->c, want);
    int r = run_wait(ctx, connected_or_not, ctx);
    if (r <= 0) {
        if (r == 0) {
            snprintf(ctx->expected, sizeof(ctx->expected), "a connection to %s", want);
            snprintf(ctx->seen, sizeof(ctx->seen), "none in time");
        }
        return r < 0 ? -1 : 1;
    }
    target_dev = dev;
    uint8_t req[4];
    int n = vdev_att_enc_mtu_req(req, sizeof(req), (uint16_t)(a->mtu > VDEV_ATT_MAX_MTU ? VDEV_ATT_MAX_MTU : a->mtu));
    if ((r = transact(ctx, req, (size_t)n)))
        return r;
    uint16_t server;
    if (!vdev_att_dec_mtu_rsp(P.rsp, P.rsp_len, &server)) {
        uint16_t mine = (uint16_t)a->mtu;
        P.mtu = server < mine ? server : mine;
        if (P.mtu < VDEV_ATT_DEFAULT_MTU)
            P.mtu = VDEV_ATT_DEFAULT_MTU;
    }
    return 0;
}

static int discover(struct run_ctx *ctx)
{
    if (P.discovered)
        return 0;
    uint8_t req[VDEV_ATT_MAX_MTU];
    size_t n;
    int rc = vdev_gatt_discovery_start(&P.disc, true, P.mtu, req, sizeof(req), &n);
    while (rc == 0) {
        int r = transact(ctx, req, n);
        if (r)
            return r;
        rc = vdev_gatt_discovery_step(&P.disc, P.rsp, P.rsp_len, req, sizeof(req), &n);
    }
    if (rc < 0) {
        snprintf(ctx->expected, sizeof(ctx->expected), "a well-formed GATT table");
        snprintf(ctx->seen, sizeof(ctx->seen), "discovery failed (%d)", rc);
        return 1;
    }
    P.discovered = true;
    return 0;
}

static const struct vdev_gatt_chr *find_chr(const struct vdev_uuid *u)
{
    for (int i = 0; i < P.disc.nchrs; i++)
        if (vdev_uuid_eq(&P.disc.chrs[i].uuid, u))
            return &P.disc.chrs[i];
    return NULL;
}

static int need_chr(struct run_ctx *ctx, const struct ble_args *a, const struct vdev_gatt_chr **c)
{
    int r = discover(ctx);
    if (r)
        return r;
    *c = find_chr(&a->uuid);
    if (!*c) {
        char u[40];
        vdev_uuid_format(&a->uuid, u);
        snprintf(ctx->expected, sizeof(ctx->expected), "a characteristic %s", u);
        snprintf(ctx->seen, sizeof(ctx->seen), "%d characteristic(s) in %d service(s), not that one", P.disc.nchrs,
                 P.disc.nservices);
        return 1;
    }
    return 0;
}

int run_discover(struct run_ctx *ctx, struct scen_step *st)
{
    struct ble_args *a = st->args;
    P.discovered = false;
    int r = discover(ctx);
    if (r || !a->has_uuid)
        return r;
    for (int i = 0; i < P.disc.nservices; i++)
        if (vdev_uuid_eq(&P.disc.services[i].uuid, &a->uuid))
            return 0;
    if (find_chr(&a->uuid))
        return 0;
    char u[40];
    vdev_uuid_format(&a->uuid, u);
    snprintf(ctx->expected, sizeof(ctx->expected), "service or characteristic %s", u);
    snprintf(ctx->seen, sizeof(ctx->seen), "%d service(s), %d characteristic(s), not that one", P.disc.nservices,
             P.disc.nchrs);
    return 1;
}

static int compare(struct run_ctx *ctx, const struct ble_args *a, const uint8_t *v, size_t n, const char *what)
{
    if (!a->has_expect || (n == a->elen && !memcmp(v, a->expect, n)))
        return 0;
    char e[600], s[600];
    hexs(a->expect, a->elen, e, sizeof(e));
    hexs(v, n, s, sizeof(s));
    snprintf(ctx->expected, sizeof(ctx->expected), "%s %s (\"%.*s\")", what, e, (int)a->elen, (const char *)a->expect);
    snprintf(ctx->seen, sizeof(ctx->seen), "%s (\"%.*s\")", s, (int)n, (const char *)v);
    return 1;
}

static int att_error(struct run_ctx *ctx, const char *what)
{
    if (P.rsp[0] != VDEV_ATT_ERROR_RSP)
        return 0;
    snprintf(ctx->expected, sizeof(ctx->expected), "%s to succeed", what);
    snprintf(ctx->seen, sizeof(ctx->seen), "ATT error 0x%02x", P.rsp_len >= 5 ? P.rsp[4] : 0);
    return 1;
}

int run_read(struct run_ctx *ctx, struct scen_step *st)
{
    struct ble_args *a = st->args;
    const struct vdev_gatt_chr *c;
    int r = need_chr(ctx, a, &c);
    if (r)
        return r;
    uint8_t req[4];
    int n = vdev_att_enc_read_req(req, sizeof(req), c->value);
    if ((r = transact(ctx, req, (size_t)n)) || (r = att_error(ctx, "the read")))
        return r;
    const uint8_t *v;
    size_t vl;
    if (vdev_att_dec_read_rsp(P.rsp, P.rsp_len, &v, &vl))
        return 1;
    return compare(ctx, a, v, vl, "value");
}

int run_write(struct run_ctx *ctx, struct scen_step *st)
{
    struct ble_args *a = st->args;
    const struct vdev_gatt_chr *c;
    int r = need_chr(ctx, a, &c);
    if (r)
        return r;
    bool rsp = a->has_flag ? a->flag : true;
    uint8_t req[600];
    int n = vdev_att_enc_write(req, sizeof(req), c->value, a->value, a->vlen, rsp);
    if (n <= 0)
        return 1;
    if (!rsp)
        return air_phone_send(ctx->c, req, (size_t)n) ? 1 : 0;
    if ((r = transact(ctx, req, (size_t)n)))
        return r;
    return att_error(ctx, "the write");
}

int run_subscribe(struct run_ctx *ctx, struct scen_step *st)
{
    struct ble_args *a = st->args;
    const struct vdev_gatt_chr *c;
    int r = need_chr(ctx, a, &c);
    if (r)
        return r;
    if (!c->cccd) {
        snprintf(ctx->expected, sizeof(ctx->expected), "a characteristic with a CCCD (notify or indicate)");
        snprintf(ctx->seen, sizeof(ctx->seen), "properties 0x%02x, no CCCD", c->props);
        return 1;
    }
    uint8_t v[2] = { (uint8_t)(a->has_flag && a->flag ? 2 : 1), 0 }, req[8];
    int n = vdev_att_enc_write(req, sizeof(req), c->cccd, v, 2, true);
    if ((r = transact(ctx, req, (size_t)n)))
        return r;
    return att_error(ctx, "the CCCD write");
}

struct note_wait {
    struct run_ctx *ctx;
    uint16_t handle;
};

static bool note_seen(void *p)
{
    struct note_wait *w = p;
    drain(w->ctx);
    for (int i = 0; i < P.nnotes; i++)
        if (P.notes[i].handle == w->handle)
            return true;
    return false;
}

int run_notify(struct run_ctx *ctx, struct scen_step *st)
{
    struct ble_args *a = st->args;
    const struct vdev_gatt_chr *c;
    int r = need_chr(ctx, a, &c);
    if (r)
        return r;
    struct note_wait w = { ctx, c->value };
    r = run_wait(ctx, note_seen, &w);
    if (r <= 0) {
        if (!r) {
            snprintf(ctx->expected, sizeof(ctx->expected), "a notification or indication of handle 0x%04x", c->value);
            snprintf(ctx->seen, sizeof(ctx->seen), "none in time");
        }
        return r < 0 ? -1 : 1;
    }
    for (int i = 0; i < P.nnotes; i++)
        if (P.notes[i].handle == c->value) {
            struct note nt = P.notes[i];
            memmove(P.notes + i, P.notes + i + 1, (size_t)(P.nnotes - i - 1) * sizeof(P.notes[0]));
            P.nnotes--;
            return compare(ctx, a, nt.v, nt.len, "notified value");
        }
    return 1;
}

int run_disconnect(struct run_ctx *ctx, struct scen_step *st)
{
    (void)st;
    air_phone_disconnect(ctx->c);
    return 0;
}

int run_raw(struct run_ctx *ctx, struct scen_step *st)
{
    struct ble_args *a = st->args;
    if (!a->has_expect)
        return air_phone_send(ctx->c, a->value, a->vlen) ? 1 : 0;
    int r = transact(ctx, a->value, a->vlen);
    if (r)
        return r;
    if (P.rsp_len >= a->elen && !memcmp(P.rsp, a->expect, a->elen))
        return 0;
    char e[600], s[600];
    hexs(a->expect, a->elen, e, sizeof(e));
    hexs(P.rsp, P.rsp_len, s, sizeof(s));
    snprintf(ctx->expected, sizeof(ctx->expected), "a response starting %s", e);
    snprintf(ctx->seen, sizeof(ctx->seen), "%s", s);
    return 1;
}

int run_expect(struct run_ctx *ctx, struct scen_step *st)
{
    struct ble_args *a = st->args;
    struct air *air = ctx->c->air;
    bool adv = air_advertising(air, st->device), scan = air_scanning(air, st->device);
    int links = air_links(air, st->device);
    if ((a->adv < 0 || a->adv == adv) && (a->scan < 0 || a->scan == scan) && (a->links < 0 || a->links == (links > 0)))
        return 0;
    snprintf(ctx->expected, sizeof(ctx->expected), "%s%s%s", a->adv < 0 ? "" : a->adv ? "advertising " : "not advertising ",
             a->links < 0 ? "" : a->links ? "connected " : "not connected ",
             a->scan < 0 ? "" : a->scan ? "scanning" : "not scanning");
    snprintf(ctx->seen, sizeof(ctx->seen), "advertising %s, %d link(s), scanning %s", adv ? "yes" : "no", links,
             scan ? "yes" : "no");
    return 1;
}

