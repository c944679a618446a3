/* ble-bridge/att_server.c - the ATT server over a GATT database
 * (gatt_db.c): one request, command or confirmation in, at most one
 * response out. Every length comes from the PDU's own size, never from a
 * field inside it; lists are cut to the connection's MTU.
 *
 * Served: every request of Bluetooth 4.x/5.0 ATT, Read Multiple included
 * (the values one after the other, cut at the MTU); later requests (Read
 * Multiple Variable) get Request Not Supported; Signed Write is dropped.
 *
 * Choices where the spec leaves room: a request longer than the
 * connection's MTU is answered with Invalid PDU (a command is dropped);
 * Read Blob never answers Attribute Not Long; a write at an offset (prepared
 * writes) makes the value end where the written part ends; an Execute Write
 * checks every queued part before it writes any; the peer's second MTU
 * exchange is answered as the first but changes nothing; on_mtu is called
 * after the first exchange even when the MTU stays 23. */
#include "att_internal.h"

#include <errno.h>
#include <string.h>

struct req {
    struct vdev_gatt_db *db;
    struct gatt_conn *c;
    uint16_t conn;
    const uint8_t *p;
    size_t len;
    uint8_t *rsp;
    size_t mtu;                         /* response limit */
};

static struct gatt_attr *attr_at(struct vdev_gatt_db *db, uint16_t h)
{
    return (h == 0 || h > db->count) ? NULL : &db->attrs[h - 1];
}

/* The value a peer sees: a CCCD is per connection. */
static const uint8_t *attr_value(const struct req *r, const struct gatt_attr *a, uint16_t h, uint8_t tmp[2],
                                 size_t *len)
{
    if (a->kind == GATT_KIND_CCCD) {
        att_put16(tmp, r->c->cccd[h]);
        *len = 2;
        return tmp;
    }
    *len = a->len;
    return a->value;
}

static int err(const struct req *r, uint16_t h, uint8_t code)
{
    return att_error_rsp(r->rsp, r->p[0], h, code);
}

/* start/end of a range request at p + 1; 0 when valid, else the error response */
static int range(const struct req *r, uint16_t *start, uint16_t *end)
{
    *start = att_get16(r->p + 1);
    *end = att_get16(r->p + 3);
    if (*start == 0 || *start > *end)
        return err(r, *start, VDEV_ATT_ERR_INVALID_HANDLE);
    if (*end > r->db->count)
        *end = r->db->count;
    return 0;
}

static int do_mtu(struct req *r, bool *mtu_changed)
{
    if (r->len != 3)
        return err(r, 0, VDEV_ATT_ERR_INVALID_PDU);
    uint16_t client = att_get16(r->p + 1);
    if (!r->c->exchanged) {
        uint16_t m = client < r->db->local_mtu ? client : r->db->local_mtu;
        r->c->mtu = m < VDEV_ATT_DEFAULT_MTU ? VDEV_ATT_DEFAULT_MTU : m;
        r->c->exchanged = true;
        *mtu_changed = true;
    }
    r->rsp[0] = VDEV_ATT_MTU_RSP;
    att_put16(r->rsp + 1, r->db->local_mtu);
    return 3;
}

static int do_find_info(struct req *r)
{
    uint16_t start, end;
    if (r->len != 5)
        return err(r, 0, VDEV_ATT_ERR_INVALID_PDU);
    int e = range(r, &start, &end);
    if (e)
        return e;
    size_t off = 2;
    uint8_t ulen = 0;
    for (uint32_t h = start; h <= end; h++) {
        const struct gatt_attr *a = &r->db->attrs[h - 1];
        if (ulen == 0)
            ulen = a->type.len;
        else if (a->type.len != ulen)
            break;
        if (off + 2 + ulen > r->mtu)
            break;
        att_put16(r->rsp + off, (uint16_t)h);
        memcpy(r->rsp + off + 2, a->type.b, ulen);
        off += 2 + (size_t)ulen;
    }
    if (off == 2)
        return err(r, start, VDEV_ATT_ERR_ATTRIBUTE_NOT_FOUND);
    r->rsp[0] = VDEV_ATT_FIND_INFO_RSP;
    r->rsp[1] = ulen == 2 ? 1 : 2;
    return (int)off;
}

static int do_find_by_type_value(struct req *r)
{
    uint16_t start, end;
    if (r->len < 7)
        return err(r, 0, VDEV_ATT_ERR_INVALID_PDU);
    int e = range(r, &start, &end);
    if (e)
        return e;
    uint16_t type = att_get16(r->p + 5);
    const uint8_t *want = r->p + 7;
    size_t wlen = r->len - 7;
    struct vdev_uuid wuuid;
    bool wis_uuid = att_uuid_from(want, wlen, &wuuid);
    size_t off = 1;
    for (uint32_t h = start; h <= end && off + 4 <= r->mtu; h++) {
        const struct gatt_attr *a = &r->db->attrs[h - 1];
        uint16_t t;
        if (!att_uuid_short(&a->type, &t) || t != type || !(a->perm & GATT_PERM_READ))
            continue;
        bool match;
        if (a->kind == GATT_KIND_SERVICE) {
            struct vdev_uuid su;
            match = wis_uuid && att_uuid_from(a->value, a->len, &su) && vdev_uuid_eq(&su, &wuuid);
        } else {
            uint8_t tmp[2];
            size_t vlen;
            const uint8_t *v = attr_value(r, a, (uint16_t)h, tmp, &vlen);
            match = vlen == wlen && (wlen == 0 || memcmp(v, want, wlen) == 0);
        }
        if (!match)
            continue;
        att_put16(r->rsp + off, (uint16_t)h);
        att_put16(r->rsp + off + 2, a->kind == GATT_KIND_SERVICE ? a->end : (uint16_t)h);
        off += 4;
    }
    if (off == 1)
        return err(r, start, VDEV_ATT_ERR_ATTRIBUTE_NOT_FOUND);
    r->rsp[0] = VDEV_ATT_FIND_BY_TYPE_VALUE_RSP;
    return (int)off;
}

/* Read By Type and Read By Group Type share their shape: a list of
 * handle [end] value entries of one length. */
static int do_read_by_type(struct req *r, bool group)
{
    uint16_t start, end;
    struct vdev_uuid type;
    if ((r->len != 7 && r->len != 21) || !att_uuid_from(r->p + 5, r->len - 5, &type))
        return err(r, 0, VDEV_ATT_ERR_INVALID_PDU);
    int e = range(r, &start, &end);
    if (e)
        return e;
    if (group) {
        uint16_t t;
        if (!att_uuid_short(&type, &t) || (t != GATT_TYPE_PRIMARY && t != GATT_TYPE_SECONDARY))
            return err(r, start, VDEV_ATT_ERR_UNSUPPORTED_GROUP_TYPE);
    }
    size_t head = group ? 4 : 2;        /* handle [+ group end] */
    size_t maxv = r->mtu - 2 - head;
    if (maxv > 255 - head)
        maxv = 255 - head;
    size_t off = 2, elen = 0;
    for (uint32_t h = start; h <= end; h++) {
        const struct gatt_attr *a = &r->db->attrs[h - 1];
        if (!vdev_uuid_eq(&a->type, &type) || (group && a->kind != GATT_KIND_SERVICE))
            continue;
        if (!(a->perm & GATT_PERM_READ)) {
            if (elen == 0)
                return err(r, (uint16_t)h, VDEV_ATT_ERR_READ_NOT_PERMITTED);
            break;
        }
        uint8_t tmp[2];
        size_t vlen;
        const uint8_t *v = attr_value(r, a, (uint16_t)h, tmp, &vlen);
        if (vlen > maxv)
            vlen = maxv;
        if (elen == 0)
            elen = head + vlen;
        else if (head + vlen != elen)
            break;
        if (off + elen > r->mtu)
            break;
        att_put16(r->rsp + off, (uint16_t)h);
        if (group)
            att_put16(r->rsp + off + 2, a->end);
        memcpy(r->rsp + off + head, v, vlen);
        off += elen;
    }
    if (elen == 0)
        return err(r, start, VDEV_ATT_ERR_ATTRIBUTE_NOT_FOUND);
    r->rsp[0] = group ? VDEV_ATT_READ_BY_GROUP_TYPE_RSP : VDEV_ATT_READ_BY_TYPE_RSP;
    r->rsp[1] = (uint8_t)elen;
    return (int)off;
}

/* The attribute at h if the peer may read it; else *e holds the error response. */
static const struct gatt_attr *readable(struct req *r, uint16_t h, int *e)
{
    const struct gatt_attr *a = attr_at(r->db, h);
    if (!a)
        *e = err(r, h, VDEV_ATT_ERR_INVALID_HANDLE);
    else if (!(a->perm & GATT_PERM_READ))
        *e = err(r, h, VDEV_ATT_ERR_READ_NOT_PERMITTED);
    return (a && (a->perm & GATT_PERM_READ)) ? a : NULL;
}

static int do_read(struct req *r, bool blob)
{
    if (r->len != (blob ? 5u : 3u))
        return err(r, 0, VDEV_ATT_ERR_INVALID_PDU);
    uint16_t h = att_get16(r->p + 1);
    int e = 0;
    const struct gatt_attr *a = readable(r, h, &e);
    if (!a)
        return e;
    uint8_t tmp[2];
    size_t vlen;
    const uint8_t *v = attr_value(r, a, h, tmp, &vlen);
    size_t offset = blob ? att_get16(r->p + 3) : 0;
    if (offset > vlen)
        return err(r, h, VDEV_ATT_ERR_INVALID_OFFSET);
    size_t n = vlen - offset;
    if (n > r->mtu - 1)
        n = r->mtu - 1;
    r->rsp[0] = blob ? VDEV_ATT_READ_BLOB_RSP : VDEV_ATT_READ_RSP;
    memcpy(r->rsp + 1, v + offset, n);
    return (int)(1 + n);
}

static int do_read_multiple(struct req *r)
{
    if (r->len < 5 || (r->len - 1) % 2 != 0)
        return err(r, 0, VDEV_ATT_ERR_INVALID_PDU);
    size_t off = 1;
    for (size_t i = 1; i + 1 < r->len; i += 2) {
        uint16_t h = att_get16(r->p + i);
        int e = 0;
        const struct gatt_attr *a = readable(r, h, &e);
        if (!a)
            return e;
        uint8_t tmp[2];
        size_t vlen;
        const uint8_t *v = attr_value(r, a, h, tmp, &vlen);
        if (vlen > r->mtu - off)
            vlen = r->mtu - off;
        memcpy(r->rsp + off, v, vlen);
        off += vlen;
    }
    r->rsp[0] = VDEV_ATT_READ_MULTIPLE_RSP;
    return (int)off;
}

/* The attribute at h if the peer may write it; else the error code in *code. */
static struct gatt_attr *writable(struct vdev_gatt_db *db, uint16_t h, uint8_t *code)
{
    struct gatt_attr *a = attr_at(db, h);
    if (!a)
        *code = VDEV_ATT_ERR_INVALID_HANDLE;
    else if (!(a->perm & GATT_PERM_WRITE))
        *code = VDEV_ATT_ERR_WRITE_NOT_PERMITTED;
    return (a && (a->perm & GATT_PERM_WRITE)) ? a : NULL;
}

static bool store_ok(const struct gatt_attr *a, size_t len, uint8_t *code)
{
    if (len > VDEV_ATT_MAX_VALUE || (a->kind == GATT_KIND_CCCD && len != 2)) {
        *code = VDEV_ATT_ERR_INVALID_ATTRIBUTE_VALUE_LENGTH;
        return false;
    }
    return true;
}

/* Stores a checked value; true when it was a CCCD. */
static bool store(struct req *r, struct gatt_attr *a, uint16_t h, const uint8_t *v, size_t len)
{
    if (a->kind == GATT_KIND_CCCD) {
        r->c->cccd[h] = att_get16(v);
        return true;
    }
    memmove(a->value, v, len);
    a->len = (uint8_t)len;
    return false;
}

/* For a CCCD, h is the characteristic's value handle. */
static void report_write(struct req *r, uint16_t h, const uint8_t *v, size_t len, bool cccd, bool with_rsp)
{
    const struct vdev_att_server_cb *cb = &r->db->cb;
    if (cccd) {
        if (cb->on_cccd)
            cb->on_cccd(cb->ctx, r->conn, h, att_get16(v));
    } else if (cb->on_write) {
        cb->on_write(cb->ctx, r->conn, h, v, len, with_rsp);
    }
}

static int do_write(struct req *r, bool with_rsp)
{
    if (r->len < 3)
        return with_rsp ? err(r, 0, VDEV_ATT_ERR_INVALID_PDU) : 0;
    uint16_t h = att_get16(r->p + 1);
    const uint8_t *v = r->p + 3;
    size_t len = r->len - 3;
    uint8_t code = 0;
    struct gatt_attr *a = writable(r->db, h, &code);
    if (!a || !store_ok(a, len, &code))
        return with_rsp ? err(r, h, code) : 0;
    bool cccd = store(r, a, h, v, len);
    int n = 0;
    if (with_rsp) {
        r->rsp[0] = VDEV_ATT_WRITE_RSP;
        n = 1;
    }
    report_write(r, cccd ? a->link : h, v, len, cccd, with_rsp);
    return n;
}

static int do_prepare(struct req *r)
{
    if (r->len < 5)
        return err(r, 0, VDEV_ATT_ERR_INVALID_PDU);
    uint16_t h = att_get16(r->p + 1);
    uint8_t code = 0;
    if (!writable(r->db, h, &code))
        return err(r, h, code);
    struct gatt_conn *c = r->c;
    if (c->nprep >= GATT_PREP_MAX)
        return err(r, h, VDEV_ATT_ERR_PREPARE_QUEUE_FULL);
    size_t len = r->len - 5;
    if (len > GATT_PREP_DATA)
        return err(r, h, VDEV_ATT_ERR_INVALID_ATTRIBUTE_VALUE_LENGTH);
    struct gatt_prep *p = &c->prep[c->nprep++];
    p->handle = h;
    p->offset = att_get16(r->p + 3);
    p->len = (uint8_t)len;
    memcpy(p->data, r->p + 5, len);
    memmove(r->rsp, r->p, r->len);
    r->rsp[0] = VDEV_ATT_PREPARE_WRITE_RSP;
    return (int)r->len;
}

struct work {
    uint16_t h;
    uint16_t link;                      /* a CCCD's value handle */
    uint8_t len;
    bool cccd;
    uint8_t v[VDEV_ATT_MAX_VALUE];
};

/* Builds every value the queue writes without touching the database; 0 or
 * an error response. */
static int exec_check(struct req *r, struct work *w, int *nw)
{
    for (int i = 0; i < r->c->nprep; i++) {
        const struct gatt_prep *p = &r->c->prep[i];
        uint8_t code = 0;
        struct gatt_attr *a = writable(r->db, p->handle, &code);
        if (!a)
            return err(r, p->handle, code);
        int k = 0;
        while (k < *nw && w[k].h != p->handle)
            k++;
        if (k == *nw) {
            uint8_t tmp[2];
            size_t vlen;
            const uint8_t *v = attr_value(r, a, p->handle, tmp, &vlen);
            w[k].h = p->handle;
            w[k].cccd = a->kind == GATT_KIND_CCCD;
            w[k].link = a->link;
            w[k].len = (uint8_t)vlen;
            memcpy(w[k].v, v, vlen);
            (*nw)++;
        }
        if (p->offset > w[k].len)
            return err(r, p->handle, VDEV_ATT_ERR_INVALID_OFFSET);
        if ((size_t)p->offset + p->len > VDEV_ATT_MAX_VALUE)
            return err(r, p->handle, VDEV_ATT_ERR_INVALID_ATTRIBUTE_VALUE_LENGTH);
        memcpy(w[k].v + p->offset, p->data, p->len);
        w[k].len = (uint8_t)(p->offset + p->len);
    }
    for (int k = 0; k < *nw; k++)
        if (w[k].cccd && w[k].len != 2)
            return err(r, w[k].h, VDEV_ATT_ERR_INVALID_ATTRIBUTE_VALUE_LENGTH);
    return 0;
}

static int do_execute(struct req *r)
{
    if (r->len != 2 || r->p[1] > 1)
        return err(r, 0, VDEV_ATT_ERR_INVALID_PDU);
    struct work w[GATT_PREP_MAX];
    int nw = 0;
    int e = r->p[1] ? exec_check(r, w, &nw) : 0;
    r->c->nprep = 0;
    if (e)
        return e;
    for (int k = 0; k < nw; k++)
        store(r, &r->db->attrs[w[k].h - 1], w[k].h, w[k].v, w[k].len);
    r->rsp[0] = VDEV_ATT_EXECUTE_WRITE_RSP;
    /* the callbacks may change the database: report from the copies */
    for (int k = 0; k < nw; k++)
        report_write(r, w[k].cccd ? w[k].link : w[k].h, w[k].v, w[k].len, w[k].cccd, true);
    return 1;
}

int vdev_att_server_handle(struct vdev_gatt_db *db, uint16_t conn, const uint8_t *pdu, size_t len, uint8_t *rsp,
                           size_t cap)
{
    if (!db || (!pdu && len) || !rsp || cap < VDEV_ATT_DEFAULT_MTU)
        return -EINVAL;
    struct gatt_conn *c = gatt_conn_find(db, conn);
    if (!c)
        return -ENOTCONN;
    if (len == 0 || !vdev_att_is_server_pdu(pdu, len))
        return 0;                       /* nothing, or a PDU for our client */
    uint8_t op = pdu[0];
    bool command = (op & 0x40) != 0;
    struct req r = {db, c, conn, pdu, len, rsp, c->mtu < cap ? c->mtu : cap};
    if (len > c->mtu)
        return (command || op == VDEV_ATT_HANDLE_VALUE_CFM) ? 0 : err(&r, 0, VDEV_ATT_ERR_INVALID_PDU);
    bool mtu_changed = false;
    int n;
    switch (op) {
    case VDEV_ATT_MTU_REQ:
        n = do_mtu(&r, &mtu_changed);
        break;
    case VDEV_ATT_FIND_INFO_REQ:
        return do_find_info(&r);
    case VDEV_ATT_FIND_BY_TYPE_VALUE_REQ:
        return do_find_by_type_value(&r);
    case VDEV_ATT_READ_BY_TYPE_REQ:
        return do_read_by_type(&r, false);
    case VDEV_ATT_READ_BY_GROUP_TYPE_REQ:
        return do_read_by_type(&r, true);
    case VDEV_ATT_READ_REQ:
        return do_read(&r, false);
    case VDEV_ATT_READ_BLOB_REQ:
        return do_read(&r, true);
    case VDEV_ATT_READ_MULTIPLE_REQ:
        return do_read_multiple(&r);
    case VDEV_ATT_WRITE_REQ:
        return do_write(&r, true);
    case VDEV_ATT_WRITE_CMD:
        return do_write(&r, false);
    case VDEV_ATT_PREPARE_WRITE_REQ:
        return do_prepare(&r);
    case VDEV_ATT_EXECUTE_WRITE_REQ:
        return do_execute(&r);
    case VDEV_ATT_HANDLE_VALUE_CFM:
        if (len == 1 && db->cb.on_confirm)
            db->cb.on_confirm(db->cb.ctx, conn);
        return 0;
    default:                            /* Signed Write and unknown commands are dropped */
        return command ? 0 : err(&r, 0, VDEV_ATT_ERR_REQUEST_NOT_SUPPORTED);
    }
    if (mtu_changed && db->cb.on_mtu)
        db->cb.on_mtu(db->cb.ctx, conn, c->mtu);
    return n;
}
