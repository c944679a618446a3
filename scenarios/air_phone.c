/* scenarios/air_phone.c - the scripted phone's radio on the loopback air:
 * what it hears while scanning, its one connection, the ATT PDUs it sends
 * (timed by the link like a device's) and receives (an inbox the BLE steps
 * read; indications are confirmed at once, as a phone's stack does). */
#define _GNU_SOURCE
#include "air_priv.h"

#include "../sim/hex.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int unhex(const char *h, uint8_t *out, int cap)
{
    int n = 0;
    for (; h[0] && h[1] && n < cap; h += 2) {
        unsigned v;
        if (sscanf(h, "%2x", &v) != 1)
            break;
        out[n++] = (uint8_t)v;
    }
    return n;
}

void air_phone_report_(struct air *a, int from, const struct radio *r, int rssi, bool sr)
{
    struct air_seen *s = NULL;
    for (int i = 0; i < a->nseen; i++)
        if (!strcmp(a->seen[i].addr, r->addr))
            s = &a->seen[i];
    if (!s) {
        if (a->nseen == a->capseen) {
            int cap = a->capseen ? 2 * a->capseen : 8;
            struct air_seen *n = realloc(a->seen, (size_t)cap * sizeof(*n));
            if (!n)
                return;
            a->seen = n;
            a->capseen = cap;
        }
        s = &a->seen[a->nseen++];
    }
    memset(s, 0, sizeof(*s));
    snprintf(s->addr, sizeof(s->addr), "%s", r->addr);
    s->dev = from;
    s->addr_type = r->addr_type;
    s->adv_type = r->adv_type;
    s->rssi = rssi;
    s->data_len = unhex(r->data, s->data, 31);
    s->has_sr = sr;
    if (sr)
        s->sr_len = unhex(r->sr, s->sr, 31);
}

void air_phone_scan(struct coord *c, bool on, bool active)
{
    struct radio *r = &c->air->r[PHONE_SLOT];
    r->scan_on = on;
    if (on) {
        r->active = active;
        r->sint = 100000;
        r->swin = 100000;
        r->scan_start = c->now;
        air_fast_forward_(c->air, c->now);
    }
}

int air_phone_seen(const struct air *a, const struct air_seen **list)
{
    *list = a->seen;
    return a->nseen;
}

void air_phone_clear_seen(struct air *a) { a->nseen = 0; }

int air_phone_connect(struct coord *c, const char *addr)
{
    struct radio *r = &c->air->r[PHONE_SLOT];
    if (c->air->phone_link >= 0)
        return -1;
    r->connecting = true;
    snprintf(r->target, sizeof(r->target), "%s", addr);
    r->c_interval = 30000;
    r->c_latency = 0;
    r->c_timeout = 4000000;
    c->air->phone_reason = -1;
    air_fast_forward_(c->air, c->now);
    return 0;
}

void air_phone_take_(struct coord *c, json_t *m)
{
    struct air *a = c->air;
    const char *kind = json_string_value(json_object_get(m, "kind"));
    json_int_t conn = json_integer_value(json_object_get(m, "conn"));
    if (!strcmp(kind, "connected")) {
        for (int k = 0; k < MAX_LINKS; k++)
            if (a->links[k].used && a->links[k].a == AIR_PHONE && a->links[k].ca == conn)
                a->phone_link = k;
        a->phone_reason = -1;
        a->ninbox = 0;
    } else if (!strcmp(kind, "disconnected")) {
        a->phone_link = -1;
        a->phone_reason = (int)json_integer_value(json_object_get(m, "reason"));
    } else if (!strcmp(kind, "att")) {
        if (a->ninbox == a->capinbox) {
            size_t cap = a->capinbox ? 2 * a->capinbox : 16;
            void *n1 = realloc(a->inbox, cap * sizeof(*a->inbox));
            if (n1)
                a->inbox = n1;
            void *n2 = realloc(a->inbox_len, cap * sizeof(*a->inbox_len));
            if (n2)
                a->inbox_len = n2;
            if (!n1 || !n2)
                return;
            a->capinbox = cap;
        }
        const char *h = json_string_value(json_object_get(m, "pdu"));
        size_t n = (size_t)unhex(h ? h : "", a->inbox[a->ninbox], 260);
        a->inbox_len[a->ninbox] = n;
        a->ninbox++;
        /* a phone's stack confirms an indication at once, whatever the app does */
        if (n && a->inbox[a->ninbox - 1][0] == 0x1D) {
            uint8_t cfm = 0x1E;
            air_phone_send(c, &cfm, 1);
        }
    }
}

bool air_phone_connected(const struct air *a) { return a->phone_link >= 0 && a->links[a->phone_link].used; }
int air_phone_disconnect_reason(const struct air *a) { return air_phone_connected(a) ? -1 : a->phone_reason; }

void air_phone_disconnect(struct coord *c)
{
    struct air *a = c->air;
    if (!air_phone_connected(a))
        return;
    air_drop_link_(a, &a->links[a->phone_link], AIR_PHONE, c->now + (uint64_t)a->links[a->phone_link].interval, 0x13);
    a->phone_link = -1;
    a->phone_reason = 0x16;
}

int air_phone_send(struct coord *c, const uint8_t *pdu, size_t len)
{
    struct air *a = c->air;
    if (!air_phone_connected(a) || !len || len > 512)
        return -1;
    struct link *l = &a->links[a->phone_link];
    /* the phone's link layer: the next connection event, then the PDU's air time */
    uint64_t iv = (uint64_t)l->interval, start;
    if (l->air_free_phone > c->now)
        start = l->air_free_phone;
    else
        start = l->anchor + (c->now > l->anchor ? (c->now - l->anchor + iv - 1) / iv : 0) * iv;
    l->air_free_phone = start + (len + 14) * 8 + 380;
    char *h = vdev_hex_dup(pdu, len);
    if (!h)
        return -1;
    json_t *m = air_rx_("att");
    json_object_set_new(m, "conn", json_integer(l->cb));
    json_object_set_new(m, "pdu", json_string(h));
    free(h);
    air_queue_(a, l->b, l->air_free_phone, m);
    return 0;
}

size_t air_phone_inbox(const struct air *a) { return a->ninbox; }

size_t air_phone_recv(struct air *a, uint8_t *buf, size_t cap)
{
    if (!a->ninbox)
        return 0;
    size_t n = a->inbox_len[0] < cap ? a->inbox_len[0] : cap;
    memcpy(buf, a->inbox[0], n);
    memmove(a->inbox, a->inbox + 1, (a->ninbox - 1) * sizeof(*a->inbox));
    memmove(a->inbox_len, a->inbox_len + 1, (a->ninbox - 1) * sizeof(*a->inbox_len));
    a->ninbox--;
    return n ? n : 1;
}
