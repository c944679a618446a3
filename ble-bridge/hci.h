/* ble-bridge/hci.h - HCI packets as bytes: encoders for the LE commands the
 * bridge issues, the events a controller answers with and ACL data carrying
 * ATT over L2CAP; decoders with strict length checks for what a controller
 * sends; unit conversions between the transport's microseconds and HCI's
 * slot units. Pure functions, no I/O, no state.
 *
 * Packets are given WITHOUT the H4 indicator byte: a command starts with its
 * opcode, an event with its event code, ACL data with its handle. Multi-byte
 * fields are little endian; addresses are 6 bytes, least significant first.
 * Encoders return the packet length, or -ENOSPC when `cap` is too small and
 * -EINVAL on out-of-range input. Decoders return 0 or -EBADMSG and never
 * read past `n`. */
#ifndef VDEV_HCI_H
#define VDEV_HCI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct vdev_ble_adv;
struct vdev_ble_scan;
struct vdev_ble_conn_params;
struct vdev_ble_report;

/* H4 packet indicators (btsnoop datalink 1002, raw HCI sockets) */
#define VDEV_H4_CMD 0x01
#define VDEV_H4_ACL 0x02
#define VDEV_H4_EVT 0x04

/* command opcodes (OGF << 10 | OCF) */
#define VDEV_HCI_OP_DISCONNECT 0x0406
#define VDEV_HCI_OP_LE_SET_RANDOM_ADDR 0x2005
#define VDEV_HCI_OP_LE_SET_ADV_PARAMS 0x2006
#define VDEV_HCI_OP_LE_SET_ADV_DATA 0x2008
#define VDEV_HCI_OP_LE_SET_SCAN_RSP_DATA 0x2009
#define VDEV_HCI_OP_LE_SET_ADV_ENABLE 0x200A
#define VDEV_HCI_OP_LE_SET_SCAN_PARAMS 0x200B
#define VDEV_HCI_OP_LE_SET_SCAN_ENABLE 0x200C
#define VDEV_HCI_OP_LE_CREATE_CONN 0x200D
#define VDEV_HCI_OP_LE_CREATE_CONN_CANCEL 0x200E

/* event codes */
#define VDEV_HCI_EV_DISCONN_COMPLETE 0x05
#define VDEV_HCI_EV_CMD_COMPLETE 0x0E
#define VDEV_HCI_EV_CMD_STATUS 0x0F
#define VDEV_HCI_EV_LE_META 0x3E
#define VDEV_HCI_LE_CONN_COMPLETE 0x01
#define VDEV_HCI_LE_ADV_REPORT 0x02

/* legacy advertising PDU types (LE Set Advertising Parameters) */
#define VDEV_HCI_ADV_IND 0x00
#define VDEV_HCI_ADV_DIRECT_IND 0x01
#define VDEV_HCI_ADV_SCAN_IND 0x02
#define VDEV_HCI_ADV_NONCONN_IND 0x03
#define VDEV_HCI_ADV_DIRECT_IND_LOW 0x04
/* advertising report event types */
#define VDEV_HCI_REPORT_ADV_IND 0x00
#define VDEV_HCI_REPORT_DIRECT_IND 0x01
#define VDEV_HCI_REPORT_SCAN_IND 0x02
#define VDEV_HCI_REPORT_NONCONN_IND 0x03
#define VDEV_HCI_REPORT_SCAN_RSP 0x04

/* ACL packet boundary flags */
#define VDEV_HCI_PB_FIRST_NOFLUSH 0x0   /* host to controller, LE */
#define VDEV_HCI_PB_CONTINUE 0x1
#define VDEV_HCI_PB_FIRST_FLUSH 0x2     /* controller to host */

#define VDEV_L2CAP_CID_ATT 0x0004
#define VDEV_HCI_MAX_ADV_DATA 31
#define VDEV_HCI_MAX_REPORTS 25         /* fits in a 255-byte event */
#define VDEV_HCI_RSSI_UNKNOWN 127

/* common status / reason codes */
#define VDEV_HCI_SUCCESS 0x00
#define VDEV_HCI_ERR_UNKNOWN_CONN 0x02
#define VDEV_HCI_ERR_REMOTE_USER_TERM 0x13
#define VDEV_HCI_ERR_LOCAL_HOST_TERM 0x16

/* ---- command parameters ---- */
struct vdev_hci_adv_params {
    uint16_t interval_min, interval_max; /* 0.625 ms units */
    uint8_t adv_type;                    /* VDEV_HCI_ADV_* */
    uint8_t own_addr_type;
    uint8_t peer_addr_type;
    uint8_t peer_addr[6];
    uint8_t channel_map;                 /* bits 0..2: channels 37..39 */
    uint8_t filter_policy;
};

struct vdev_hci_scan_params {
    uint8_t active;                      /* 0 passive, 1 active */
    uint16_t interval, window;           /* 0.625 ms units */
    uint8_t own_addr_type;
    uint8_t filter_policy;
};

struct vdev_hci_create_conn {
    uint16_t scan_interval, scan_window; /* 0.625 ms units */
    uint8_t filter_policy;
    uint8_t peer_addr_type;
    uint8_t peer_addr[6];
    uint8_t own_addr_type;
    uint16_t interval_min, interval_max; /* 1.25 ms units */
    uint16_t latency;                    /* connection events */
    uint16_t timeout;                    /* 10 ms units */
    uint16_t min_ce_len, max_ce_len;     /* 0.625 ms units */
};

/* ---- command encoders ---- */
int vdev_hci_cmd_disconnect(uint8_t *buf, size_t cap, uint16_t handle, uint8_t reason);
int vdev_hci_cmd_le_set_random_addr(uint8_t *buf, size_t cap, const uint8_t addr[6]);
int vdev_hci_cmd_le_set_adv_params(uint8_t *buf, size_t cap, const struct vdev_hci_adv_params *p);
int vdev_hci_cmd_le_set_adv_data(uint8_t *buf, size_t cap, const uint8_t *data, size_t len);
int vdev_hci_cmd_le_set_scan_rsp_data(uint8_t *buf, size_t cap, const uint8_t *data, size_t len);
int vdev_hci_cmd_le_set_adv_enable(uint8_t *buf, size_t cap, bool enable);
int vdev_hci_cmd_le_set_scan_params(uint8_t *buf, size_t cap, const struct vdev_hci_scan_params *p);
int vdev_hci_cmd_le_set_scan_enable(uint8_t *buf, size_t cap, bool enable, bool filter_dup);
int vdev_hci_cmd_le_create_conn(uint8_t *buf, size_t cap, const struct vdev_hci_create_conn *p);
int vdev_hci_cmd_le_create_conn_cancel(uint8_t *buf, size_t cap);

/* Split a command packet: opcode and parameters (pointing into pkt). */
int vdev_hci_decode_cmd(const uint8_t *pkt, size_t n, uint16_t *opcode, const uint8_t **params, size_t *plen);

/* ---- events ---- */
struct vdev_hci_conn_complete {
    uint8_t status;
    uint16_t handle;
    uint8_t role;                        /* 0 central, 1 peripheral */
    uint8_t peer_addr_type;
    uint8_t peer_addr[6];
    uint16_t interval;                   /* 1.25 ms units */
    uint16_t latency;
    uint16_t timeout;                    /* 10 ms units */
    uint8_t clock_accuracy;
};

struct vdev_hci_adv_report {
    uint8_t event_type;                  /* VDEV_HCI_REPORT_* */
    uint8_t addr_type;
    uint8_t addr[6];
    uint8_t data_len;
    uint8_t data[VDEV_HCI_MAX_ADV_DATA];
    int8_t rssi;
};

struct vdev_hci_event {
    uint8_t code;                        /* VDEV_HCI_EV_* */
    uint8_t subevent;                    /* LE meta only */
    const uint8_t *params;               /* raw parameters (into the packet) */
    size_t plen;
    union {
        struct {
            uint8_t ncmd;
            uint16_t opcode;
            uint8_t status;              /* first return parameter, 0 if none */
            const uint8_t *ret;          /* return parameters, status included */
            size_t ret_len;
        } cmd_complete;
        struct {
            uint8_t status, ncmd;
            uint16_t opcode;
        } cmd_status;
        struct {
            uint8_t status;
            uint16_t handle;
            uint8_t reason;
        } disconn;
        struct vdev_hci_conn_complete conn;
        struct {
            uint8_t num;
            struct vdev_hci_adv_report r[VDEV_HCI_MAX_REPORTS];
        } reports;
    } u;
};

/* Decode one event packet. Events and LE subevents this module does not know
 * are not errors: code/subevent and params are set, the union is left zero.
 * -EBADMSG when the length byte disagrees with n (short or long) or a known
 * event's parameters are malformed. */
int vdev_hci_decode_event(const uint8_t *pkt, size_t n, struct vdev_hci_event *ev);

int vdev_hci_ev_cmd_complete(uint8_t *buf, size_t cap, uint16_t opcode, uint8_t status);
int vdev_hci_ev_cmd_status(uint8_t *buf, size_t cap, uint16_t opcode, uint8_t status);
int vdev_hci_ev_disconn_complete(uint8_t *buf, size_t cap, uint8_t status, uint16_t handle, uint8_t reason);
int vdev_hci_ev_le_conn_complete(uint8_t *buf, size_t cap, const struct vdev_hci_conn_complete *c);
/* One LE Advertising Report event carrying `num` (1..25) reports. */
int vdev_hci_ev_le_adv_report(uint8_t *buf, size_t cap, const struct vdev_hci_adv_report *r, size_t num);

/* ---- ACL data with an L2CAP basic header ---- */
struct vdev_hci_acl {
    uint16_t handle;                     /* 12 bits */
    uint8_t pb, bc;                      /* packet boundary, broadcast flags */
    uint16_t cid;
    const uint8_t *payload;              /* into the packet */
    size_t len;
};

/* One unfragmented ACL packet: handle/flags, L2CAP length and CID, payload. */
int vdev_hci_acl_l2cap(uint8_t *buf, size_t cap, uint16_t handle, uint8_t pb, uint16_t cid, const uint8_t *payload,
                       size_t len);
/* Decode an ACL packet holding one complete L2CAP basic frame. */
int vdev_hci_decode_acl(const uint8_t *pkt, size_t n, struct vdev_hci_acl *out);

/* A command's status as a negative errno (0 for success). */
int vdev_hci_status_errno(uint8_t status);

/* ---- units and type mappings ---- */
uint16_t vdev_hci_adv_interval(uint32_t us);   /* 0.625 ms, clamped 0x0020..0x4000 */
uint16_t vdev_hci_scan_units(uint32_t us);     /* 0.625 ms, clamped 0x0004..0x4000 */
uint16_t vdev_hci_conn_interval(uint32_t us);  /* 1.25 ms, clamped 0x0006..0x0C80 */
uint16_t vdev_hci_sup_timeout(uint32_t us);    /* 10 ms, clamped 0x000A..0x0C80 */
uint16_t vdev_hci_conn_latency(uint16_t events); /* clamped to 0x01F3 */
/* hal_ble_adv_evt_type_t -> VDEV_HCI_ADV_*; -EINVAL for unknown values */
int vdev_hci_adv_type_from_hal(uint8_t hal_type);
/* hal_ble_adv_evt_type_t -> the report event type a scanner sees */
int vdev_hci_report_type_from_hal(uint8_t hal_type);
/* report event type -> hal_ble_adv_evt_type_t; -EINVAL for SCAN_RSP and unknown */
int vdev_hci_hal_type_from_report(uint8_t report_type);

/* Address types: the transport's (0 public, 1 random static, 2 resolvable
 * private, 3 non-resolvable private) from HCI's (0 public, 1 random, 2/3
 * resolved identities), the random kind read from the address's top bits. */
uint8_t vdev_hci_addr_type_to_hal(uint8_t hci_type, const uint8_t addr[6]);
static inline uint8_t vdev_hci_addr_type_from_hal(uint8_t hal_type) { return hal_type ? 1 : 0; }

/* The transport's requests as HCI parameters (units converted and clamped). */
int vdev_hci_adv_params_from(const struct vdev_ble_adv *a, struct vdev_hci_adv_params *out);
void vdev_hci_scan_params_from(const struct vdev_ble_scan *s, struct vdev_hci_scan_params *out);
void vdev_hci_create_conn_from(const uint8_t addr[6], uint8_t addr_type, uint8_t own_type,
                               const struct vdev_ble_conn_params *p, struct vdev_hci_create_conn *out);
/* An advertising report as the transport's (no scan response); -EINVAL for
 * a SCAN_RSP or unknown event type. */
int vdev_hci_report_to(const struct vdev_hci_adv_report *hr, struct vdev_ble_report *out);
/* Connection parameters in HCI units back to the transport's microseconds. */
void vdev_hci_conn_params_to(uint16_t interval, uint16_t latency, uint16_t timeout, struct vdev_ble_conn_params *out);

#endif
