/* ble-bridge/gatt_db.c - the GATT database: the attribute table (services,
 * characteristic declarations, values, CCCDs, descriptors; handles from 1),
 * local value access, and per-connection state (MTU, CCCD values, the
 * prepared-write queue). The ATT server that serves it is att_server.c. */
#include "att_internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

struct vdev_gatt_db *vdev_gatt_db_new(const struct vdev_att_server_cb *cb)
{
    struct vdev_gatt_db *db = calloc(1, sizeof(*db));
    if (!db)
        return NULL;
    if (cb)
        db->cb = *cb;
    db->local_mtu = VDEV_ATT_MAX_MTU;
    return db;
}

void vdev_gatt_db_free(struct vdev_gatt_db *db)
{
    free(db);
}

void vdev_gatt_db_clear(struct vdev_gatt_db *db)
{
    if (!db)
        return;
    db->count = 0;
    db->last_svc = 0;
    db->last_value = 0;
    memset(db->attrs, 0, sizeof(db->attrs));
    memset(db->conns, 0, sizeof(db->conns));
}

static struct gatt_attr *attr_at(struct vdev_gatt_db *db, uint16_t handle)
{
    if (!db || handle == 0 || handle > db->count)
        return NULL;
    return &db->attrs[handle - 1];
}

/* Appends one attribute; the caller checked there is room. */
static uint16_t append(struct vdev_gatt_db *db, uint16_t type, uint8_t kind, uint8_t perm)
{
    struct gatt_attr *a = &db->attrs[db->count++];
    memset(a, 0, sizeof(*a));
    a->type = vdev_uuid16(type);
    a->kind = kind;
    a->perm = perm;
    return db->count;
}

static void put_uuid(struct gatt_attr *a, size_t at, const struct vdev_uuid *u)
{
    memcpy(a->value + at, u->b, u->len);
    a->len = (uint8_t)(at + u->len);
}

/* The service and characteristic (if the last one) now end at db->count. */
static void extend_groups(struct vdev_gatt_db *db, bool chr)
{
    db->attrs[db->last_svc - 1].end = db->count;
    if (chr && db->last_value)
        db->attrs[db->last_value - 1].end = db->count;
}

int vdev_gatt_db_add_service(struct vdev_gatt_db *db, const struct vdev_uuid *uuid, bool primary, uint16_t *svc_handle)
{
    if (!db || !att_uuid_valid(uuid))
        return -EINVAL;
    if (db->count >= VDEV_ATT_MAX_ATTRS)
        return -ENOSPC;
    struct vdev_uuid u = att_uuid_norm(uuid);
    uint16_t h = append(db, primary ? GATT_TYPE_PRIMARY : GATT_TYPE_SECONDARY, GATT_KIND_SERVICE, GATT_PERM_READ);
    struct gatt_attr *a = attr_at(db, h);
    put_uuid(a, 0, &u);
    a->end = h;
    db->last_svc = h;
    db->last_value = 0;
    if (svc_handle)
        *svc_handle = h;
    return 0;
}

int vdev_gatt_db_add_char(struct vdev_gatt_db *db, uint16_t svc_handle, const struct vdev_uuid *uuid, uint8_t props,
                          const char *desc, struct vdev_gatt_char_handles *out)
{
    if (!db || !att_uuid_valid(uuid) || svc_handle == 0 || svc_handle != db->last_svc)
        return -EINVAL;
    bool cccd = props & (VDEV_GATT_PROP_NOTIFY | VDEV_GATT_PROP_INDICATE);
    int need = 2 + (cccd ? 1 : 0) + (desc ? 1 : 0);
    if (db->count + need > VDEV_ATT_MAX_ATTRS)
        return -ENOSPC;
    struct vdev_uuid u = att_uuid_norm(uuid);
    struct vdev_gatt_char_handles h = {0, 0, 0, 0};

    h.decl = append(db, GATT_TYPE_CHAR, GATT_KIND_CHAR, GATT_PERM_READ);
    h.value = (uint16_t)(h.decl + 1);
    struct gatt_attr *d = attr_at(db, h.decl);
    d->value[0] = props;
    att_put16(d->value + 1, h.value);
    put_uuid(d, 3, &u);

    uint8_t perm = 0;
    if (props & VDEV_GATT_PROP_READ)
        perm |= GATT_PERM_READ;
    if (props & (VDEV_GATT_PROP_WRITE | VDEV_GATT_PROP_WRITE_WO_RESP))
        perm |= GATT_PERM_WRITE;
    append(db, 0, GATT_KIND_VALUE, perm);
    struct gatt_attr *v = attr_at(db, h.value);
    v->type = u;
    v->props = props;
    v->end = h.value;
    db->last_value = h.value;

    if (cccd) {
        h.cccd = append(db, GATT_TYPE_CCCD, GATT_KIND_CCCD, GATT_PERM_READ | GATT_PERM_WRITE);
        struct gatt_attr *c = attr_at(db, h.cccd);
        c->len = 2;                     /* the shared value stays 0; peers see their own */
        c->link = h.value;
        attr_at(db, h.value)->link = h.cccd;
    }
    if (desc) {
        h.user_desc = append(db, GATT_TYPE_USER_DESC, GATT_KIND_DESC, GATT_PERM_READ);
        struct gatt_attr *ud = attr_at(db, h.user_desc);
        size_t n = strnlen(desc, VDEV_ATT_MAX_VALUE);
        memcpy(ud->value, desc, n);
        ud->len = (uint8_t)n;
    }
    extend_groups(db, true);
    if (out)
        *out = h;
    return 0;
}

int vdev_gatt_db_add_desc(struct vdev_gatt_db *db, uint16_t value_handle, const struct vdev_uuid *uuid,
                          const uint8_t *data, size_t len, uint16_t *handle)
{
    if (!db || !att_uuid_valid(uuid) || value_handle == 0 || value_handle != db->last_value || (!data && len))
        return -EINVAL;
    uint16_t t;
    if (att_uuid_short(uuid, &t) && (t == GATT_TYPE_PRIMARY || t == GATT_TYPE_SECONDARY ||
                                     t == GATT_TYPE_INCLUDE || t == GATT_TYPE_CHAR || t == GATT_TYPE_CCCD))
        return -EINVAL;                 /* declarations and the CCCD are the database's own */
    if (len > VDEV_ATT_MAX_VALUE)
        return -EMSGSIZE;
    if (db->count >= VDEV_ATT_MAX_ATTRS)
        return -ENOSPC;
    uint16_t h = append(db, 0, GATT_KIND_DESC, GATT_PERM_READ);
    struct gatt_attr *a = attr_at(db, h);
    a->type = att_uuid_norm(uuid);
    if (len)
        memcpy(a->value, data, len);
    a->len = (uint8_t)len;
    extend_groups(db, true);
    if (handle)
        *handle = h;
    return 0;
}

/* Declarations hold the table's structure: local writes may not change them. */
int vdev_gatt_db_set_value(struct vdev_gatt_db *db, uint16_t handle, const uint8_t *data, size_t len)
{
    struct gatt_attr *a = attr_at(db, handle);
    if (!a)
        return -ENOENT;
    if (!data && len)
        return -EINVAL;
    if (len > VDEV_ATT_MAX_VALUE)
        return -EMSGSIZE;
    if (a->kind == GATT_KIND_SERVICE || a->kind == GATT_KIND_CHAR || a->kind == GATT_KIND_CCCD)
        return -EACCES;
    if (len)
        memmove(a->value, data, len);
    a->len = (uint8_t)len;
    return 0;
}

/* Copies at most cap bytes; returns the number copied. */
int vdev_gatt_db_get_value(const struct vdev_gatt_db *db, uint16_t handle, uint8_t *buf, size_t cap)
{
    const struct gatt_attr *a = attr_at((struct vdev_gatt_db *)db, handle);
    if (!a)
        return -ENOENT;
    if (!buf && cap)
        return -EINVAL;
    size_t n = a->len < cap ? a->len : cap;
    if (n)
        memcpy(buf, a->value, n);
    return (int)n;
}

int vdev_gatt_db_props(const struct vdev_gatt_db *db, uint16_t value_handle)
{
    const struct gatt_attr *a = attr_at((struct vdev_gatt_db *)db, value_handle);
    if (!a || a->kind != GATT_KIND_VALUE)
        return -ENOENT;
    return a->props;
}

uint16_t vdev_gatt_db_count(const struct vdev_gatt_db *db)
{
    return db ? db->count : 0;
}

/* ---- connections ---- */

struct gatt_conn *gatt_conn_find(struct vdev_gatt_db *db, uint16_t conn)
{
    if (!db)
        return NULL;
    for (int i = 0; i < VDEV_ATT_MAX_CONNS; i++)
        if (db->conns[i].used && db->conns[i].id == conn)
            return &db->conns[i];
    return NULL;
}

/* Opening a connection that is already open starts it afresh. */
int vdev_gatt_db_conn_open(struct vdev_gatt_db *db, uint16_t conn)
{
    if (!db)
        return -EINVAL;
    struct gatt_conn *c = gatt_conn_find(db, conn);
    for (int i = 0; !c && i < VDEV_ATT_MAX_CONNS; i++)
        if (!db->conns[i].used)
            c = &db->conns[i];
    if (!c)
        return -ENOSPC;
    memset(c, 0, sizeof(*c));
    c->used = true;
    c->id = conn;
    c->mtu = VDEV_ATT_DEFAULT_MTU;
    return 0;
}

void vdev_gatt_db_conn_close(struct vdev_gatt_db *db, uint16_t conn)
{
    struct gatt_conn *c = gatt_conn_find(db, conn);
    if (c)
        memset(c, 0, sizeof(*c));
}

uint16_t vdev_gatt_db_cccd(const struct vdev_gatt_db *db, uint16_t conn, uint16_t value_handle)
{
    struct vdev_gatt_db *w = (struct vdev_gatt_db *)db;
    const struct gatt_conn *c = gatt_conn_find(w, conn);
    const struct gatt_attr *a = attr_at(w, value_handle);
    if (!c || !a || a->kind != GATT_KIND_VALUE || a->link == 0)
        return 0;
    return c->cccd[a->link];
}

/* 23 for a connection that is not open. */
uint16_t vdev_gatt_db_mtu(const struct vdev_gatt_db *db, uint16_t conn)
{
    const struct gatt_conn *c = gatt_conn_find((struct vdev_gatt_db *)db, conn);
    return c ? c->mtu : VDEV_ATT_DEFAULT_MTU;
}

static uint16_t clamp_mtu(uint16_t mtu)
{
    if (mtu < VDEV_ATT_DEFAULT_MTU)
        return VDEV_ATT_DEFAULT_MTU;
    return mtu > VDEV_ATT_MAX_MTU ? VDEV_ATT_MAX_MTU : mtu;
}

void vdev_gatt_db_set_mtu(struct vdev_gatt_db *db, uint16_t conn, uint16_t mtu)
{
    struct gatt_conn *c = gatt_conn_find(db, conn);
    if (c)
        c->mtu = clamp_mtu(mtu);
}

void vdev_gatt_db_set_local_mtu(struct vdev_gatt_db *db, uint16_t mtu)
{
    if (db)
        db->local_mtu = clamp_mtu(mtu);
}
