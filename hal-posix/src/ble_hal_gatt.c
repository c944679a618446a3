/* hal-posix/src/ble_hal_gatt.c - the BLE HAL's GATT: the local table
 * (server) and the peer's (client) over ble-bridge/att.c, THE one ATT
 * implementation. Server PDUs are answered at once in the radio's context;
 * client calls block their thread (device time) for the answer, one ATT
 * transaction per link at a time, 30 s timeout as the spec says. App
 * callbacks go to the "ble" thread. */
#include "ble_hal_priv.h"

#include "../../sim/sched.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define B vdev_ble

/* ---- server side ---- */

static struct ble_char_cb *char_cb(uint16_t value)
{
    for (int i = 0; i < B.nchar_cbs; i++)
        if (B.char_cbs[i].value == value)
            return &B.char_cbs[i];
    return NULL;
}

static void on_write(void *ctx, uint16_t conn, uint16_t handle, const uint8_t *data, size_t len, bool with_rsp)
{
    (void)ctx;
    (void)with_rsp;
    struct ble_char_cb *c = char_cb(handle);
    if (c)
        vdev_ble_queue_char(c->cb, c->ctx, BLE_EVT_DATA_WRITTEN, conn, handle, data, len, 0);
}

static void on_cccd(void *ctx, uint16_t conn, uint16_t value_handle, uint16_t cccd)
{
    (void)ctx;
    struct ble_char_cb *c = char_cb(value_handle);
    if (c)
        vdev_ble_queue_char(c->cb, c->ctx, BLE_EVT_CHAR_CCCD_UPDATED, conn, value_handle, NULL, 0, cccd);
}

static void on_confirm(void *ctx, uint16_t conn)
{
    (void)ctx;
    struct ble_link *l = vdev_ble_link(conn);
    if (l && l->ind_busy && !l->ind_confirmed) {
        l->ind_confirmed = true;
        vdev_ble_wake(&l->ind_confirmed);
    }
}

static void on_mtu(void *ctx, uint16_t conn, uint16_t mtu)
{
    (void)ctx;
    struct ble_link *l = vdev_ble_link(conn);
    if (l && l->mtu != mtu) {
        l->mtu = mtu;
        vdev_ble_queue_link(l, BLE_EVT_ATT_MTU_UPDATED, 0);
    }
}

void vdev_ble_gatt_init(void)
{
    if (!B.db) {
        struct vdev_att_server_cb cb = { on_write, on_cccd, on_confirm, on_mtu, NULL };
        B.db = vdev_gatt_db_new(&cb);
    }
    vdev_gatt_db_set_local_mtu(B.db, (uint16_t)B.desired_mtu);
}

void vdev_ble_gatt_reset(void)
{
    if (B.db)
        vdev_gatt_db_clear(B.db);
    B.nchar_cbs = 0;
}

void vdev_ble_gatt_link_up(struct ble_link *l) { vdev_gatt_db_conn_open(B.db, l->conn); }

void vdev_ble_gatt_link_down(struct ble_link *l)
{
    vdev_gatt_db_conn_close(B.db, l->conn);
    free(l->disc);
    l->disc = NULL;
    l->nsubs = 0;
}

static struct vdev_uuid to_uuid(const hal_ble_uuid_t *u)
{
    struct vdev_uuid v;
    if (u->type == BLE_UUID_TYPE_16BIT)
        return vdev_uuid16(u->uuid16);
    v.len = 16;
    memcpy(v.b, u->uuid128, 16);
    return v;
}

static hal_ble_uuid_t from_uuid(const struct vdev_uuid *v)
{
    hal_ble_uuid_t u;
    memset(&u, 0, sizeof(u));
    if (v->len == 2) {
        u.type = BLE_UUID_TYPE_16BIT;
        u.uuid16 = (uint16_t)(v->b[0] | v->b[1] << 8);
    } else {
        u.type = BLE_UUID_TYPE_128BIT;
        memcpy(u.uuid128, v->b, 16);
    }
    return u;
}

int hal_ble_gatt_server_add_service(uint8_t type, const hal_ble_uuid_t *uuid, hal_ble_attr_handle_t *handle, void *reserved)
{
    (void)reserved;
    int rc = vdev_ble_check();
    if (rc)
        return rc;
    if (!uuid || (type != BLE_SERVICE_TYPE_PRIMARY && type != BLE_SERVICE_TYPE_SECONDARY))
        return SYSTEM_ERROR_INVALID_ARGUMENT;
    struct vdev_uuid u = to_uuid(uuid);
    uint16_t h;
    if (vdev_gatt_db_add_service(B.db, &u, type == BLE_SERVICE_TYPE_PRIMARY, &h))
        return SYSTEM_ERROR_NO_MEMORY;
    if (handle)
        *handle = h;
    return 0;
}

int hal_ble_gatt_server_add_characteristic(const hal_ble_char_init_t *ci, hal_ble_char_handles_t *handles, void *reserved)
{
    (void)reserved;
    int rc = vdev_ble_check();
    if (rc)
        return rc;
    if (!ci || !ci->properties)
        return SYSTEM_ERROR_INVALID_ARGUMENT;
    if (B.nchar_cbs == BLE_CHAR_CBS)
        return SYSTEM_ERROR_LIMIT_EXCEEDED;
    struct vdev_uuid u = to_uuid(&ci->uuid);
    struct vdev_gatt_char_handles h;
    rc = vdev_gatt_db_add_char(B.db, ci->service_handle, &u, ci->properties, ci->description, &h);
    if (rc)
        return rc == -ENOSPC ? SYSTEM_ERROR_NO_MEMORY : SYSTEM_ERROR_INVALID_ARGUMENT;
    B.char_cbs[B.nchar_cbs++] = (struct ble_char_cb){ h.value, ci->callback, ci->context };
    if (handles) {
        memset(handles, 0, sizeof(*handles));
        handles->version = BLE_API_VERSION;
        handles->size = sizeof(*handles);
        handles->decl_handle = h.decl;
        handles->value_handle = h.value;
        handles->cccd_handle = h.cccd;
        handles->user_desc_handle = h.user_desc;
    }
    return 0;
}

int hal_ble_gatt_server_add_descriptor(const hal_ble_desc_init_t *di, hal_ble_attr_handle_t *handle, void *reserved)
{
    (void)reserved;
    int rc = vdev_ble_check();
    if (rc)
        return rc;
    if (!di || (di->len && !di->descriptor))
        return SYSTEM_ERROR_INVALID_ARGUMENT;
    struct vdev_uuid u = to_uuid(&di->uuid);
    uint16_t h;
    if (vdev_gatt_db_add_desc(B.db, di->char_handle, &u, di->descriptor, di->len, &h))
        return SYSTEM_ERROR_INVALID_ARGUMENT;
    if (handle)
        *handle = h;
    return 0;
}

int hal_ble_gatt_server_set_characteristic_value(hal_ble_attr_handle_t value_handle, const uint8_t *buf, size_t len, void *reserved)
{
    (void)reserved;
    int rc = vdev_ble_check();
    if (rc)
        return rc;
    if (len > BLE_MAX_ATTR_VALUE_PACKET_SIZE)
        len = BLE_MAX_ATTR_VALUE_PACKET_SIZE;
    if ((len && !buf) || vdev_gatt_db_props(B.db, value_handle) < 0)
        return SYSTEM_ERROR_INVALID_ARGUMENT;
    if (vdev_gatt_db_set_value(B.db, value_handle, buf, len))
        return SYSTEM_ERROR_INVALID_ARGUMENT;
    return (int)len;
}

int hal_ble_gatt_server_get_characteristic_value(hal_ble_attr_handle_t value_handle, uint8_t *buf, size_t len, void *reserved)
{
    (void)reserved;
    int rc = vdev_ble_check();
    if (rc)
        return rc;
    if (!buf)
        return SYSTEM_ERROR_INVALID_ARGUMENT;
    rc = vdev_gatt_db_get_value(B.db, value_handle, buf, len);
    return rc < 0 ? SYSTEM_ERROR_NOT_FOUND : rc;
}

static int send_value(hal_ble_attr_handle_t h, const uint8_t *buf, size_t len, bool indicate)
{
    int n = hal_ble_gatt_server_set_characteristic_value(h, buf, len, NULL);
    if (n < 0)
        return n;
    uint8_t pdu[VDEV_ATT_MAX_MTU];
    for (int i = 0; i < BLE_LINKS; i++) {
        struct ble_link *l = &B.links[i];
        if (!l->used || !(vdev_gatt_db_cccd(B.db, l->conn, h) & (indicate ? 2 : 1)))
            continue;
        size_t vlen = (size_t)n > (size_t)(l->mtu - 3) ? (size_t)(l->mtu - 3) : (size_t)n;
        int plen = vdev_att_enc_notify(pdu, sizeof(pdu), h, buf, vlen, indicate);
        if (plen <= 0)
            continue;
        if (!indicate) {
            vdev_ble_link_send(l, pdu, (size_t)plen);
            continue;
        }
        unsigned gen = l->gen;
        vdev_sched_lock();
        while (l->used && l->gen == gen && l->ind_busy)
            vdev_sched_wait(&l->ind_confirmed, VDEV_FOREVER);
        vdev_sched_unlock();
        if (!l->used || l->gen != gen)
            continue;
        l->ind_busy = true;
        l->ind_confirmed = false;
        vdev_ble_link_send(l, pdu, (size_t)plen);
        bool ok = vdev_ble_wait(&l->ind_confirmed, vdev_clock_now() + BLE_ATT_TIMEOUT_US);
        if (l->gen == gen) {
            l->ind_busy = false;
            vdev_ble_wake(&l->ind_confirmed);
        }
        if (!ok && l->used && l->gen == gen) /* no confirmation: the ATT bearer is dead */
            hal_ble_gap_disconnect(l->conn, NULL);
    }
    return n;
}

int hal_ble_gatt_server_notify_characteristic_value(hal_ble_attr_handle_t value_handle, const uint8_t *buf, size_t len, void *reserved)
{
    (void)reserved;
    return send_value(value_handle, buf, len, false);
}

int hal_ble_gatt_server_indicate_characteristic_value(hal_ble_attr_handle_t value_handle, const uint8_t *buf, size_t len, void *reserved)
{
    (void)reserved;
    return send_value(value_handle, buf, len, true);
}

/* ---- PDUs from the peer ---- */

static struct ble_sub *find_sub(struct ble_link *l, uint16_t value)
{
    for (int i = 0; i < l->nsubs; i++)
        if (l->subs[i].value == value)
            return &l->subs[i];
    return NULL;
}

void vdev_ble_gatt_on_pdu(struct ble_link *l, const uint8_t *pdu, size_t len)
{
    if (vdev_att_is_server_pdu(pdu, len)) {
        uint8_t rsp[VDEV_ATT_MAX_MTU];
        int n = vdev_att_server_handle(B.db, l->conn, pdu, len, rsp, sizeof(rsp));
        if (n > 0 && l->used)
            vdev_ble_link_send(l, rsp, (size_t)n);
        return;
    }
    uint8_t op = pdu[0];
    if (op == VDEV_ATT_HANDLE_VALUE_NTF || op == VDEV_ATT_HANDLE_VALUE_IND) {
        uint16_t h;
        const uint8_t *v;
        size_t vlen;
        bool ind;
        if (vdev_att_dec_notify(pdu, len, &h, &v, &vlen, &ind))
            return;
        struct ble_sub *s = find_sub(l, h);
        if (s)
            vdev_ble_queue_char(s->cb, s->ctx, BLE_EVT_DATA_NOTIFIED, l->conn, h, v, vlen, 0);
        if (ind) {
            uint8_t cfm[1];
            int n = vdev_att_enc_confirm(cfm, sizeof(cfm));
            if (n > 0)
                vdev_ble_link_send(l, cfm, (size_t)n);
        }
        return;
    }
    /* a response: only the one our pending request waits for */
    if (!l->req_busy || l->rsp_ready || len > sizeof(l->rsp))
        return;
    bool match = op == (uint8_t)(l->req_op + 1) || (op == VDEV_ATT_ERROR_RSP && len >= 2 && pdu[1] == l->req_op);
    if (!match)
        return;
    memcpy(l->rsp, pdu, len);
    l->rsp_len = len;
    l->rsp_ready = true;
    vdev_ble_wake(&l->rsp_ready);
}

/* ---- client side ---- */

/* One ATT transaction: send req, wait for its response (copied to l->rsp). */
static int transact(struct ble_link *l, const uint8_t *req, size_t len)
{
    unsigned gen = l->gen;
    vdev_sched_lock();
    while (l->used && l->gen == gen && l->req_busy)
        vdev_sched_wait(&l->req_busy, VDEV_FOREVER);
    vdev_sched_unlock();
    if (!l->used || l->gen != gen)
        return SYSTEM_ERROR_INVALID_STATE;
    l->req_busy = true;
    l->rsp_ready = false;
    l->req_op = req[0];
    int rc = vdev_ble_link_send(l, req, len);
    bool ok = rc >= 0 && vdev_ble_wait(&l->rsp_ready, vdev_clock_now() + BLE_ATT_TIMEOUT_US);
    if (l->gen != gen)
        return SYSTEM_ERROR_INVALID_STATE;
    l->req_busy = false;
    vdev_ble_wake(&l->req_busy);
    if (!l->used || !l->rsp_ready)
        return ok ? SYSTEM_ERROR_INVALID_STATE : SYSTEM_ERROR_TIMEOUT;
    return 0;
}

int vdev_ble_gatt_exchange_mtu(struct ble_link *l)
{
    uint8_t req[8];
    int n = vdev_att_enc_mtu_req(req, sizeof(req), (uint16_t)B.desired_mtu);
    int rc = n > 0 ? transact(l, req, (size_t)n) : SYSTEM_ERROR_INTERNAL;
    if (rc)
        return rc;
    uint16_t server;
    if (vdev_att_dec_mtu_rsp(l->rsp, l->rsp_len, &server))
        return 0; /* the peer refused: stay at 23 */
    uint16_t mtu = server < B.desired_mtu ? server : (uint16_t)B.desired_mtu;
    if (mtu < BLE_DEFAULT_ATT_MTU_SIZE)
        mtu = BLE_DEFAULT_ATT_MTU_SIZE;
    vdev_gatt_db_set_mtu(B.db, l->conn, mtu);
    if (mtu != l->mtu) {
        l->mtu = mtu;
        vdev_ble_queue_link(l, BLE_EVT_ATT_MTU_UPDATED, 0);
    }
    return 0;
}

static int discover(struct ble_link *l)
{
    if (l->disc)
        return 0;
    struct vdev_gatt_discovery *d = calloc(1, sizeof(*d));
    if (!d)
        return SYSTEM_ERROR_NO_MEMORY;
    uint8_t req[VDEV_ATT_MAX_MTU];
    size_t n;
    unsigned gen = l->gen;
    l->discovering = true;
    int rc = vdev_gatt_discovery_start(d, true, l->mtu, req, sizeof(req), &n), err = 0;
    while (rc == 0) {
        if ((err = transact(l, req, n)))
            break;
        rc = vdev_gatt_discovery_step(d, l->rsp, l->rsp_len, req, sizeof(req), &n);
    }
    if (l->gen == gen)
        l->discovering = false;
    if (!err && rc < 0)
        err = SYSTEM_ERROR_BAD_DATA; /* the peer's answers made no sense */
    if (!err && l->gen != gen)
        err = SYSTEM_ERROR_INVALID_STATE;
    if (err) {
        free(d);
        return err;
    }
    l->disc = d;
    return 0;
}

int hal_ble_gatt_client_discover_all_services(hal_ble_conn_handle_t conn, hal_ble_on_disc_service_cb_t callback, void *context, void *reserved)
{
    (void)reserved;
    int rc;
    struct ble_link *l = vdev_ble_checked_link(conn, &rc);
    if (!l)
        return rc;
    if ((rc = discover(l)))
        return rc;
    hal_ble_svc_t svcs[VDEV_GATT_MAX_SERVICES];
    size_t k = 0;
    for (int i = 0; i < l->disc->nservices; i++) {
        memset(&svcs[k], 0, sizeof(svcs[k]));
        svcs[k].version = BLE_API_VERSION;
        svcs[k].size = sizeof(svcs[k]);
        svcs[k].uuid = from_uuid(&l->disc->services[i].uuid);
        svcs[k].start_handle = l->disc->services[i].start;
        svcs[k].end_handle = l->disc->services[i].end;
        k++;
    }
    if (callback) {
        hal_ble_svc_discovered_evt_t e = { k, svcs, conn };
        callback(&e, context);
    }
    return 0;
}

int hal_ble_gatt_client_discover_characteristics(hal_ble_conn_handle_t conn, const hal_ble_svc_t *service,
                                                 hal_ble_on_disc_char_cb_t callback, void *context, void *reserved)
{
    (void)reserved;
    int rc;
    struct ble_link *l = vdev_ble_checked_link(conn, &rc);
    if (!l)
        return rc;
    if (!service)
        return SYSTEM_ERROR_INVALID_ARGUMENT;
    if ((rc = discover(l)))
        return rc;
    hal_ble_char_t *chars = calloc(VDEV_GATT_MAX_CHARS, sizeof(*chars));
    if (!chars)
        return SYSTEM_ERROR_NO_MEMORY;
    size_t k = 0;
    for (int i = 0; i < l->disc->nchrs; i++) {
        const struct vdev_gatt_chr *c = &l->disc->chrs[i];
        if (c->decl < service->start_handle || c->decl > service->end_handle)
            continue;
        hal_ble_char_t *o = &chars[k++];
        o->version = BLE_API_VERSION;
        o->size = sizeof(*o);
        o->uuid = from_uuid(&c->uuid);
        o->properties = c->props;
        o->charHandles.version = BLE_API_VERSION;
        o->charHandles.size = sizeof(o->charHandles);
        o->charHandles.decl_handle = c->decl;
        o->charHandles.value_handle = c->value;
        o->charHandles.cccd_handle = c->cccd;
        o->charHandles.user_desc_handle = c->user_desc;
    }
    if (callback) {
        hal_ble_char_discovered_evt_t e = { k, chars, conn };
        callback(&e, context);
    }
    free(chars);
    return 0;
}

bool hal_ble_gatt_client_is_discovering(hal_ble_conn_handle_t conn, void *reserved)
{
    (void)reserved;
    struct ble_link *l = vdev_ble_check() ? NULL : vdev_ble_link(conn);
    return l && l->discovering;
}

static int write_rsp_status(struct ble_link *l)
{
    if (l->rsp[0] == VDEV_ATT_WRITE_RSP)
        return 0;
    return l->rsp[0] == VDEV_ATT_ERROR_RSP && l->rsp_len >= 5 && l->rsp[4] == 0x03 ? SYSTEM_ERROR_NOT_ALLOWED
                                                                                     : SYSTEM_ERROR_PROTOCOL;
}

int hal_ble_gatt_client_configure_cccd(const hal_ble_cccd_config_t *cfg, void *reserved)
{
    (void)reserved;
    int rc;
    if (!cfg)
        return SYSTEM_ERROR_INVALID_ARGUMENT;
    struct ble_link *l = vdev_ble_checked_link(cfg->conn_handle, &rc);
    if (!l)
        return rc;
    if (!cfg->cccd_handle || !cfg->value_handle)
        return SYSTEM_ERROR_INVALID_ARGUMENT;
    struct ble_sub *s = find_sub(l, cfg->value_handle);
    if (cfg->cccd_value) {
        if (!s && l->nsubs == BLE_SUBS)
            return SYSTEM_ERROR_LIMIT_EXCEEDED;
        if (!s)
            s = &l->subs[l->nsubs++];
        *s = (struct ble_sub){ cfg->value_handle, cfg->callback, cfg->context };
    } else if (s) {
        *s = l->subs[--l->nsubs];
    }
    uint8_t v[2] = { (uint8_t)(cfg->cccd_value & 0xFF), (uint8_t)(cfg->cccd_value >> 8) };
    uint8_t req[8];
    int n = vdev_att_enc_write(req, sizeof(req), cfg->cccd_handle, v, 2, true);
    if (n <= 0)
        return SYSTEM_ERROR_INTERNAL;
    if ((rc = transact(l, req, (size_t)n)))
        return rc;
    return write_rsp_status(l);
}

static int client_write(hal_ble_conn_handle_t conn, hal_ble_attr_handle_t h, const uint8_t *buf, size_t len, bool rsp)
{
    int rc;
    struct ble_link *l = vdev_ble_checked_link(conn, &rc);
    if (!l)
        return rc;
    if ((len && !buf) || !h)
        return SYSTEM_ERROR_INVALID_ARGUMENT;
    if (len > (size_t)(l->mtu - 3))
        return SYSTEM_ERROR_TOO_LARGE;
    uint8_t req[VDEV_ATT_MAX_MTU];
    int n = vdev_att_enc_write(req, sizeof(req), h, buf, len, rsp);
    if (n <= 0)
        return SYSTEM_ERROR_INTERNAL;
    if (!rsp)
        return (rc = vdev_ble_link_send(l, req, (size_t)n)) < 0 ? rc : (int)len;
    if ((rc = transact(l, req, (size_t)n)))
        return rc;
    rc = write_rsp_status(l);
    return rc ? rc : (int)len;
}

int hal_ble_gatt_client_write_with_response(hal_ble_conn_handle_t conn, hal_ble_attr_handle_t h, const uint8_t *buf, size_t len, void *reserved)
{
    (void)reserved;
    return client_write(conn, h, buf, len, true);
}

int hal_ble_gatt_client_write_without_response(hal_ble_conn_handle_t conn, hal_ble_attr_handle_t h, const uint8_t *buf, size_t len, void *reserved)
{
    (void)reserved;
    return client_write(conn, h, buf, len, false);
}

int hal_ble_gatt_client_read(hal_ble_conn_handle_t conn, hal_ble_attr_handle_t h, uint8_t *buf, size_t len, void *reserved)
{
    (void)reserved;
    int rc;
    struct ble_link *l = vdev_ble_checked_link(conn, &rc);
    if (!l)
        return rc;
    if (!buf || !h)
        return SYSTEM_ERROR_INVALID_ARGUMENT;
    size_t got = 0;
    for (;;) {
        uint8_t req[8];
        int n = got ? vdev_att_enc_read_blob_req(req, sizeof(req), h, (uint16_t)got) : vdev_att_enc_read_req(req, sizeof(req), h);
        if (n <= 0)
            return SYSTEM_ERROR_INTERNAL;
        if ((rc = transact(l, req, (size_t)n)))
            return rc;
        const uint8_t *v;
        size_t vlen;
        if (vdev_att_dec_read_rsp(l->rsp, l->rsp_len, &v, &vlen))
            return got ? (int)got : (l->rsp[0] == VDEV_ATT_ERROR_RSP ? SYSTEM_ERROR_NOT_ALLOWED : SYSTEM_ERROR_PROTOCOL);
        size_t take = vlen < len - got ? vlen : len - got;
        memcpy(buf + got, v, take);
        got += take;
        /* a full response may mean more: continue with blobs up to the value limit */
        if (vlen < (size_t)(l->mtu - 1) || got >= len || got >= BLE_MAX_ATTR_VALUE_PACKET_SIZE)
            break;
    }
    return (int)got;
}

/* ---- MTU ---- */

int hal_ble_gatt_set_att_mtu(size_t att_mtu, void *reserved)
{
    (void)reserved;
    int rc = vdev_ble_check();
    if (rc)
        return rc;
    if (att_mtu < BLE_DEFAULT_ATT_MTU_SIZE || att_mtu > BLE_MAX_ATT_MTU_SIZE)
        return SYSTEM_ERROR_INVALID_ARGUMENT;
    B.desired_mtu = att_mtu;
    vdev_gatt_db_set_local_mtu(B.db, (uint16_t)att_mtu);
    return 0;
}

int hal_ble_gatt_get_att_mtu(hal_ble_conn_handle_t conn, size_t *att_mtu, void *reserved)
{
    (void)reserved;
    int rc;
    struct ble_link *l = vdev_ble_checked_link(conn, &rc);
    if (!l)
        return rc;
    if (!att_mtu)
        return SYSTEM_ERROR_INVALID_ARGUMENT;
    *att_mtu = l->mtu;
    return 0;
}
