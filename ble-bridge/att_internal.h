/* ble-bridge/att_internal.h - private to the ATT/GATT implementation
 * (att.c, gatt_db.c, att_server.c, gatt_disc.c): the database's layout,
 * little-endian helpers and the few helpers shared between those files.
 * Nothing outside ble-bridge/att*.c and gatt_*.c includes it. */
#ifndef VDEV_ATT_INTERNAL_H
#define VDEV_ATT_INTERNAL_H

#include "att.h"

/* GATT attribute types used by the database and discovery */
#define GATT_TYPE_PRIMARY 0x2800
#define GATT_TYPE_SECONDARY 0x2801
#define GATT_TYPE_INCLUDE 0x2802
#define GATT_TYPE_CHAR 0x2803
#define GATT_TYPE_USER_DESC 0x2901
#define GATT_TYPE_CCCD 0x2902

#define GATT_PREP_MAX 16                 /* prepared writes queued per connection */
#define GATT_PREP_DATA (VDEV_ATT_MAX_MTU - 5)

enum gatt_kind { GATT_KIND_SERVICE = 1, GATT_KIND_CHAR, GATT_KIND_VALUE, GATT_KIND_CCCD, GATT_KIND_DESC };

#define GATT_PERM_READ 0x01
#define GATT_PERM_WRITE 0x02

struct gatt_attr {
    struct vdev_uuid type;
    uint8_t kind;                       /* enum gatt_kind */
    uint8_t perm;                       /* GATT_PERM_* */
    uint8_t props;                      /* value: the characteristic's properties */
    uint8_t len;                        /* value length */
    uint16_t end;                       /* service: last handle of the group; value: of the characteristic */
    uint16_t link;                      /* value: its CCCD (0 if none); CCCD: its value handle */
    uint8_t value[VDEV_ATT_MAX_VALUE];
};

struct gatt_prep {
    uint16_t handle, offset;
    uint8_t len;
    uint8_t data[GATT_PREP_DATA];
};

struct gatt_conn {
    bool used;
    bool exchanged;                     /* the peer's MTU exchange has been answered */
    uint16_t id;
    uint16_t mtu;
    int nprep;
    struct gatt_prep prep[GATT_PREP_MAX];
    uint16_t cccd[VDEV_ATT_MAX_ATTRS + 1]; /* by CCCD handle */
};

struct vdev_gatt_db {
    struct vdev_att_server_cb cb;
    uint16_t count;                     /* attributes: handles 1..count */
    uint16_t local_mtu;
    uint16_t last_svc;                  /* handle of the last service, 0 if none */
    uint16_t last_value;                /* value handle of the last characteristic, 0 if none */
    struct gatt_attr attrs[VDEV_ATT_MAX_ATTRS]; /* handle h is attrs[h - 1] */
    struct gatt_conn conns[VDEV_ATT_MAX_CONNS];
};

static inline uint16_t att_get16(const uint8_t *p)
{
    return (uint16_t)(p[0] | (p[1] << 8));
}

static inline void att_put16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)(v & 0xff);
    p[1] = (uint8_t)(v >> 8);
}

/* att.c */
/* The 16-bit value of a UUID that is 16-bit or the SIG base form of one;
 * false for any other 128-bit UUID or an invalid length. */
bool att_uuid_short(const struct vdev_uuid *u, uint16_t *v);
bool att_uuid_valid(const struct vdev_uuid *u);
/* The 16-bit form when there is one, otherwise the UUID itself. */
struct vdev_uuid att_uuid_norm(const struct vdev_uuid *u);
/* UUID from 2 or 16 on-air bytes; false for another length. */
bool att_uuid_from(const uint8_t *p, size_t len, struct vdev_uuid *out);
/* An error response (5 bytes) into rsp; returns 5. */
int att_error_rsp(uint8_t *rsp, uint8_t req_opcode, uint16_t handle, uint8_t code);

/* gatt_db.c */
struct gatt_conn *gatt_conn_find(struct vdev_gatt_db *db, uint16_t conn);

#endif
