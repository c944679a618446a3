/* hal-posix/src/ble_hal_priv.h - the BLE HAL's private state, shared by its
 * files: ble_hal.c (stack, the "ble" thread, local GAP settings),
 * ble_hal_gap.c (advertising, scanning), ble_hal_link.c (connections and the link layer's
 * timing) and ble_hal_gatt.c (GATT server and client). Nothing else
 * includes it. All of it runs in firmware context, one thread at a time. */
#ifndef VDEV_BLE_HAL_PRIV_H
#define VDEV_BLE_HAL_PRIV_H

#include "ble_hal.h"

#include "../../ble-bridge/att.h"
#include "../../ble-bridge/ble_transport.h"

#define BLE_LINKS BLE_MAX_LINK_COUNT
#define BLE_SUBS 24
#define BLE_CHAR_CBS 64
#define BLE_ATT_TIMEOUT_US 30000000ull /* ATT transaction timeout */
#define BLE_CONNECT_TIMEOUT_US 5000000ull
#define BLE_TX_DEPTH 8                 /* PDUs the controller queues per link */

struct ble_sub {
    uint16_t value;
    hal_ble_on_char_evt_cb_t cb;
    void *ctx;
};

struct ble_link {
    bool used;
    uint16_t conn;
    bool central;               /* we are the central of this link */
    hal_ble_addr_t peer;
    hal_ble_conn_params_t params;
    struct vdev_ble_conn_params lp;
    uint64_t anchor;            /* device time of the connection (first event) */
    uint64_t air_free;          /* when our transmissions on this link end */
    uint16_t mtu;
    int8_t rssi;
    hal_ble_on_link_evt_cb_t cb;
    void *ctx;
    /* client: one request at a time */
    bool req_busy, rsp_ready;
    uint8_t req_op;
    uint8_t rsp[VDEV_ATT_MAX_MTU + 8];
    size_t rsp_len;
    /* server: one indication at a time */
    bool ind_busy, ind_confirmed;
    struct ble_sub subs[BLE_SUBS];
    int nsubs;
    struct vdev_gatt_discovery *disc; /* cached after discovery */
    bool discovering;
    unsigned gen;               /* bumps when the link closes */
};

struct ble_char_cb {
    uint16_t value;
    hal_ble_on_char_evt_cb_t cb;
    void *ctx;
};

struct ble_hal {
    bool ready;                 /* state initialised (once per boot) */
    bool on;                    /* stack initialised (BLE.on) */
    hal_ble_addr_t addr, default_addr;
    char name[BLE_MAX_DEV_NAME_LEN + 1];
    int8_t tx_power;
    hal_ble_ant_type_t antenna;
    uint16_t appearance;
    hal_ble_conn_params_t ppcp;
    hal_ble_adv_params_t adv_params;
    uint8_t adv[BLE_MAX_ADV_DATA_LEN], sr[BLE_MAX_ADV_DATA_LEN];
    size_t adv_len, sr_len;
    bool advertising;
    uint64_t adv_deadline;      /* VDEV_FOREVER: none */
    bool adv_resume;            /* advertising was stopped by a peripheral connection */
    hal_ble_scan_params_t scan_params;
    bool scanning, scan_stop;
    struct vdev_ble_report *scanq;
    size_t scanq_len, scanq_cap;
    bool connecting;
    hal_ble_addr_t connecting_addr;
    int connect_conn;           /* conn handle once connected, else -1 */
    struct ble_link links[BLE_LINKS];
    struct vdev_gatt_db *db;
    struct ble_char_cb char_cbs[BLE_CHAR_CBS];
    int nchar_cbs;
    size_t desired_mtu;
    hal_ble_on_link_evt_cb_t link_cb;
    void *link_ctx;
    hal_ble_on_adv_evt_cb_t adv_cb;
    void *adv_ctx;
    /* callbacks waiting for the "ble" thread */
    struct ble_work *work_head, *work_tail;
    void *thread;
};

extern struct ble_hal vdev_ble;

/* ble_hal.c */
int vdev_ble_check(void);       /* 0, or NOT_SUPPORTED (no BLE) / INVALID_STATE (stack off) */
bool vdev_ble_conn_params_valid(const hal_ble_conn_params_t *p);
void vdev_ble_notify_adv_stopped(void);
void vdev_ble_kick_thread(void); /* re-read the advertising deadline */
void vdev_ble_default_adv_params(hal_ble_adv_params_t *p);
void vdev_ble_default_scan_params(hal_ble_scan_params_t *p);
void vdev_ble_adv_resume(void);
/* Queue a callback for the "ble" thread (copies len bytes of data). */
enum ble_work_kind { BLE_WORK_LINK, BLE_WORK_CHAR, BLE_WORK_ADV };
void vdev_ble_queue_link(struct ble_link *l, hal_ble_evts_type_t type, uint8_t reason);
void vdev_ble_queue_char(hal_ble_on_char_evt_cb_t cb, void *ctx, hal_ble_evts_type_t type, uint16_t conn,
                         uint16_t handle, const uint8_t *data, size_t len, uint16_t cccd);
/* Wait (device time) until *flag or the deadline; false on timeout. */
bool vdev_ble_wait(const bool *flag, uint64_t deadline);
void vdev_ble_wake(const void *obj);

/* ble_hal_link.c */
struct ble_link *vdev_ble_link(uint16_t conn);
/* The open link for an API call: NULL with *rc set when the stack is off or
 * there is no such link. */
struct ble_link *vdev_ble_checked_link(uint16_t conn, int *rc);
struct ble_link *vdev_ble_link_by_addr(const hal_ble_addr_t *a);
int vdev_ble_link_count(bool central);
/* Send a PDU on a link, paced by the link layer (may wait for room). */
int vdev_ble_link_send(struct ble_link *l, const uint8_t *pdu, size_t len);
void vdev_ble_links_drop_all(uint8_t reason);
void vdev_ble_params_to_link(const hal_ble_conn_params_t *p, struct vdev_ble_conn_params *lp);

/* ble_hal_gatt.c */
void vdev_ble_gatt_init(void);
void vdev_ble_gatt_reset(void);   /* BLE.end/off: forget the local table */
void vdev_ble_gatt_link_up(struct ble_link *l);
void vdev_ble_gatt_link_down(struct ble_link *l);
void vdev_ble_gatt_on_pdu(struct ble_link *l, const uint8_t *pdu, size_t len);
/* MTU exchange as a client (after a central connection). */
int vdev_ble_gatt_exchange_mtu(struct ble_link *l);

#endif
