/* scenarios/air_priv.h - the loopback air's state, shared by air.c (the
 * medium) and air_phone.c (the scripted phone's radio). Nothing else
 * includes it. */
#ifndef VDEV_AIR_PRIV_H
#define VDEV_AIR_PRIV_H

#include "air.h"
#include "coord_priv.h"

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

/* air.c, for air_phone.c */
void air_queue_(struct air *a, int to, uint64_t at, json_t *msg);
json_t *air_rx_(const char *kind);
void air_drop_link_(struct air *a, struct link *l, int from, uint64_t at, int reason);
void air_fast_forward_(struct air *a, uint64_t t);
/* air_phone.c, for air.c */
void air_phone_report_(struct air *a, int from, const struct radio *r, int rssi, bool sr);
void air_phone_take_(struct coord *c, json_t *m);

#endif
