/* scenarios/air.c - the loopback air: the simulated 2.4 GHz medium the
 * coordinator hosts for its devices. It mirrors each device's radio from
 * the events the device emits (ble-adv, ble-scan, ble-connect,
 * ble-disconnect, ble-att) and answers with "ble-rx" control commands at
 * the device time they happen on air: advertising events one interval
 * plus a 0-10 ms pseudo-random delay after the last, seen by scanners whose
 * window is open; connections at the target's next advertising event; ATT PDUs at
 * the time the sender's link layer says they crossed; a peer that
 * vanishes is noticed after the supervision timeout. RSSI comes from
 * positions (free-space loss) or a configured value. The scripted peer
 * (a phone) is one more radio on the same air (air_phone.c), driven by
 * steps_ble.c.
 * Everything is a function of the events and the seeds: deterministic. */
#define _GNU_SOURCE
#include "air_priv.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int slot(int dev) { return dev == AIR_PHONE ? PHONE_SLOT : dev; }

struct air *air_new(void)
{
    struct air *a = calloc(1, sizeof(*a));
    if (!a)
        return NULL;
    for (int i = 0; i < NRADIO; i++) {
        a->r[i].x = i == PHONE_SLOT ? 0.0 : (double)i;
        a->r[i].y = i == PHONE_SLOT ? 1.0 : 0.0;
    }
    snprintf(a->r[PHONE_SLOT].addr, sizeof(a->r[PHONE_SLOT].addr), PHONE_ADDR);
    a->r[PHONE_SLOT].addr_type = 1;
    a->phone_link = -1;
    a->phone_reason = -1;
    return a;
}

void air_free(struct air *a)
{
    if (!a)
        return;
    for (size_t i = 0; i < a->nitems; i++)
        json_decref(a->items[i].msg);
    free(a->items);
    free(a->seen);
    free(a->inbox);
    free(a->inbox_len);
    free(a);
}

void air_place(struct air *a, int dev, uint64_t seed, const double *pos, const int *rssi)
{
    struct radio *r = &a->r[slot(dev)];
    if (seed)
        r->seed = seed;
    if (pos) {
        r->x = pos[0];
        r->y = pos[1];
    }
    if (rssi) {
        r->fixed_rssi = true;
        r->rssi = *rssi;
    }
}

static uint64_t mix(uint64_t x)
{
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

/* advDelay of the k-th advertising event: 0-10 ms, pseudo-random from the seed. */
static uint64_t adv_delay(const struct radio *r, uint64_t k)
{
    return mix(r->seed ^ (k * 0x2545F4914F6CDD1Dull)) % 10001u;
}

/* Each advertising event follows the previous one by the interval plus its
 * own advDelay (T_advEvent = advInterval + advDelay): the delays add up, so an
 * advertiser drifts against a scanner of the same period instead of staying
 * outside its window for ever. */
static void adv_restart(struct radio *r, uint64_t t)
{
    r->adv_start = t;
    r->adv_k = 0;
    r->adv_at = t + adv_delay(r, 0);
}

static void adv_step(struct radio *r)
{
    r->adv_k++;
    r->adv_at += r->interval + adv_delay(r, r->adv_k);
}

static int rssi_between(const struct air *a, int from, int to, uint64_t salt)
{
    const struct radio *s = &a->r[from], *d = &a->r[to];
    if (s->fixed_rssi)
        return s->rssi;
    double dist = hypot(s->x - d->x, s->y - d->y);
    if (dist < 0.1)
        dist = 0.1;
    int v = (int)lround(s->tx_power - 41.0 - 20.0 * log10(dist)) + (int)(mix(salt) % 5) - 2;
    return v < -127 ? -127 : v > 20 ? 20 : v;
}

void air_queue_(struct air *a, int to, uint64_t at, json_t *msg)
{
    if (a->nitems == a->capitems) {
        size_t cap = a->capitems ? 2 * a->capitems : 64;
        struct item *n = realloc(a->items, cap * sizeof(*n));
        if (!n) {
            json_decref(msg);
            return;
        }
        a->items = n;
        a->capitems = cap;
    }
    size_t pos = a->nitems;
    while (pos > 0 && a->items[pos - 1].at > at)
        pos--;
    memmove(a->items + pos + 1, a->items + pos, (a->nitems - pos) * sizeof(*a->items));
    a->items[pos] = (struct item){ at, a->seq++, to, msg };
    a->nitems++;
}

static struct link *link_of(struct air *a, int dev, json_int_t conn)
{
    for (int k = 0; k < MAX_LINKS; k++) {
        struct link *l = &a->links[k];
        if (l->used && ((l->a == dev && l->ca == conn) || (l->b == dev && l->cb == conn)))
            return l;
    }
    return NULL;
}

json_t *air_rx_(const char *kind) { return json_pack("{s:s,s:s}", "cmd", "ble-rx", "kind", kind); }

void air_drop_link_(struct air *a, struct link *l, int from, uint64_t at, int reason)
{
    int other = l->a == from ? l->b : l->a;
    uint16_t oc = l->a == from ? l->cb : l->ca;
    json_t *m = air_rx_("disconnected");
    json_object_set_new(m, "conn", json_integer(oc));
    json_object_set_new(m, "reason", json_integer(reason));
    air_queue_(a, other, at, m);
    l->used = false;
}

/* Skip advertising events before t (nobody was listening). */
void air_fast_forward_(struct air *a, uint64_t t)
{
    for (int i = 0; i < NRADIO; i++) {
        struct radio *r = &a->r[i];
        if (!r->adv_on || t <= r->adv_start)
            continue;
        while (r->adv_at < t)
            adv_step(r);
    }
}

void air_on_event(struct coord *c, int dev, json_t *ev)
{
    struct air *a = c->air;
    struct radio *r = &a->r[slot(dev)];
    const char *type = json_string_value(json_object_get(ev, "type"));
    uint64_t t = (uint64_t)json_integer_value(json_object_get(ev, "t"));
    if (!c->lockstep && c->rt_start && t > c->now) {
        /* real time: the devices' clocks started before ours; follow the latest */
        c->rt_start -= (long long)((t - c->now) / 1000u);
        c->now = t;
    }
    if (!strcmp(type, "ble-adv")) {
        bool on = json_is_true(json_object_get(ev, "on"));
        if (!on) {
            r->adv_on = false;
            return;
        }
        const char *addr = json_string_value(json_object_get(ev, "addr"));
        const char *data = json_string_value(json_object_get(ev, "data"));
        const char *sr = json_string_value(json_object_get(ev, "sr"));
        json_int_t iv = json_integer_value(json_object_get(ev, "interval"));
        if (!addr || strlen(addr) != 17 || !data || strlen(data) > 62 || !sr || strlen(sr) > 62 || iv < 20000)
            return;
        bool was = r->adv_on;
        r->adv_on = true;
        snprintf(r->addr, sizeof(r->addr), "%s", addr);
        snprintf(r->data, sizeof(r->data), "%s", data);
        snprintf(r->sr, sizeof(r->sr), "%s", sr);
        r->addr_type = (int)json_integer_value(json_object_get(ev, "addr_type"));
        r->adv_type = (int)json_integer_value(json_object_get(ev, "adv_type"));
        r->tx_power = (int)json_integer_value(json_object_get(ev, "tx_power"));
        if (!was || r->interval != (uint32_t)iv) {
            r->interval = (uint32_t)iv;
            adv_restart(r, t);
        }
    } else if (!strcmp(type, "ble-scan")) {
        r->scan_on = json_is_true(json_object_get(ev, "on"));
        if (r->scan_on) {
            r->active = json_is_true(json_object_get(ev, "active"));
            r->sint = (uint32_t)json_integer_value(json_object_get(ev, "interval"));
            r->swin = (uint32_t)json_integer_value(json_object_get(ev, "window"));
            if (!r->sint || r->swin > r->sint)
                r->swin = r->sint = 1;
            r->scan_start = t;
            air_fast_forward_(a, t);
        }
    } else if (!strcmp(type, "ble-connect")) {
        const char *peer = json_string_value(json_object_get(ev, "peer"));
        if (!peer || strlen(peer) != 17)
            return;
        const char *own = json_string_value(json_object_get(ev, "addr"));
        if (own && strlen(own) == 17) {
            snprintf(r->addr, sizeof(r->addr), "%s", own);
            r->addr_type = (int)json_integer_value(json_object_get(ev, "addr_type"));
        }
        r->connecting = true;
        snprintf(r->target, sizeof(r->target), "%s", peer);
        r->c_interval = json_integer_value(json_object_get(ev, "interval"));
        r->c_latency = json_integer_value(json_object_get(ev, "latency"));
        r->c_timeout = json_integer_value(json_object_get(ev, "timeout"));
        air_fast_forward_(a, t);
    } else if (!strcmp(type, "ble-connect-cancel")) {
        r->connecting = false;
    } else if (!strcmp(type, "ble-disconnect")) {
        struct link *l = link_of(a, dev, json_integer_value(json_object_get(ev, "conn")));
        if (l) {
            json_int_t reason = json_integer_value(json_object_get(ev, "reason"));
            uint64_t at = (t > c->now ? t : c->now) + (uint64_t)l->interval;
            air_drop_link_(a, l, dev, at, (int)reason);
        }
    } else if (!strcmp(type, "ble-conn-update")) {
        struct link *l = link_of(a, dev, json_integer_value(json_object_get(ev, "conn")));
        json_int_t iv = json_integer_value(json_object_get(ev, "interval"));
        json_int_t lat = json_integer_value(json_object_get(ev, "latency"));
        json_int_t to = json_integer_value(json_object_get(ev, "timeout"));
        if (!l || iv < 7500 || iv > 4000000 || lat < 0 || lat > 499 || to < 100000 || to > 32000000)
            return;
        /* the new parameters apply at the procedure's instant, 6 events on */
        uint64_t at = (t > c->now ? t : c->now) + 6u * (uint64_t)l->interval;
        l->interval = iv;
        l->latency = lat;
        l->timeout = to;
        json_t *m = air_rx_("params");
        json_object_set_new(m, "conn", json_integer(l->a == dev ? l->cb : l->ca));
        json_object_set_new(m, "interval", json_integer(iv));
        json_object_set_new(m, "latency", json_integer(lat));
        json_object_set_new(m, "timeout", json_integer(to));
        air_queue_(a, l->a == dev ? l->b : l->a, at, m);
    } else if (!strcmp(type, "ble-att") && json_string_value(json_object_get(ev, "dir")) &&
               !strcmp(json_string_value(json_object_get(ev, "dir")), "tx")) {
        struct link *l = link_of(a, dev, json_integer_value(json_object_get(ev, "conn")));
        const char *pdu = json_string_value(json_object_get(ev, "pdu"));
        if (!l || !pdu)
            return;
        uint64_t at = (uint64_t)json_integer_value(json_object_get(ev, "at"));
        if (at < c->now)
            at = c->now;
        int other = l->a == dev ? l->b : l->a;
        json_t *m = air_rx_("att");
        json_object_set_new(m, "conn", json_integer(l->a == dev ? l->cb : l->ca));
        json_object_set_new(m, "pdu", json_string(pdu));
        air_queue_(a, other, at, m);
    }
}

void air_device_gone(struct coord *c, int dev, uint64_t t)
{
    struct air *a = c->air;
    struct radio *r = &a->r[slot(dev)];
    r->adv_on = r->scan_on = r->connecting = false;
    r->next_conn = 0;
    for (int k = 0; k < MAX_LINKS; k++)
        if (a->links[k].used && (a->links[k].a == dev || a->links[k].b == dev))
            air_drop_link_(a, &a->links[k], dev, t + (uint64_t)a->links[k].timeout, 0x08 /* connection timeout */);
    /* what was on its way to it is lost */
    for (size_t i = 0; i < a->nitems;)
        if (a->items[i].dev == dev) {
            json_decref(a->items[i].msg);
            memmove(a->items + i, a->items + i + 1, (a->nitems - i - 1) * sizeof(*a->items));
            a->nitems--;
        } else {
            i++;
        }
}

static bool interested(const struct air *a, int adv)
{
    for (int i = 0; i < NRADIO; i++)
        if (i != adv && (a->r[i].scan_on || (a->r[i].connecting && !strcmp(a->r[i].target, a->r[adv].addr))))
            return true;
    return false;
}

bool air_busy(const struct air *a)
{
    if (a->nitems)
        return true;
    for (int i = 0; i < NRADIO; i++)
        if (a->r[i].adv_on && interested(a, i))
            return true;
    return false;
}

uint64_t air_next(struct coord *c)
{
    struct air *a = c->air;
    uint64_t t = a->nitems ? a->items[0].at : FOREVER;
    for (int i = 0; i < NRADIO; i++)
        if (a->r[i].adv_on && interested(a, i)) {
            uint64_t e = a->r[i].adv_at;
            if (e < t)
                t = e;
        }
    return t;
}

static bool connectable(int type) { return type <= 2; }
static bool scannable(int type) { return type == 0 || type == 5 || type == 6; }
static int dev_of(int s) { return s == PHONE_SLOT ? AIR_PHONE : s; }


/* One advertising event of radio s at time te: scanners hear it, a pending
 * connection request is answered. */
static void adv_event(struct coord *c, int s, uint64_t te)
{
    struct air *a = c->air;
    struct radio *r = &a->r[s];
    for (int i = 0; i < NRADIO; i++) {
        struct radio *o = &a->r[i];
        if (i == s)
            continue;
        if (o->connecting && !strcmp(o->target, r->addr) && connectable(r->adv_type)) {
            struct link *l = NULL;
            for (int k = 0; k < MAX_LINKS && !l; k++)
                if (!a->links[k].used)
                    l = &a->links[k];
            o->connecting = false;
            if (!l)
                continue;
            *l = (struct link){ true, dev_of(i), dev_of(s), o->next_conn++, r->next_conn++,
                                o->c_interval, o->c_latency, o->c_timeout, te + 1250, 0 };
            r->adv_on = false; /* a connectable advertiser stops on connection */
            for (int side = 0; side < 2; side++) {
                json_t *m = air_rx_("connected");
                const struct radio *peer = side ? o : r;
                json_object_set_new(m, "conn", json_integer(side ? l->cb : l->ca));
                json_object_set_new(m, "role", json_string(side ? "peripheral" : "central"));
                json_object_set_new(m, "peer", json_string(peer->addr));
                json_object_set_new(m, "peer_type", json_integer(peer->addr_type));
                json_object_set_new(m, "interval", json_integer(l->interval));
                json_object_set_new(m, "latency", json_integer(l->latency));
                json_object_set_new(m, "timeout", json_integer(l->timeout));
                air_queue_(a, side ? dev_of(s) : dev_of(i), te + 1250, m);
            }
            return;
        }
        if (!o->scan_on || te < o->scan_start || (te - o->scan_start) % o->sint >= o->swin)
            continue;
        int rssi = rssi_between(a, s, i, r->seed ^ te ^ (uint64_t)i);
        bool with_sr = o->active && scannable(r->adv_type);
        if (i == PHONE_SLOT) {
            air_phone_report_(a, s, r, rssi, with_sr);
            continue;
        }
        json_t *m = air_rx_("report");
        json_object_set_new(m, "addr", json_string(r->addr));
        json_object_set_new(m, "addr_type", json_integer(r->addr_type));
        json_object_set_new(m, "adv_type", json_integer(r->adv_type));
        json_object_set_new(m, "rssi", json_integer(rssi));
        json_object_set_new(m, "data", json_string(r->data));
        if (with_sr)
            json_object_set_new(m, "sr", json_string(r->sr));
        air_queue_(a, i, te, m);
    }
}


int air_deliver(struct coord *c, uint64_t t, char *err, size_t errlen)
{
    struct air *a = c->air;
    for (;;) {
        /* advertising events up to t, in time order */
        int best = -1;
        uint64_t bt = FOREVER;
        for (int i = 0; i < NRADIO; i++)
            if (a->r[i].adv_on && interested(a, i)) {
                uint64_t e = a->r[i].adv_at;
                if (e <= t && e < bt) {
                    bt = e;
                    best = i;
                }
            }
        if (best < 0)
            break;
        adv_step(&a->r[best]);
        adv_event(c, best, bt);
    }
    /* then everything due, device by device (each settles before the next slice) */
    int last[COORD_MAX_DEVICES];
    for (int i = 0; i < COORD_MAX_DEVICES; i++)
        last[i] = -1;
    size_t n = 0;
    while (n < a->nitems && a->items[n].at <= t)
        n++;
    for (size_t k = 0; k < n; k++)
        if (a->items[k].dev != AIR_PHONE)
            last[a->items[k].dev] = (int)k;
    int rc = 0;
    for (size_t k = 0; k < n; k++) {
        struct item *it = &a->items[k];
        if (it->dev == AIR_PHONE) {
            air_phone_take_(c, it->msg);
            continue;
        }
        struct device *d = &c->dev[it->dev];
        if (d->exited)
            continue;
        if ((int)k == last[it->dev]) {
            json_t *r = coord_command(c, it->dev, json_incref(it->msg), err, errlen);
            if (!r)
                rc = -1;
            json_decref(r);
        } else {
            char *line = json_dumps(it->msg, JSON_COMPACT);
            if (line) {
                size_t len = strlen(line);
                char *nl = realloc(line, len + 2);
                if (nl) {
                    nl[len] = '\n';
                    nl[len + 1] = 0;
                    coord_send_line_(d, nl);
                    line = nl;
                }
                free(line);
            }
        }
    }
    for (size_t k = 0; k < n; k++)
        json_decref(a->items[k].msg);
    memmove(a->items, a->items + n, (a->nitems - n) * sizeof(*a->items));
    a->nitems -= n;
    return rc;
}

/* ---- device state ---- */

bool air_advertising(const struct air *a, int dev) { return a->r[slot(dev)].adv_on; }
bool air_scanning(const struct air *a, int dev) { return a->r[slot(dev)].scan_on; }
const char *air_address(const struct air *a, int dev) { return a->r[slot(dev)].addr[0] ? a->r[slot(dev)].addr : NULL; }

int air_links(const struct air *a, int dev)
{
    int n = 0;
    for (int k = 0; k < MAX_LINKS; k++)
        if (a->links[k].used && (a->links[k].a == dev || a->links[k].b == dev))
            n++;
    return n;
}
