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
 * (a phone) is one more radio on the same air, driven by steps_ble.c.
 * Everything is a function of the events and the seeds: deterministic. */
#define _GNU_SOURCE
#include "air.h"
#include "coord_priv.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NRADIO (COORD_MAX_DEVICES + 1)
#define PHONE_SLOT COORD_MAX_DEVICES
#define MAX_LINKS 64
#define PHONE_ADDR "7A:5E:ED:00:00:01"

struct radio {
    bool adv_on;
    uint64_t adv_start, adv_k, adv_at; /* adv_at: when event adv_k happens */
    uint32_t interval;
    int adv_type, addr_type, tx_power;
    char addr[18];
    char data[64], sr[64];
    bool scan_on, active;
    uint64_t scan_start;
    uint32_t sint, swin;
    bool connecting;
    char target[18];
    json_int_t c_interval, c_latency, c_timeout;
    uint16_t next_conn;
    uint64_t seed;
    bool placed, fixed_rssi;
    double x, y;
    int rssi;
};

struct link {
    bool used;
    int a, b;                /* a is the central */
    uint16_t ca, cb;
    json_int_t interval, latency, timeout;
    uint64_t anchor, air_free_phone;
};

struct item {
    uint64_t at, seq;
    int dev;
    json_t *msg;             /* a ble-rx command */
};

struct air {
    struct radio r[NRADIO];
    struct link links[MAX_LINKS];
    struct item *items;
    size_t nitems, capitems;
    uint64_t seq;
    /* the phone */
    struct air_seen *seen;
    int nseen, capseen;
    int phone_link, phone_reason;
    uint8_t (*inbox)[260];
    size_t *inbox_len, ninbox, capinbox;
};

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

static void queue(struct air *a, int to, uint64_t at, json_t *msg)
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

static json_t *rx(const char *kind) { return json_pack("{s:s,s:s}", "cmd", "ble-rx", "kind", kind); }

static void drop_link(struct air *a, struct link *l, int from, uint64_t at, int reason)
{
    int other = l->a == from ? l->b : l->a;
    uint16_t oc = l->a == from ? l->cb : l->ca;
    json_t *m = rx("disconnected");
    json_object_set_new(m, "conn", json_integer(oc));
    json_object_set_new(m, "reason", json_integer(reason));
    queue(a, other, at, m);
    l->used = false;
}

/* Skip advertising events before t (nobody was listening). */
static void fast_forward(struct air *a, uint64_t t)
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
            fast_forward(a, t);
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
        fast_forward(a, t);
    } else if (!strcmp(type, "ble-connect-cancel")) {
        r->connecting = false;
    } else if (!strcmp(type, "ble-disconnect")) {
        struct link *l = link_of(a, dev, json_integer_value(json_object_get(ev, "conn")));
        if (l) {
            json_int_t reason = json_integer_value(json_object_get(ev, "reason"));
            uint64_t at = (t > c->now ? t : c->now) + (uint64_t)l->interval;
            drop_link(a, l, dev, at, (int)reason);
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
        json_t *m = rx("params");
        json_object_set_new(m, "conn", json_integer(l->a == dev ? l->cb : l->ca));
        json_object_set_new(m, "interval", json_integer(iv));
        json_object_set_new(m, "latency", json_integer(lat));
        json_object_set_new(m, "timeout", json_integer(to));
        queue(a, l->a == dev ? l->b : l->a, at, m);
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
        json_t *m = rx("att");
        json_object_set_new(m, "conn", json_integer(l->a == dev ? l->cb : l->ca));
        json_object_set_new(m, "pdu", json_string(pdu));
        queue(a, other, at, m);
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
            drop_link(a, &a->links[k], dev, t + (uint64_t)a->links[k].timeout, 0x08 /* connection timeout */);
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

static void phone_report(struct air *a, int from, const struct radio *r, int rssi, bool sr);

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
                json_t *m = rx("connected");
                const struct radio *peer = side ? o : r;
                json_object_set_new(m, "conn", json_integer(side ? l->cb : l->ca));
                json_object_set_new(m, "role", json_string(side ? "peripheral" : "central"));
                json_object_set_new(m, "peer", json_string(peer->addr));
                json_object_set_new(m, "peer_type", json_integer(peer->addr_type));
                json_object_set_new(m, "interval", json_integer(l->interval));
                json_object_set_new(m, "latency", json_integer(l->latency));
                json_object_set_new(m, "timeout", json_integer(l->timeout));
                queue(a, side ? dev_of(s) : dev_of(i), te + 1250, m);
            }
            return;
        }
        if (!o->scan_on || te < o->scan_start || (te - o->scan_start) % o->sint >= o->swin)
            continue;
        int rssi = rssi_between(a, s, i, r->seed ^ te ^ (uint64_t)i);
        bool with_sr = o->active && scannable(r->adv_type);
        if (i == PHONE_SLOT) {
            phone_report(a, s, r, rssi, with_sr);
            continue;
        }
        json_t *m = rx("report");
        json_object_set_new(m, "addr", json_string(r->addr));
        json_object_set_new(m, "addr_type", json_integer(r->addr_type));
        json_object_set_new(m, "adv_type", json_integer(r->adv_type));
        json_object_set_new(m, "rssi", json_integer(rssi));
        json_object_set_new(m, "data", json_string(r->data));
        if (with_sr)
            json_object_set_new(m, "sr", json_string(r->sr));
        queue(a, i, te, m);
    }
}

static void phone_take(struct coord *c, json_t *m);

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
            phone_take(c, it->msg);
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

/* ---- the phone ---- */

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

static void phone_report(struct air *a, int from, const struct radio *r, int rssi, bool sr)
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
        fast_forward(c->air, c->now);
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
    fast_forward(c->air, c->now);
    return 0;
}

static void phone_take(struct coord *c, json_t *m)
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
    drop_link(a, &a->links[a->phone_link], AIR_PHONE, c->now + (uint64_t)a->links[a->phone_link].interval, 0x13);
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
    char *h = malloc(2 * len + 1);
    if (!h)
        return -1;
    for (size_t i = 0; i < len; i++)
        sprintf(h + 2 * i, "%02x", pdu[i]);
    json_t *m = rx("att");
    json_object_set_new(m, "conn", json_integer(l->cb));
    json_object_set_new(m, "pdu", json_string(h));
    free(h);
    queue(a, l->b, l->air_free_phone, m);
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
