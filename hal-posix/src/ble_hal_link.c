/* hal-posix/src/ble_hal_link.c - BLE connections: connect (central, up to 3
 * links), the peripheral link (1), disconnect, connection parameters, and
 * the link layer's timing: a PDU goes out at the link's next connection
 * event and occupies the air for its length on the 1M PHY, so throughput
 * and latency follow the connection interval in device time. */
#include "ble_hal_priv.h"

#include "../../sim/sched.h"

#include <string.h>

#define B vdev_ble

static uint16_t next_handle;

struct ble_link *vdev_ble_link(uint16_t conn)
{
    for (int i = 0; i < BLE_LINKS; i++)
        if (B.links[i].used && B.links[i].conn == conn)
            return &B.links[i];
    return NULL;
}

struct ble_link *vdev_ble_checked_link(uint16_t conn, int *rc)
{
    *rc = vdev_ble_check();
    if (*rc)
        return NULL;
    struct ble_link *l = vdev_ble_link(conn);
    if (!l)
        *rc = SYSTEM_ERROR_NOT_FOUND;
    return l;
}

struct ble_link *vdev_ble_link_by_addr(const hal_ble_addr_t *a)
{
    for (int i = 0; i < BLE_LINKS; i++)
        if (B.links[i].used && !memcmp(B.links[i].peer.addr, a->addr, 6))
            return &B.links[i];
    return NULL;
}

int vdev_ble_link_count(bool central)
{
    int n = 0;
    for (int i = 0; i < BLE_LINKS; i++)
        if (B.links[i].used && B.links[i].central == central)
            n++;
    return n;
}

void vdev_ble_params_to_link(const hal_ble_conn_params_t *p, struct vdev_ble_conn_params *lp)
{
    lp->interval_us = (uint32_t)p->max_conn_interval * 1250u;
    lp->latency = p->slave_latency;
    lp->timeout_us = (uint32_t)p->conn_sup_timeout * 10000u;
}

/* Air time of one LL data PDU carrying an L2CAP frame of `len` ATT bytes, with
 * the peer's empty acknowledgement: preamble 1 + access address 4 + header
 * 2 + L2CAP 4 + payload + CRC 3 bytes at 1 Mbit/s, two 150 us inter-frame
 * spaces and an 80 us empty PDU. */
static uint64_t airtime(size_t len) { return (uint64_t)(len + 14) * 8u + 150u + 80u + 150u; }

int vdev_ble_link_send(struct ble_link *l, const uint8_t *pdu, size_t len)
{
    unsigned gen = l->gen;
    uint64_t now = vdev_clock_now(), at = airtime(len);
    /* the controller queues BLE_TX_DEPTH PDUs; past that the caller waits
     * (answers sent from the radio's own context never wait) */
    while (!vdev_sched_in_isr() && l->used && l->gen == gen && l->air_free > now + BLE_TX_DEPTH * at) {
        vdev_sched_sleep_until(l->air_free - BLE_TX_DEPTH * at);
        now = vdev_clock_now();
    }
    if (!l->used || l->gen != gen)
        return SYSTEM_ERROR_INVALID_STATE;
    uint64_t start;
    if (l->air_free > now) {
        start = l->air_free; /* more data in the same connection event */
    } else {
        uint64_t iv = l->lp.interval_us ? l->lp.interval_us : 30000u;
        uint64_t k = now > l->anchor ? (now - l->anchor + iv - 1) / iv : 0;
        start = l->anchor + k * iv;
    }
    l->air_free = start + at;
    return vdev_ble_bridge_send_at(l->conn, pdu, len, l->air_free);
}

/* ---- up calls from the radio ---- */

void vdev_ble_hal_on_connected(uint16_t conn, bool central, const uint8_t peer[6], uint8_t peer_type,
                               const struct vdev_ble_conn_params *p)
{
    struct ble_link *l = NULL;
    bool wanted = B.ready && B.on && !vdev_ble_link(conn) &&
                  (central ? B.connecting && !memcmp(B.connecting_addr.addr, peer, 6) && vdev_ble_link_count(true) < BLE_MAX_CENTRAL_COUNT
                           : vdev_ble_link_count(false) < BLE_MAX_PERIPHERAL_COUNT);
    for (int i = 0; wanted && i < BLE_LINKS && !l; i++)
        if (!B.links[i].used)
            l = &B.links[i];
    if (!l) {
        vdev_ble_bridge_disconnect(conn, BLE_HCI_LOCAL_HOST_TERMINATED_CONNECTION);
        return;
    }
    unsigned gen = l->gen + 1;
    memset(l, 0, sizeof(*l));
    l->gen = gen;
    l->used = true;
    l->conn = conn;
    l->central = central;
    memcpy(l->peer.addr, peer, 6);
    l->peer.addr_type = (ble_sig_addr_type_t)peer_type;
    l->lp = *p;
    l->params.version = BLE_API_VERSION;
    l->params.size = sizeof(l->params);
    l->params.min_conn_interval = l->params.max_conn_interval = (uint16_t)(p->interval_us / 1250u);
    l->params.slave_latency = p->latency;
    l->params.conn_sup_timeout = (uint16_t)(p->timeout_us / 10000u);
    l->anchor = vdev_clock_now();
    l->mtu = BLE_DEFAULT_ATT_MTU_SIZE;
    l->rssi = -50;
    vdev_ble_gatt_link_up(l);
    if (central) {
        B.connect_conn = conn;
        vdev_ble_wake(&B.connect_conn);
    } else if (B.advertising) {
        /* a connectable advertiser stops when a central connects */
        B.advertising = false;
        B.adv_resume = true;
        vdev_ble_bridge_adv_stop();
    }
    vdev_ble_queue_link(l, BLE_EVT_CONNECTED, 0);
}

static void close_link(struct ble_link *l, uint8_t reason)
{
    vdev_ble_gatt_link_down(l);
    l->used = false;
    l->gen++;
    vdev_ble_wake(&l->rsp_ready);
    vdev_ble_wake(&l->ind_confirmed);
    vdev_ble_queue_link(l, BLE_EVT_DISCONNECTED, reason);
    if (!l->central && B.adv_resume && B.on)
        hal_ble_gap_start_advertising(NULL);
}

void vdev_ble_hal_on_disconnected(uint16_t conn, uint8_t reason)
{
    struct ble_link *l = vdev_ble_link(conn);
    if (l)
        close_link(l, reason);
}

void vdev_ble_hal_on_params(uint16_t conn, const struct vdev_ble_conn_params *p)
{
    struct ble_link *l = vdev_ble_link(conn);
    if (!l)
        return;
    l->lp = *p;
    l->params.min_conn_interval = l->params.max_conn_interval = (uint16_t)(p->interval_us / 1250u);
    l->params.slave_latency = p->latency;
    l->params.conn_sup_timeout = (uint16_t)(p->timeout_us / 10000u);
    vdev_ble_queue_link(l, BLE_EVT_CONN_PARAMS_UPDATED, 0);
}

void vdev_ble_hal_on_att(uint16_t conn, const uint8_t *pdu, size_t len)
{
    struct ble_link *l = vdev_ble_link(conn);
    if (l && len)
        vdev_ble_gatt_on_pdu(l, pdu, len);
}

void vdev_ble_links_drop_all(uint8_t reason)
{
    for (int i = 0; i < BLE_LINKS; i++)
        if (B.links[i].used) {
            vdev_ble_bridge_disconnect(B.links[i].conn, reason);
            close_link(&B.links[i], reason);
        }
}

/* ---- GAP connection API ---- */

int hal_ble_gap_connect(const hal_ble_conn_cfg_t *config, hal_ble_conn_handle_t *conn_handle, void *reserved)
{
    (void)reserved;
    int rc = vdev_ble_check();
    if (rc)
        return rc;
    if (!config)
        return SYSTEM_ERROR_INVALID_ARGUMENT;
    if (B.connecting)
        return SYSTEM_ERROR_BUSY;
    if (vdev_ble_link_by_addr(&config->address))
        return SYSTEM_ERROR_ALREADY_EXISTS;
    if (vdev_ble_link_count(true) >= BLE_MAX_CENTRAL_COUNT)
        return SYSTEM_ERROR_LIMIT_EXCEEDED;
    const hal_ble_conn_params_t *cp = config->conn_params ? config->conn_params : &B.ppcp;
    struct vdev_ble_conn_params lp;
    vdev_ble_params_to_link(cp, &lp);
    B.connecting = true;
    B.connecting_addr = config->address;
    B.connect_conn = -1;
    (void)next_handle;
    vdev_ble_bridge_connect(config->address.addr, (uint8_t)config->address.addr_type, B.addr.addr,
                            (uint8_t)B.addr.addr_type, &lp);
    uint64_t deadline = vdev_clock_now() + BLE_CONNECT_TIMEOUT_US;
    vdev_sched_lock();
    while (B.connect_conn < 0 && B.connecting)
        if (vdev_sched_wait(&B.connect_conn, deadline) == VDEV_WAKE_TIMEOUT)
            break;
    vdev_sched_unlock();
    int conn = B.connect_conn;
    bool cancelled = !B.connecting;
    B.connecting = false;
    B.connect_conn = -1;
    if (conn < 0) {
        if (!cancelled)
            vdev_ble_bridge_connect_cancel();
        return cancelled ? SYSTEM_ERROR_CANCELLED : SYSTEM_ERROR_TIMEOUT;
    }
    struct ble_link *l = vdev_ble_link((uint16_t)conn);
    if (!l)
        return SYSTEM_ERROR_INVALID_STATE;
    l->cb = config->callback;
    l->ctx = config->context;
    vdev_ble_gatt_exchange_mtu(l);
    if (!l->used)
        return SYSTEM_ERROR_INVALID_STATE;
    if (conn_handle)
        *conn_handle = l->conn;
    return 0;
}

bool hal_ble_gap_is_connecting(const hal_ble_addr_t *address, void *reserved)
{
    (void)reserved;
    if (vdev_ble_check() || !B.connecting)
        return false;
    return !address || !memcmp(address->addr, B.connecting_addr.addr, 6);
}

bool hal_ble_gap_is_connected(const hal_ble_addr_t *address, void *reserved)
{
    (void)reserved;
    if (vdev_ble_check())
        return false;
    if (address)
        return vdev_ble_link_by_addr(address) != NULL;
    return vdev_ble_link_count(true) + vdev_ble_link_count(false) > 0;
}

int hal_ble_gap_connect_cancel(const hal_ble_addr_t *address, void *reserved)
{
    (void)reserved;
    int rc = vdev_ble_check();
    if (rc)
        return rc;
    if (!B.connecting || (address && memcmp(address->addr, B.connecting_addr.addr, 6)))
        return 0;
    B.connecting = false;
    vdev_ble_bridge_connect_cancel();
    vdev_ble_wake(&B.connect_conn);
    return 0;
}

int hal_ble_gap_disconnect(hal_ble_conn_handle_t conn_handle, void *reserved)
{
    (void)reserved;
    int rc;
    struct ble_link *l = vdev_ble_checked_link(conn_handle, &rc);
    if (!l)
        return rc;
    vdev_ble_bridge_disconnect(conn_handle, BLE_HCI_REMOTE_USER_TERMINATED_CONNECTION);
    close_link(l, BLE_HCI_LOCAL_HOST_TERMINATED_CONNECTION);
    return 0;
}

int hal_ble_gap_update_connection_params(hal_ble_conn_handle_t conn_handle, const hal_ble_conn_params_t *conn_params,
                                         void *reserved)
{
    (void)reserved;
    int rc;
    struct ble_link *l = vdev_ble_checked_link(conn_handle, &rc);
    if (!l)
        return rc;
    if (!conn_params || !vdev_ble_conn_params_valid(conn_params))
        return SYSTEM_ERROR_INVALID_ARGUMENT;
    /* the peer adopts them at the procedure's instant (the air tells it) */
    struct vdev_ble_conn_params lp;
    vdev_ble_params_to_link(conn_params, &lp);
    vdev_ble_bridge_conn_update(conn_handle, &lp);
    vdev_ble_hal_on_params(conn_handle, &lp);
    return 0;
}

int hal_ble_gap_get_connection_info(hal_ble_conn_handle_t conn_handle, hal_ble_conn_info_t *info, void *reserved)
{
    (void)reserved;
    int rc;
    struct ble_link *l = vdev_ble_checked_link(conn_handle, &rc);
    if (!l)
        return rc;
    if (!info)
        return SYSTEM_ERROR_INVALID_ARGUMENT;
    memset(info, 0, sizeof(*info));
    info->version = BLE_API_VERSION;
    info->size = sizeof(*info);
    info->role = l->central ? BLE_ROLE_CENTRAL : BLE_ROLE_PERIPHERAL;
    info->address = l->peer;
    info->att_mtu = l->mtu;
    info->conn_params = l->params;
    info->conn_handle = l->conn;
    return 0;
}

int hal_ble_gap_get_connections(hal_ble_conn_handle_t *handles, size_t count, void *reserved)
{
    (void)reserved;
    int rc = vdev_ble_check();
    if (rc)
        return rc;
    int n = 0;
    for (int i = 0; i < BLE_LINKS; i++)
        if (B.links[i].used) {
            if (handles && (size_t)n < count)
                handles[n] = B.links[i].conn;
            n++;
        }
    return n;
}

int hal_ble_gap_get_rssi(hal_ble_conn_handle_t conn_handle, void *reserved)
{
    (void)reserved;
    int rc = vdev_ble_check();
    if (rc)
        return rc;
    struct ble_link *l = vdev_ble_link(conn_handle);
    return l ? l->rssi : SYSTEM_ERROR_NOT_FOUND;
}
