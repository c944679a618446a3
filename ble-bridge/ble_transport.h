/* ble-bridge/ble_transport.h - the line between the BLE HAL (top, in
 * hal-posix/src/ble_hal*.c) and the radio (bottom, here): what the HAL asks
 * of the radio (down calls) and what the radio reports (up calls).
 *
 * bridge.c implements the down calls: each one becomes an event on the
 * control channel (that is also the loopback air's protocol: the
 * coordinator reads them), a btsnoop record when --btsnoop is on, and a call
 * into the backend when it is BlueZ. The loopback air answers with control
 * commands ("ble-rx", parsed by air.c); BlueZ answers from its own thread.
 * Both end in vdev_ble_bridge_up_*(), which records and forwards to the HAL's
 * vdev_ble_hal_on_*().
 *
 * Plain types only (no HAL or host headers). Addresses are 6 bytes, least
 * significant first (on-air order). Times are device microseconds. */
#ifndef VDEV_BLE_TRANSPORT_H
#define VDEV_BLE_TRANSPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct vdev_ble_adv {
    uint8_t addr[6];
    uint8_t addr_type;          /* 0 public, 1 random static, ... */
    uint8_t type;               /* hal_ble_adv_evt_type_t */
    uint32_t interval_us;
    int8_t tx_power;            /* dBm */
    uint8_t data_len, sr_len;
    uint8_t data[31], sr[31];
};

struct vdev_ble_scan {
    bool active;
    uint32_t interval_us, window_us;
    uint8_t addr[6];            /* the scanner's own address */
    uint8_t addr_type;
};

struct vdev_ble_conn_params {
    uint32_t interval_us;       /* connection interval */
    uint16_t latency;           /* peripheral latency, events */
    uint32_t timeout_us;        /* supervision timeout */
};

struct vdev_ble_report {
    uint8_t addr[6];
    uint8_t addr_type;
    uint8_t adv_type;           /* hal_ble_adv_evt_type_t of the advertiser */
    int8_t rssi;
    bool has_sr;                /* active scan of a scannable advertiser */
    uint8_t data_len, sr_len;
    uint8_t data[31], sr[31];
};

/* ---- down calls (HAL -> radio), firmware context ---- */
/* Open the radio: spec NULL or "air" (loopback air), or an HCI device name
 * such as "hci0" (BlueZ). btsnoop: capture file or NULL, appended to after a
 * reset (append). 0, or negative with a one-line reason in err. */
int vdev_ble_bridge_open(const char *spec, const char *btsnoop, bool append, char *err, size_t errlen);
void vdev_ble_bridge_close(void);
bool vdev_ble_bridge_is_air(void);
int vdev_ble_bridge_adv_start(const struct vdev_ble_adv *a); /* also an update while on */
int vdev_ble_bridge_adv_stop(void);
int vdev_ble_bridge_scan_start(const struct vdev_ble_scan *s);
int vdev_ble_bridge_scan_stop(void);
int vdev_ble_bridge_connect(const uint8_t addr[6], uint8_t addr_type, const uint8_t own[6], uint8_t own_type,
                            const struct vdev_ble_conn_params *p);
int vdev_ble_bridge_connect_cancel(void);
int vdev_ble_bridge_disconnect(uint16_t conn, uint8_t reason);
/* New connection parameters for a link (both ends adopt them). */
int vdev_ble_bridge_conn_update(uint16_t conn, const struct vdev_ble_conn_params *p);
int vdev_ble_bridge_send(uint16_t conn, const uint8_t *pdu, size_t len);
/* The same, with the device time at which the PDU has crossed the air (the
 * link layer's timing; the loopback air delivers it then). */
int vdev_ble_bridge_send_at(uint16_t conn, const uint8_t *pdu, size_t len, uint64_t at);

/* ---- up calls (radio -> HAL), firmware context (post from host threads) ---- */
void vdev_ble_bridge_up_report(const struct vdev_ble_report *r);
void vdev_ble_bridge_up_connected(uint16_t conn, bool central, const uint8_t peer[6], uint8_t peer_type,
                                  const struct vdev_ble_conn_params *p);
void vdev_ble_bridge_up_disconnected(uint16_t conn, uint8_t reason);
void vdev_ble_bridge_up_att(uint16_t conn, const uint8_t *pdu, size_t len);
void vdev_ble_bridge_up_params(uint16_t conn, const struct vdev_ble_conn_params *p);

/* Implemented by the HAL (hal-posix/src/ble_hal*.c); must not block. */
void vdev_ble_hal_on_report(const struct vdev_ble_report *r);
void vdev_ble_hal_on_connected(uint16_t conn, bool central, const uint8_t peer[6], uint8_t peer_type,
                               const struct vdev_ble_conn_params *p);
void vdev_ble_hal_on_disconnected(uint16_t conn, uint8_t reason);
void vdev_ble_hal_on_att(uint16_t conn, const uint8_t *pdu, size_t len);
void vdev_ble_hal_on_params(uint16_t conn, const struct vdev_ble_conn_params *p);

/* ---- backends ---- */
struct vdev_ble_backend {
    int (*adv_start)(const struct vdev_ble_adv *a);
    int (*adv_stop)(void);
    int (*scan_start)(const struct vdev_ble_scan *s);
    int (*scan_stop)(void);
    int (*connect)(const uint8_t addr[6], uint8_t addr_type, const struct vdev_ble_conn_params *p);
    int (*connect_cancel)(void);
    int (*disconnect)(uint16_t conn, uint8_t reason);
    int (*send)(uint16_t conn, const uint8_t *pdu, size_t len);
    void (*close)(void);
};
/* BlueZ (ble-bridge/bluez.c): NULL with a clear reason in err when the
 * machine has no Bluetooth support or no such adapter. */
const struct vdev_ble_backend *vdev_ble_bluez_open(const char *dev, char *err, size_t errlen);

/* ---- capture (ble-bridge/snoop.c): HCI-level records in btsnoop format ---- */
int vdev_ble_snoop_open(const char *path);  /* 0 or -errno; truncates */
/* Continue an existing capture (after a reset re-exec); a missing or empty
 * file is started anew. 0 or -errno. */
int vdev_ble_snoop_open_append(const char *path);
void vdev_ble_snoop_close(void);
bool vdev_ble_snoop_enabled(void);
void vdev_ble_snoop_adv_start(uint64_t t, const struct vdev_ble_adv *a);
void vdev_ble_snoop_adv_stop(uint64_t t);
void vdev_ble_snoop_scan_start(uint64_t t, const struct vdev_ble_scan *s);
void vdev_ble_snoop_scan_stop(uint64_t t);
void vdev_ble_snoop_connect(uint64_t t, const uint8_t addr[6], uint8_t addr_type, const struct vdev_ble_conn_params *p);
void vdev_ble_snoop_connect_cancel(uint64_t t);
void vdev_ble_snoop_disconnect(uint64_t t, uint16_t conn, uint8_t reason);
void vdev_ble_snoop_report(uint64_t t, const struct vdev_ble_report *r);
void vdev_ble_snoop_connected(uint64_t t, uint16_t conn, bool central, const uint8_t peer[6], uint8_t peer_type,
                              const struct vdev_ble_conn_params *p);
void vdev_ble_snoop_disconnected(uint64_t t, uint16_t conn, uint8_t reason);
void vdev_ble_snoop_acl(uint64_t t, uint16_t conn, bool sent, const uint8_t *pdu, size_t len);

#endif
