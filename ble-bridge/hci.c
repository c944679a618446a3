/* ble-bridge/hci.c - HCI commands, events and ACL/L2CAP frames as bytes, and
 * the unit and type conversions between the BLE transport and HCI. Owns no
 * state and does no I/O (see hci.h). */
#include "hci.h"

#include "ble_transport.h"

#include <errno.h>
#include <string.h>

/* ---- little-endian helpers ---- */
static void put16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)(v & 0xFF);
    p[1] = (uint8_t)(v >> 8);
}

static uint16_t get16(const uint8_t *p) { return (uint16_t)(p[0] | (p[1] << 8)); }

/* Command header: opcode, parameter length. Returns total length or -ENOSPC. */
static int cmd_begin(uint8_t *buf, size_t cap, uint16_t opcode, size_t plen)
{
    if (!buf || cap < 3 + plen)
        return -ENOSPC;
    put16(buf, opcode);
    buf[2] = (uint8_t)plen;
    return (int)(3 + plen);
}

static int evt_begin(uint8_t *buf, size_t cap, uint8_t code, size_t plen)
{
    if (plen > 255)
        return -EINVAL;
    if (!buf || cap < 2 + plen)
        return -ENOSPC;
    buf[0] = code;
    buf[1] = (uint8_t)plen;
    return (int)(2 + plen);
}

/* ---- commands ---- */
int vdev_hci_cmd_disconnect(uint8_t *buf, size_t cap, uint16_t handle, uint8_t reason)
{
    if (handle > 0x0EFF)
        return -EINVAL;
    int n = cmd_begin(buf, cap, VDEV_HCI_OP_DISCONNECT, 3);
    if (n < 0)
        return n;
    put16(buf + 3, handle);
    buf[5] = reason;
    return n;
}

int vdev_hci_cmd_le_set_random_addr(uint8_t *buf, size_t cap, const uint8_t addr[6])
{
    int n = cmd_begin(buf, cap, VDEV_HCI_OP_LE_SET_RANDOM_ADDR, 6);
    if (n < 0)
        return n;
    memcpy(buf + 3, addr, 6);
    return n;
}

int vdev_hci_cmd_le_set_adv_params(uint8_t *buf, size_t cap, const struct vdev_hci_adv_params *p)
{
    if (p->adv_type > VDEV_HCI_ADV_DIRECT_IND_LOW)
        return -EINVAL;
    int n = cmd_begin(buf, cap, VDEV_HCI_OP_LE_SET_ADV_PARAMS, 15);
    if (n < 0)
        return n;
    uint8_t *q = buf + 3;
    put16(q, p->interval_min);
    put16(q + 2, p->interval_max);
    q[4] = p->adv_type;
    q[5] = p->own_addr_type;
    q[6] = p->peer_addr_type;
    memcpy(q + 7, p->peer_addr, 6);
    q[13] = p->channel_map;
    q[14] = p->filter_policy;
    return n;
}

/* Set Advertising Data and Set Scan Response Data share a layout: the
 * significant length, then always 31 bytes, zero padded. */
static int cmd_data31(uint8_t *buf, size_t cap, uint16_t opcode, const uint8_t *data, size_t len)
{
    if (len > VDEV_HCI_MAX_ADV_DATA || (len && !data))
        return -EINVAL;
    int n = cmd_begin(buf, cap, opcode, 1 + VDEV_HCI_MAX_ADV_DATA);
    if (n < 0)
        return n;
    buf[3] = (uint8_t)len;
    memset(buf + 4, 0, VDEV_HCI_MAX_ADV_DATA);
    if (len)
        memcpy(buf + 4, data, len);
    return n;
}

int vdev_hci_cmd_le_set_adv_data(uint8_t *buf, size_t cap, const uint8_t *data, size_t len)
{
    return cmd_data31(buf, cap, VDEV_HCI_OP_LE_SET_ADV_DATA, data, len);
}

int vdev_hci_cmd_le_set_scan_rsp_data(uint8_t *buf, size_t cap, const uint8_t *data, size_t len)
{
    return cmd_data31(buf, cap, VDEV_HCI_OP_LE_SET_SCAN_RSP_DATA, data, len);
}

int vdev_hci_cmd_le_set_adv_enable(uint8_t *buf, size_t cap, bool enable)
{
    int n = cmd_begin(buf, cap, VDEV_HCI_OP_LE_SET_ADV_ENABLE, 1);
    if (n < 0)
        return n;
    buf[3] = enable ? 1 : 0;
    return n;
}

int vdev_hci_cmd_le_set_scan_params(uint8_t *buf, size_t cap, const struct vdev_hci_scan_params *p)
{
    if (p->window > p->interval)
        return -EINVAL;
    int n = cmd_begin(buf, cap, VDEV_HCI_OP_LE_SET_SCAN_PARAMS, 7);
    if (n < 0)
        return n;
    uint8_t *q = buf + 3;
    q[0] = p->active ? 1 : 0;
    put16(q + 1, p->interval);
    put16(q + 3, p->window);
    q[5] = p->own_addr_type;
    q[6] = p->filter_policy;
    return n;
}

int vdev_hci_cmd_le_set_scan_enable(uint8_t *buf, size_t cap, bool enable, bool filter_dup)
{
    int n = cmd_begin(buf, cap, VDEV_HCI_OP_LE_SET_SCAN_ENABLE, 2);
    if (n < 0)
        return n;
    buf[3] = enable ? 1 : 0;
    buf[4] = filter_dup ? 1 : 0;
    return n;
}

int vdev_hci_cmd_le_create_conn(uint8_t *buf, size_t cap, const struct vdev_hci_create_conn *p)
{
    if (p->scan_window > p->scan_interval || p->interval_min > p->interval_max)
        return -EINVAL;
    int n = cmd_begin(buf, cap, VDEV_HCI_OP_LE_CREATE_CONN, 25);
    if (n < 0)
        return n;
    uint8_t *q = buf + 3;
    put16(q, p->scan_interval);
    put16(q + 2, p->scan_window);
    q[4] = p->filter_policy;
    q[5] = p->peer_addr_type;
    memcpy(q + 6, p->peer_addr, 6);
    q[12] = p->own_addr_type;
    put16(q + 13, p->interval_min);
    put16(q + 15, p->interval_max);
    put16(q + 17, p->latency);
    put16(q + 19, p->timeout);
    put16(q + 21, p->min_ce_len);
    put16(q + 23, p->max_ce_len);
    return n;
}

int vdev_hci_cmd_le_create_conn_cancel(uint8_t *buf, size_t cap)
{
    return cmd_begin(buf, cap, VDEV_HCI_OP_LE_CREATE_CONN_CANCEL, 0);
}

int vdev_hci_decode_cmd(const uint8_t *pkt, size_t n, uint16_t *opcode, const uint8_t **params, size_t *plen)
{
    if (!pkt || n < 3 || n != 3u + pkt[2])
        return -EBADMSG;
    *opcode = get16(pkt);
    *params = pkt + 3;
    *plen = pkt[2];
    return 0;
}

/* ---- events: encoders ---- */
int vdev_hci_ev_cmd_complete(uint8_t *buf, size_t cap, uint16_t opcode, uint8_t status)
{
    int n = evt_begin(buf, cap, VDEV_HCI_EV_CMD_COMPLETE, 4);
    if (n < 0)
        return n;
    buf[2] = 1; /* the host may send one more command */
    put16(buf + 3, opcode);
    buf[5] = status;
    return n;
}

int vdev_hci_ev_cmd_status(uint8_t *buf, size_t cap, uint16_t opcode, uint8_t status)
{
    int n = evt_begin(buf, cap, VDEV_HCI_EV_CMD_STATUS, 4);
    if (n < 0)
        return n;
    buf[2] = status;
    buf[3] = 1;
    put16(buf + 4, opcode);
    return n;
}

int vdev_hci_ev_disconn_complete(uint8_t *buf, size_t cap, uint8_t status, uint16_t handle, uint8_t reason)
{
    if (handle > 0x0EFF)
        return -EINVAL;
    int n = evt_begin(buf, cap, VDEV_HCI_EV_DISCONN_COMPLETE, 4);
    if (n < 0)
        return n;
    buf[2] = status;
    put16(buf + 3, handle);
    buf[5] = reason;
    return n;
}

int vdev_hci_ev_le_conn_complete(uint8_t *buf, size_t cap, const struct vdev_hci_conn_complete *c)
{
    if (c->handle > 0x0EFF)
        return -EINVAL;
    int n = evt_begin(buf, cap, VDEV_HCI_EV_LE_META, 19);
    if (n < 0)
        return n;
    uint8_t *q = buf + 2;
    q[0] = VDEV_HCI_LE_CONN_COMPLETE;
    q[1] = c->status;
    put16(q + 2, c->handle);
    q[4] = c->role;
    q[5] = c->peer_addr_type;
    memcpy(q + 6, c->peer_addr, 6);
    put16(q + 12, c->interval);
    put16(q + 14, c->latency);
    put16(q + 16, c->timeout);
    q[18] = c->clock_accuracy;
    return n;
}

/* Each report: type, address type, address, data length, data, RSSI. */
#define REPORT_FIXED 10

int vdev_hci_ev_le_adv_report(uint8_t *buf, size_t cap, const struct vdev_hci_adv_report *r, size_t num)
{
    if (num < 1 || num > VDEV_HCI_MAX_REPORTS)
        return -EINVAL;
    size_t plen = 2; /* subevent, number of reports */
    for (size_t i = 0; i < num; i++) {
        if (r[i].data_len > VDEV_HCI_MAX_ADV_DATA)
            return -EINVAL;
        plen += REPORT_FIXED + r[i].data_len;
    }
    int n = evt_begin(buf, cap, VDEV_HCI_EV_LE_META, plen);
    if (n < 0)
        return n;
    uint8_t *q = buf + 2;
    *q++ = VDEV_HCI_LE_ADV_REPORT;
    *q++ = (uint8_t)num;
    for (size_t i = 0; i < num; i++) {
        *q++ = r[i].event_type;
        *q++ = r[i].addr_type;
        memcpy(q, r[i].addr, 6);
        q += 6;
        *q++ = r[i].data_len;
        memcpy(q, r[i].data, r[i].data_len);
        q += r[i].data_len;
        *q++ = (uint8_t)r[i].rssi;
    }
    return n;
}

/* ---- events: decoders ---- */
static int decode_reports(const uint8_t *p, size_t n, struct vdev_hci_event *ev)
{
    /* p/n: after the subevent code */
    if (n < 1)
        return -EBADMSG;
    uint8_t num = p[0];
    if (num < 1 || num > VDEV_HCI_MAX_REPORTS)
        return -EBADMSG;
    size_t off = 1;
    for (uint8_t i = 0; i < num; i++) {
        struct vdev_hci_adv_report *r = &ev->u.reports.r[i];
        if (n - off < REPORT_FIXED)
            return -EBADMSG;
        r->event_type = p[off];
        r->addr_type = p[off + 1];
        memcpy(r->addr, p + off + 2, 6);
        r->data_len = p[off + 8];
        if (r->data_len > VDEV_HCI_MAX_ADV_DATA || n - off - REPORT_FIXED < r->data_len)
            return -EBADMSG;
        memcpy(r->data, p + off + 9, r->data_len);
        r->rssi = (int8_t)p[off + 9 + r->data_len];
        off += REPORT_FIXED + r->data_len;
    }
    if (off != n)
        return -EBADMSG;
    ev->u.reports.num = num;
    return 0;
}

static int decode_le_meta(const uint8_t *p, size_t n, struct vdev_hci_event *ev)
{
    if (n < 1)
        return -EBADMSG;
    ev->subevent = p[0];
    p++;
    n--;
    switch (ev->subevent) {
    case VDEV_HCI_LE_CONN_COMPLETE: {
        if (n != 18)
            return -EBADMSG;
        struct vdev_hci_conn_complete *c = &ev->u.conn;
        c->status = p[0];
        c->handle = get16(p + 1) & 0x0FFF;
        c->role = p[3];
        c->peer_addr_type = p[4];
        memcpy(c->peer_addr, p + 5, 6);
        c->interval = get16(p + 11);
        c->latency = get16(p + 13);
        c->timeout = get16(p + 15);
        c->clock_accuracy = p[17];
        return 0;
    }
    case VDEV_HCI_LE_ADV_REPORT:
        return decode_reports(p, n, ev);
    default:
        return 0;
    }
}

int vdev_hci_decode_event(const uint8_t *pkt, size_t n, struct vdev_hci_event *ev)
{
    memset(ev, 0, sizeof *ev);
    if (!pkt || n < 2 || n != 2u + pkt[1])
        return -EBADMSG;
    const uint8_t *p = pkt + 2;
    size_t plen = pkt[1];
    ev->code = pkt[0];
    ev->params = p;
    ev->plen = plen;
    switch (ev->code) {
    case VDEV_HCI_EV_CMD_COMPLETE:
        if (plen < 3)
            return -EBADMSG;
        ev->u.cmd_complete.ncmd = p[0];
        ev->u.cmd_complete.opcode = get16(p + 1);
        ev->u.cmd_complete.ret = p + 3;
        ev->u.cmd_complete.ret_len = plen - 3;
        ev->u.cmd_complete.status = plen > 3 ? p[3] : 0;
        return 0;
    case VDEV_HCI_EV_CMD_STATUS:
        if (plen != 4)
            return -EBADMSG;
        ev->u.cmd_status.status = p[0];
        ev->u.cmd_status.ncmd = p[1];
        ev->u.cmd_status.opcode = get16(p + 2);
        return 0;
    case VDEV_HCI_EV_DISCONN_COMPLETE:
        if (plen != 4)
            return -EBADMSG;
        ev->u.disconn.status = p[0];
        ev->u.disconn.handle = get16(p + 1) & 0x0FFF;
        ev->u.disconn.reason = p[3];
        return 0;
    case VDEV_HCI_EV_LE_META:
        return decode_le_meta(p, plen, ev);
    default:
        return 0;
    }
}

/* ---- ACL + L2CAP ---- */
int vdev_hci_acl_l2cap(uint8_t *buf, size_t cap, uint16_t handle, uint8_t pb, uint16_t cid, const uint8_t *payload,
                       size_t len)
{
    if (handle > 0x0EFF || pb > 3 || (len && !payload) || len > 0xFFFF - 4)
        return -EINVAL;
    if (!buf || cap < 8 + len)
        return -ENOSPC;
    put16(buf, (uint16_t)(handle | (pb << 12)));
    put16(buf + 2, (uint16_t)(4 + len));
    put16(buf + 4, (uint16_t)len);
    put16(buf + 6, cid);
    if (len)
        memcpy(buf + 8, payload, len);
    return (int)(8 + len);
}

int vdev_hci_decode_acl(const uint8_t *pkt, size_t n, struct vdev_hci_acl *out)
{
    memset(out, 0, sizeof *out);
    if (!pkt || n < 4)
        return -EBADMSG;
    uint16_t hf = get16(pkt), dlen = get16(pkt + 2);
    if (n != 4u + dlen || dlen < 4)
        return -EBADMSG;
    uint16_t l2len = get16(pkt + 4);
    if (l2len != dlen - 4)
        return -EBADMSG;
    out->handle = hf & 0x0FFF;
    out->pb = (hf >> 12) & 3;
    out->bc = (hf >> 14) & 3;
    out->cid = get16(pkt + 6);
    out->payload = pkt + 8;
    out->len = l2len;
    return 0;
}

int vdev_hci_status_errno(uint8_t status)
{
    switch (status) {
    case VDEV_HCI_SUCCESS:
        return 0;
    case VDEV_HCI_ERR_UNKNOWN_CONN:
        return -ENOTCONN;
    case 0x07: /* memory capacity exceeded */
        return -ENOMEM;
    case 0x0C: /* command disallowed */
        return -EBUSY;
    case 0x11: /* unsupported feature or parameter value */
        return -EOPNOTSUPP;
    case 0x12: /* invalid HCI command parameters */
        return -EINVAL;
    default:
        return -EIO;
    }
}

/* ---- units ---- */
static uint16_t to_units(uint32_t us, uint32_t unit, uint16_t lo, uint16_t hi)
{
    uint32_t v = (uint32_t)(((uint64_t)us + unit / 2) / unit);
    return v < lo ? lo : v > hi ? hi : (uint16_t)v;
}

uint16_t vdev_hci_adv_interval(uint32_t us) { return to_units(us, 625, 0x0020, 0x4000); }
uint16_t vdev_hci_scan_units(uint32_t us) { return to_units(us, 625, 0x0004, 0x4000); }
uint16_t vdev_hci_conn_interval(uint32_t us) { return to_units(us, 1250, 0x0006, 0x0C80); }
uint16_t vdev_hci_sup_timeout(uint32_t us) { return to_units(us, 10000, 0x000A, 0x0C80); }
uint16_t vdev_hci_conn_latency(uint16_t events) { return events > 0x01F3 ? 0x01F3 : events; }

int vdev_hci_adv_type_from_hal(uint8_t hal_type)
{
    switch (hal_type) {
    case 0: /* connectable scannable undirected */
    case 1: /* connectable undirected: legacy PDUs have no such type */
        return VDEV_HCI_ADV_IND;
    case 2:
        return VDEV_HCI_ADV_DIRECT_IND;
    case 3: /* non-connectable non-scannable undirected */
    case 4: /* ... directed: extended only, nearest legacy */
        return VDEV_HCI_ADV_NONCONN_IND;
    case 5: /* scannable undirected */
    case 6: /* ... directed: extended only, nearest legacy */
        return VDEV_HCI_ADV_SCAN_IND;
    default:
        return -EINVAL;
    }
}

int vdev_hci_report_type_from_hal(uint8_t hal_type)
{
    static const uint8_t report_of_adv[] = {
        [VDEV_HCI_ADV_IND] = VDEV_HCI_REPORT_ADV_IND,
        [VDEV_HCI_ADV_DIRECT_IND] = VDEV_HCI_REPORT_DIRECT_IND,
        [VDEV_HCI_ADV_SCAN_IND] = VDEV_HCI_REPORT_SCAN_IND,
        [VDEV_HCI_ADV_NONCONN_IND] = VDEV_HCI_REPORT_NONCONN_IND,
    };
    int t = vdev_hci_adv_type_from_hal(hal_type);
    return t < 0 ? t : report_of_adv[t];
}

int vdev_hci_hal_type_from_report(uint8_t report_type)
{
    switch (report_type) {
    case VDEV_HCI_REPORT_ADV_IND:
        return 0;
    case VDEV_HCI_REPORT_DIRECT_IND:
        return 2;
    case VDEV_HCI_REPORT_SCAN_IND:
        return 5;
    case VDEV_HCI_REPORT_NONCONN_IND:
        return 3;
    default:
        return -EINVAL;
    }
}

uint8_t vdev_hci_addr_type_to_hal(uint8_t hci_type, const uint8_t addr[6])
{
    if (hci_type == 0 || hci_type == 2)
        return 0;
    switch (addr[5] >> 6) {
    case 3:
        return 1; /* static */
    case 1:
        return 2; /* resolvable private */
    default:
        return 3; /* non-resolvable private */
    }
}

/* ---- transport requests as HCI parameters ---- */
int vdev_hci_adv_params_from(const struct vdev_ble_adv *a, struct vdev_hci_adv_params *out)
{
    int t = vdev_hci_adv_type_from_hal(a->type);
    if (t < 0)
        return t;
    memset(out, 0, sizeof *out);
    out->interval_min = out->interval_max = vdev_hci_adv_interval(a->interval_us);
    out->adv_type = (uint8_t)t;
    out->own_addr_type = vdev_hci_addr_type_from_hal(a->addr_type);
    out->channel_map = 0x07;
    return 0;
}

void vdev_hci_scan_params_from(const struct vdev_ble_scan *s, struct vdev_hci_scan_params *out)
{
    memset(out, 0, sizeof *out);
    out->active = s->active ? 1 : 0;
    out->interval = vdev_hci_scan_units(s->interval_us);
    out->window = vdev_hci_scan_units(s->window_us);
    if (out->window > out->interval)
        out->window = out->interval;
    out->own_addr_type = vdev_hci_addr_type_from_hal(s->addr_type);
}

void vdev_hci_create_conn_from(const uint8_t addr[6], uint8_t addr_type, uint8_t own_type,
                               const struct vdev_ble_conn_params *p, struct vdev_hci_create_conn *out)
{
    memset(out, 0, sizeof *out);
    out->scan_interval = out->scan_window = 0x0060; /* 60 ms, continuous */
    out->peer_addr_type = vdev_hci_addr_type_from_hal(addr_type);
    memcpy(out->peer_addr, addr, 6);
    out->own_addr_type = vdev_hci_addr_type_from_hal(own_type);
    out->interval_min = out->interval_max = vdev_hci_conn_interval(p->interval_us);
    out->latency = vdev_hci_conn_latency(p->latency);
    out->timeout = vdev_hci_sup_timeout(p->timeout_us);
}

int vdev_hci_report_to(const struct vdev_hci_adv_report *hr, struct vdev_ble_report *out)
{
    int hal = vdev_hci_hal_type_from_report(hr->event_type);
    if (hal < 0 || hr->data_len > VDEV_HCI_MAX_ADV_DATA)
        return -EINVAL;
    memset(out, 0, sizeof *out);
    memcpy(out->addr, hr->addr, 6);
    out->addr_type = vdev_hci_addr_type_to_hal(hr->addr_type, hr->addr);
    out->adv_type = (uint8_t)hal;
    out->rssi = hr->rssi;
    out->data_len = hr->data_len;
    memcpy(out->data, hr->data, hr->data_len);
    return 0;
}

void vdev_hci_conn_params_to(uint16_t interval, uint16_t latency, uint16_t timeout, struct vdev_ble_conn_params *out)
{
    out->interval_us = (uint32_t)interval * 1250u;
    out->latency = latency;
    out->timeout_us = (uint32_t)timeout * 10000u;
}
