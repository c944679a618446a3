/* ble-bridge/att.h - THE one ATT/GATT implementation, shared by the device
 * HAL (both transports) and the scenario runner's scripted peer.
 *
 *  - a GATT database (server side): services, characteristics (declaration,
 *    value, CCCD, user description), descriptors, values, and per-connection
 *    state (MTU, CCCD values, prepared writes);
 *  - the ATT server: one request/command/confirmation PDU in, at most one
 *    response PDU out (or an ATT error response), never trusting the peer;
 *  - client helpers: encoders for requests, decoders for responses, and a
 *    discovery procedure (services, characteristics, descriptors, user
 *    descriptions) driven one PDU at a time.
 *
 * Pure C, no I/O, no clock: callers move the PDUs. All multi-byte fields are
 * little endian as on air. Errors are negative errno values. */
#ifndef VDEV_ATT_H
#define VDEV_ATT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- constants ---- */
#define VDEV_ATT_DEFAULT_MTU 23
#define VDEV_ATT_MAX_MTU 247
#define VDEV_ATT_MAX_VALUE 244          /* attribute value limit (MTU 247 - 3) */
#define VDEV_ATT_MAX_ATTRS 512          /* per database */
#define VDEV_ATT_MAX_CONNS 8            /* connection slots per database */

/* opcodes */
#define VDEV_ATT_ERROR_RSP 0x01
#define VDEV_ATT_MTU_REQ 0x02
#define VDEV_ATT_MTU_RSP 0x03
#define VDEV_ATT_FIND_INFO_REQ 0x04
#define VDEV_ATT_FIND_INFO_RSP 0x05
#define VDEV_ATT_FIND_BY_TYPE_VALUE_REQ 0x06
#define VDEV_ATT_FIND_BY_TYPE_VALUE_RSP 0x07
#define VDEV_ATT_READ_BY_TYPE_REQ 0x08
#define VDEV_ATT_READ_BY_TYPE_RSP 0x09
#define VDEV_ATT_READ_REQ 0x0A
#define VDEV_ATT_READ_RSP 0x0B
#define VDEV_ATT_READ_BLOB_REQ 0x0C
#define VDEV_ATT_READ_BLOB_RSP 0x0D
#define VDEV_ATT_READ_MULTIPLE_REQ 0x0E
#define VDEV_ATT_READ_MULTIPLE_RSP 0x0F
#define VDEV_ATT_READ_BY_GROUP_TYPE_REQ 0x10
#define VDEV_ATT_READ_BY_GROUP_TYPE_RSP 0x11
#define VDEV_ATT_WRITE_REQ 0x12
#define VDEV_ATT_WRITE_RSP 0x13
#define VDEV_ATT_PREPARE_WRITE_REQ 0x16
#define VDEV_ATT_PREPARE_WRITE_RSP 0x17
#define VDEV_ATT_EXECUTE_WRITE_REQ 0x18
#define VDEV_ATT_EXECUTE_WRITE_RSP 0x19
#define VDEV_ATT_HANDLE_VALUE_NTF 0x1B
#define VDEV_ATT_HANDLE_VALUE_IND 0x1D
#define VDEV_ATT_HANDLE_VALUE_CFM 0x1E
#define VDEV_ATT_WRITE_CMD 0x52
#define VDEV_ATT_SIGNED_WRITE_CMD 0xD2

/* error codes */
#define VDEV_ATT_ERR_INVALID_HANDLE 0x01
#define VDEV_ATT_ERR_READ_NOT_PERMITTED 0x02
#define VDEV_ATT_ERR_WRITE_NOT_PERMITTED 0x03
#define VDEV_ATT_ERR_INVALID_PDU 0x04
#define VDEV_ATT_ERR_REQUEST_NOT_SUPPORTED 0x06
#define VDEV_ATT_ERR_INVALID_OFFSET 0x07
#define VDEV_ATT_ERR_PREPARE_QUEUE_FULL 0x09
#define VDEV_ATT_ERR_ATTRIBUTE_NOT_FOUND 0x0A
#define VDEV_ATT_ERR_ATTRIBUTE_NOT_LONG 0x0B
#define VDEV_ATT_ERR_INVALID_ATTRIBUTE_VALUE_LENGTH 0x0D
#define VDEV_ATT_ERR_UNLIKELY 0x0E
#define VDEV_ATT_ERR_UNSUPPORTED_GROUP_TYPE 0x10

/* characteristic properties */
#define VDEV_GATT_PROP_BROADCAST 0x01
#define VDEV_GATT_PROP_READ 0x02
#define VDEV_GATT_PROP_WRITE_WO_RESP 0x04
#define VDEV_GATT_PROP_WRITE 0x08
#define VDEV_GATT_PROP_NOTIFY 0x10
#define VDEV_GATT_PROP_INDICATE 0x20

/* ---- UUIDs ---- */
struct vdev_uuid {
    uint8_t len;        /* 2 or 16 */
    uint8_t b[16];      /* little endian; 16-bit UUIDs use b[0..1] */
};
struct vdev_uuid vdev_uuid16(uint16_t v);
/* A 128-bit UUID equal to the SIG base UUID with a 16-bit value is treated as that 16-bit UUID. */
bool vdev_uuid_eq(const struct vdev_uuid *a, const struct vdev_uuid *b);
/* "180F" or "6E400001-B5A3-F393-E0A9-E50E24DCCA9E" (dashes optional); 0 or -EINVAL */
int vdev_uuid_parse(const char *s, struct vdev_uuid *out);
/* Upper-case canonical text; buf of at least 37 bytes. */
void vdev_uuid_format(const struct vdev_uuid *u, char *buf);

/* ---- GATT database (server) ---- */
struct vdev_gatt_db;

/* What the server reports to its owner (all optional). Called from
 * vdev_att_server_handle() after the database is updated. */
struct vdev_att_server_cb {
    /* a peer wrote a characteristic value or descriptor (not a CCCD) */
    void (*on_write)(void *ctx, uint16_t conn, uint16_t handle, const uint8_t *data, size_t len, bool with_rsp);
    /* a peer wrote a CCCD: value_handle is the characteristic's value */
    void (*on_cccd)(void *ctx, uint16_t conn, uint16_t value_handle, uint16_t cccd);
    /* a peer confirmed an indication */
    void (*on_confirm)(void *ctx, uint16_t conn);
    /* the MTU of a connection changed (after an exchange) */
    void (*on_mtu)(void *ctx, uint16_t conn, uint16_t mtu);
    void *ctx;
};

struct vdev_gatt_char_handles {
    uint16_t decl, value, cccd, user_desc; /* 0 when absent */
};

struct vdev_gatt_db *vdev_gatt_db_new(const struct vdev_att_server_cb *cb);
void vdev_gatt_db_free(struct vdev_gatt_db *db);
/* Remove every attribute and connection (BLE.end/off). */
void vdev_gatt_db_clear(struct vdev_gatt_db *db);
/* Services are appended; a characteristic goes into the LAST service added
 * that matches svc_handle (-EINVAL if svc_handle is not the last service:
 * attributes of a service are contiguous). -ENOSPC when the table is full. */
int vdev_gatt_db_add_service(struct vdev_gatt_db *db, const struct vdev_uuid *uuid, bool primary, uint16_t *svc_handle);
/* Adds the declaration, the value, a CCCD when NOTIFY or INDICATE, and a
 * user description (0x2901, read-only) when desc is not NULL. */
int vdev_gatt_db_add_char(struct vdev_gatt_db *db, uint16_t svc_handle, const struct vdev_uuid *uuid, uint8_t props,
                          const char *desc, struct vdev_gatt_char_handles *out);
/* Adds a read-only descriptor after the characteristic owning value_handle
 * (which must be the last one added). */
int vdev_gatt_db_add_desc(struct vdev_gatt_db *db, uint16_t value_handle, const struct vdev_uuid *uuid,
                          const uint8_t *data, size_t len, uint16_t *handle);
/* Local value access (no permission checks; len > 244 is -EMSGSIZE). */
int vdev_gatt_db_set_value(struct vdev_gatt_db *db, uint16_t handle, const uint8_t *data, size_t len);
int vdev_gatt_db_get_value(const struct vdev_gatt_db *db, uint16_t handle, uint8_t *buf, size_t cap); /* length */
int vdev_gatt_db_props(const struct vdev_gatt_db *db, uint16_t value_handle); /* properties or -ENOENT */
uint16_t vdev_gatt_db_count(const struct vdev_gatt_db *db); /* number of attributes = last handle */

/* Connections (conn is the link's handle; state is per connection). */
int vdev_gatt_db_conn_open(struct vdev_gatt_db *db, uint16_t conn);   /* MTU 23, CCCDs 0 */
void vdev_gatt_db_conn_close(struct vdev_gatt_db *db, uint16_t conn);
uint16_t vdev_gatt_db_cccd(const struct vdev_gatt_db *db, uint16_t conn, uint16_t value_handle); /* 0 if none */
uint16_t vdev_gatt_db_mtu(const struct vdev_gatt_db *db, uint16_t conn);
void vdev_gatt_db_set_mtu(struct vdev_gatt_db *db, uint16_t conn, uint16_t mtu); /* after a client-side exchange */
/* The MTU this side offers in an exchange (default 247). */
void vdev_gatt_db_set_local_mtu(struct vdev_gatt_db *db, uint16_t mtu);

/* ---- ATT server ---- */
/* Handle one PDU from the peer addressed to our server (requests, commands,
 * confirmations). Writes the response (or an ATT error response) to rsp,
 * whose capacity must be at least VDEV_ATT_MAX_MTU; returns its length, 0
 * when none is due (commands, confirmations, ignored PDUs), or -ENOTCONN
 * when conn was not opened. Never reads past len, never trusts a length. */
int vdev_att_server_handle(struct vdev_gatt_db *db, uint16_t conn, const uint8_t *pdu, size_t len, uint8_t *rsp, size_t cap);

/* Is this PDU for the server role (a request, command or confirmation)?
 * Otherwise it is for the client role (responses, errors, notifications,
 * indications). */
bool vdev_att_is_server_pdu(const uint8_t *pdu, size_t len);

/* ---- client: encoders (return PDU length, or -EMSGSIZE if cap is too small) ---- */
int vdev_att_enc_mtu_req(uint8_t *buf, size_t cap, uint16_t mtu);
int vdev_att_enc_read_req(uint8_t *buf, size_t cap, uint16_t handle);
int vdev_att_enc_read_blob_req(uint8_t *buf, size_t cap, uint16_t handle, uint16_t offset);
int vdev_att_enc_write(uint8_t *buf, size_t cap, uint16_t handle, const uint8_t *data, size_t len, bool with_rsp);
/* notification or indication (the value is cut to mtu - 3 by the caller) */
int vdev_att_enc_notify(uint8_t *buf, size_t cap, uint16_t handle, const uint8_t *data, size_t len, bool indicate);
int vdev_att_enc_confirm(uint8_t *buf, size_t cap);

/* ---- client: decoders ---- */
/* An ATT error response: *req_opcode, *handle, *code; 0 or -EBADMSG. */
int vdev_att_dec_error(const uint8_t *pdu, size_t len, uint8_t *req_opcode, uint16_t *handle, uint8_t *code);
int vdev_att_dec_mtu_rsp(const uint8_t *pdu, size_t len, uint16_t *mtu);
/* Notification/indication: handle and value (pointing into pdu). */
int vdev_att_dec_notify(const uint8_t *pdu, size_t len, uint16_t *handle, const uint8_t **value, size_t *vlen, bool *indicate);
/* Read/blob response value (pointing into pdu). */
int vdev_att_dec_read_rsp(const uint8_t *pdu, size_t len, const uint8_t **value, size_t *vlen);

/* ---- client: discovery procedure ---- */
#define VDEV_GATT_MAX_SERVICES 32
#define VDEV_GATT_MAX_CHARS 64
#define VDEV_GATT_MAX_DESC_LEN 64

struct vdev_gatt_service {
    struct vdev_uuid uuid;
    uint16_t start, end;
};
struct vdev_gatt_chr {
    struct vdev_uuid uuid;
    uint8_t props;
    uint16_t decl, value, end;          /* end: last handle of the characteristic */
    uint16_t cccd, user_desc;           /* 0 when absent */
    char desc[VDEV_GATT_MAX_DESC_LEN + 1]; /* the user description's text, "" if none */
    int service;                        /* index into services */
};

/* Discovers every primary service, then every characteristic with its
 * descriptors (CCCD, user description) and reads the user descriptions.
 * Drive it: start() gives the first request; feed each response PDU (or an
 * error response) to step(), which gives the next request; it returns
 * 0 when there is a next request in out (*out_len set), 1 when done, and a
 * negative errno when the peer's answers are malformed. Services only:
 * set chars = false. */
struct vdev_gatt_discovery {
    bool chars;
    int state;
    uint16_t cursor, limit;
    int svc_index, chr_index;
    struct vdev_gatt_service services[VDEV_GATT_MAX_SERVICES];
    int nservices;
    struct vdev_gatt_chr chrs[VDEV_GATT_MAX_CHARS];
    int nchrs;
    uint16_t mtu;                       /* of the link (limits read sizes) */
};
int vdev_gatt_discovery_start(struct vdev_gatt_discovery *d, bool chars, uint16_t mtu, uint8_t *out, size_t cap, size_t *out_len);
int vdev_gatt_discovery_step(struct vdev_gatt_discovery *d, const uint8_t *rsp, size_t len, uint8_t *out, size_t cap, size_t *out_len);

#endif
