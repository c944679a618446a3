/* ble-bridge/gatt_disc.c - the client's discovery procedure, one PDU at a
 * time: primary services (Read By Group Type), then per service its
 * characteristics (Read By Type 0x2803), per characteristic its descriptors
 * (Find Information: CCCD, user description), then the user descriptions'
 * text (Read, then Read Blob while a response fills the MTU). Answers that
 * break the protocol end it with -EBADMSG; an error response ends the range
 * being walked. Notifications and indications are not for this procedure:
 * step() returns -EAGAIN for them and keeps its state. */
#include "att_internal.h"

#include <errno.h>
#include <string.h>

enum { DS_SVC = 1, DS_CHR, DS_DESC, DS_READ, DS_DONE, DS_FAIL };

static int emit(struct vdev_gatt_discovery *d, uint8_t *out, size_t cap, size_t *out_len)
{
    *out_len = 0;
    if (d->state == DS_DONE)
        return 1;
    if (!out || cap < 7)
        return -EMSGSIZE;
    switch (d->state) {
    case DS_SVC:
    case DS_CHR:
        out[0] = d->state == DS_SVC ? VDEV_ATT_READ_BY_GROUP_TYPE_REQ : VDEV_ATT_READ_BY_TYPE_REQ;
        att_put16(out + 1, d->cursor);
        att_put16(out + 3, d->limit);
        att_put16(out + 5, d->state == DS_SVC ? GATT_TYPE_PRIMARY : GATT_TYPE_CHAR);
        *out_len = 7;
        return 0;
    case DS_DESC:
        out[0] = VDEV_ATT_FIND_INFO_REQ;
        att_put16(out + 1, d->cursor);
        att_put16(out + 3, d->limit);
        *out_len = 5;
        return 0;
    case DS_READ: {
        uint16_t h = d->chrs[d->chr_index].user_desc;
        int n = d->cursor == 0 ? vdev_att_enc_read_req(out, cap, h) : vdev_att_enc_read_blob_req(out, cap, h, d->cursor);
        *out_len = (size_t)n;
        return 0;
    }
    default:
        return -EINVAL;
    }
}

static uint8_t request_opcode(const struct vdev_gatt_discovery *d)
{
    switch (d->state) {
    case DS_SVC:
        return VDEV_ATT_READ_BY_GROUP_TYPE_REQ;
    case DS_CHR:
        return VDEV_ATT_READ_BY_TYPE_REQ;
    case DS_DESC:
        return VDEV_ATT_FIND_INFO_REQ;
    default:
        return d->cursor == 0 ? VDEV_ATT_READ_REQ : VDEV_ATT_READ_BLOB_REQ;
    }
}

/* ---- moving on to the next range ---- */

static void next_read(struct vdev_gatt_discovery *d)
{
    while (++d->chr_index < d->nchrs) {
        if (d->chrs[d->chr_index].user_desc) {
            d->state = DS_READ;
            d->cursor = 0;
            return;
        }
    }
    d->state = DS_DONE;
}

static void next_desc(struct vdev_gatt_discovery *d)
{
    while (++d->chr_index < d->nchrs) {
        const struct vdev_gatt_chr *c = &d->chrs[d->chr_index];
        if (c->value < c->end) {
            d->state = DS_DESC;
            d->cursor = (uint16_t)(c->value + 1);
            d->limit = c->end;
            return;
        }
    }
    d->chr_index = -1;
    next_read(d);
}

/* Every characteristic ends before the next one of its service, or with it. */
static void chars_done(struct vdev_gatt_discovery *d)
{
    for (int i = 0; i < d->nchrs; i++) {
        struct vdev_gatt_chr *c = &d->chrs[i];
        if (i + 1 < d->nchrs && d->chrs[i + 1].service == c->service)
            c->end = (uint16_t)(d->chrs[i + 1].decl - 1);
        else
            c->end = d->services[c->service].end;
    }
    d->chr_index = -1;
    next_desc(d);
}

static void next_service(struct vdev_gatt_discovery *d)
{
    while (++d->svc_index < d->nservices && d->nchrs < VDEV_GATT_MAX_CHARS) {
        const struct vdev_gatt_service *s = &d->services[d->svc_index];
        if (s->start < s->end) {
            d->state = DS_CHR;
            d->cursor = s->start;
            d->limit = s->end;
            return;
        }
    }
    chars_done(d);
}

static void services_done(struct vdev_gatt_discovery *d)
{
    if (!d->chars) {
        d->state = DS_DONE;
        return;
    }
    d->svc_index = -1;
    next_service(d);
}

/* ---- responses ---- */

static int on_services(struct vdev_gatt_discovery *d, const uint8_t *p, size_t len)
{
    size_t el = len >= 2 ? p[1] : 0;
    if ((el != 6 && el != 20) || len < 2 + el || (len - 2) % el != 0)
        return -EBADMSG;
    uint16_t last = 0;
    for (size_t off = 2; off < len; off += el) {
        uint16_t start = att_get16(p + off), end = att_get16(p + off + 2);
        if (start < d->cursor || end < start || (last && start <= last))
            return -EBADMSG;
        last = end;
        if (d->nservices < VDEV_GATT_MAX_SERVICES) {
            struct vdev_gatt_service *s = &d->services[d->nservices++];
            att_uuid_from(p + off + 4, el - 4, &s->uuid);
            s->start = start;
            s->end = end;
        }
    }
    if (last == 0xFFFF || d->nservices >= VDEV_GATT_MAX_SERVICES)
        services_done(d);
    else
        d->cursor = (uint16_t)(last + 1);
    return 0;
}

static int on_chars(struct vdev_gatt_discovery *d, const uint8_t *p, size_t len)
{
    size_t el = len >= 2 ? p[1] : 0;
    if ((el != 7 && el != 21) || len < 2 + el || (len - 2) % el != 0)
        return -EBADMSG;
    for (size_t off = 2; off < len; off += el) {
        uint16_t decl = att_get16(p + off), value = att_get16(p + off + 3);
        const struct vdev_gatt_chr *prev = d->nchrs ? &d->chrs[d->nchrs - 1] : NULL;
        if (decl < d->cursor || value <= decl || value > d->limit ||
            (prev && prev->service == d->svc_index && decl <= prev->value))
            return -EBADMSG;
        d->cursor = (uint16_t)(decl + 1);
        if (d->nchrs >= VDEV_GATT_MAX_CHARS)
            break;
        struct vdev_gatt_chr *c = &d->chrs[d->nchrs++];
        memset(c, 0, sizeof(*c));
        c->props = p[off + 2];
        c->decl = decl;
        c->value = value;
        c->service = d->svc_index;
        att_uuid_from(p + off + 5, el - 5, &c->uuid);
    }
    if (d->nchrs >= VDEV_GATT_MAX_CHARS)
        chars_done(d);
    return 0;                           /* cursor <= a value handle <= limit: ask again */
}

static int on_descs(struct vdev_gatt_discovery *d, const uint8_t *p, size_t len)
{
    size_t el = len < 2 ? 0 : p[1] == 1 ? 4 : p[1] == 2 ? 18 : 0;
    if (el == 0 || len < 2 + el || (len - 2) % el != 0)
        return -EBADMSG;
    struct vdev_gatt_chr *c = &d->chrs[d->chr_index];
    uint32_t next = d->cursor;
    for (size_t off = 2; off < len; off += el) {
        uint16_t h = att_get16(p + off), type;
        if (h < next || h > d->limit)
            return -EBADMSG;
        next = (uint32_t)h + 1;
        if (el != 4)
            continue;
        type = att_get16(p + off + 2);
        if (type == GATT_TYPE_CCCD && !c->cccd) {
            c->cccd = h;
        } else if (type == GATT_TYPE_USER_DESC && !c->user_desc) {
            c->user_desc = h;
        } else if (type == GATT_TYPE_CHAR || type == GATT_TYPE_PRIMARY || type == GATT_TYPE_SECONDARY) {
            c->end = (uint16_t)(h - 1); /* the next declaration: this one ended */
            next_desc(d);
            return 0;
        }
    }
    if (next > d->limit)
        next_desc(d);
    else
        d->cursor = (uint16_t)next;
    return 0;
}

static int on_read(struct vdev_gatt_discovery *d, const uint8_t *p, size_t len)
{
    struct vdev_gatt_chr *c = &d->chrs[d->chr_index];
    size_t n = len - 1, have = d->cursor;
    if (have < VDEV_GATT_MAX_DESC_LEN) {
        size_t take = n < VDEV_GATT_MAX_DESC_LEN - have ? n : VDEV_GATT_MAX_DESC_LEN - have;
        memcpy(c->desc + have, p + 1, take);
    }
    have += n;
    if (n > 0 && n + 1 >= d->mtu && have < VDEV_GATT_MAX_DESC_LEN)
        d->cursor = (uint16_t)have;     /* a full response: there may be more */
    else
        next_read(d);
    return 0;
}

static void on_error(struct vdev_gatt_discovery *d)
{
    switch (d->state) {
    case DS_SVC:
        services_done(d);
        break;
    case DS_CHR:
        next_service(d);
        break;
    case DS_DESC:
        next_desc(d);
        break;
    default:
        next_read(d);
        break;
    }
}

static uint16_t clamp_mtu(uint16_t mtu)
{
    if (mtu < VDEV_ATT_DEFAULT_MTU)
        return VDEV_ATT_DEFAULT_MTU;
    return mtu > VDEV_ATT_MAX_MTU ? VDEV_ATT_MAX_MTU : mtu;
}

int vdev_gatt_discovery_start(struct vdev_gatt_discovery *d, bool chars, uint16_t mtu, uint8_t *out, size_t cap,
                              size_t *out_len)
{
    if (!d || !out_len)
        return -EINVAL;
    memset(d, 0, sizeof(*d));
    d->chars = chars;
    d->mtu = clamp_mtu(mtu);
    d->state = DS_SVC;
    d->cursor = 1;
    d->limit = 0xFFFF;
    d->svc_index = -1;
    d->chr_index = -1;
    return emit(d, out, cap, out_len);
}

int vdev_gatt_discovery_step(struct vdev_gatt_discovery *d, const uint8_t *rsp, size_t len, uint8_t *out, size_t cap,
                             size_t *out_len)
{
    if (!d || !out_len || (!rsp && len))
        return -EINVAL;
    *out_len = 0;
    if (d->state == DS_DONE)
        return 1;
    if (d->state == 0)
        return -EINVAL;                 /* not started */
    if (d->state < DS_SVC || d->state > DS_READ)
        return -EBADMSG;
    if (len >= 1 && (rsp[0] == VDEV_ATT_HANDLE_VALUE_NTF || rsp[0] == VDEV_ATT_HANDLE_VALUE_IND))
        return -EAGAIN;
    static const uint8_t rsp_of[] = {[DS_SVC] = VDEV_ATT_READ_BY_GROUP_TYPE_RSP,
                                     [DS_CHR] = VDEV_ATT_READ_BY_TYPE_RSP,
                                     [DS_DESC] = VDEV_ATT_FIND_INFO_RSP};
    uint8_t req = request_opcode(d), err_req;
    uint8_t want = d->state == DS_READ ? (uint8_t)(req + 1) : rsp_of[d->state];
    int e = -EBADMSG;
    if (len >= 1 && rsp[0] == VDEV_ATT_ERROR_RSP) {
        if (vdev_att_dec_error(rsp, len, &err_req, NULL, NULL) == 0 && err_req == req) {
            on_error(d);
            e = 0;
        }
    } else if (len >= 1 && rsp[0] == want) {
        switch (d->state) {
        case DS_SVC:
            e = on_services(d, rsp, len);
            break;
        case DS_CHR:
            e = on_chars(d, rsp, len);
            break;
        case DS_DESC:
            e = on_descs(d, rsp, len);
            break;
        default:
            e = on_read(d, rsp, len);
            break;
        }
    }
    if (e) {
        d->state = DS_FAIL;
        return e;
    }
    return emit(d, out, cap, out_len);
}
