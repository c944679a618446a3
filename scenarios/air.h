/* scenarios/air.h - the loopback air: the simulated 2.4 GHz medium shared
 * by the devices of one coordinator, and the scripted peer (a phone without
 * firmware) that scenario steps drive. See docs/ble.md. */
#ifndef VDEV_AIR_H
#define VDEV_AIR_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct coord;
struct air;

#define AIR_PHONE 99 /* the scripted peer's device index */

struct air *air_new(void);
void air_free(struct air *a);
/* Where a device is (metres) and/or the RSSI others measure for it. */
void air_place(struct air *a, int dev, uint64_t seed, const double *pos, const int *rssi);

/* The coordinator's hooks. */
void air_on_event(struct coord *c, int dev, json_t *ev);
void air_device_gone(struct coord *c, int dev, uint64_t t);
bool air_busy(const struct air *a);          /* anything on air that needs time slices */
uint64_t air_next(struct coord *c);          /* when the air next does something (UINT64_MAX: never) */
int air_deliver(struct coord *c, uint64_t t, char *err, size_t errlen);

/* ---- device state as the air sees it (for expect-ble) ---- */
bool air_advertising(const struct air *a, int dev);
int air_links(const struct air *a, int dev);
bool air_scanning(const struct air *a, int dev);
/* The device's advertising address ("AA:BB:..") or NULL if it never advertised. */
const char *air_address(const struct air *a, int dev);

/* ---- the scripted peer ---- */
struct air_seen {
    char addr[18];
    int dev;                 /* the advertiser's device index */
    int addr_type, adv_type, rssi;
    uint8_t data[31], sr[31];
    int data_len, sr_len;
    bool has_sr;
};
void air_phone_scan(struct coord *c, bool on, bool active);
int air_phone_seen(const struct air *a, const struct air_seen **list); /* count */
void air_phone_clear_seen(struct air *a);
/* Ask to connect to the advertiser at addr. */
int air_phone_connect(struct coord *c, const char *addr);
bool air_phone_connected(const struct air *a);
int air_phone_disconnect_reason(const struct air *a); /* -1 while connected or never */
void air_phone_disconnect(struct coord *c);
/* Send one ATT PDU to the connected device. */
int air_phone_send(struct coord *c, const uint8_t *pdu, size_t len);
/* The oldest PDU the device sent the phone, removed from the inbox; its
 * length, or 0 when none is waiting. */
size_t air_phone_recv(struct air *a, uint8_t *buf, size_t cap);
size_t air_phone_inbox(const struct air *a);

#endif
