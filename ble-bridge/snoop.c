/* ble-bridge/snoop.c - the --btsnoop capture (vdev_ble_snoop_* in
 * ble_transport.h): each radio operation written as the HCI traffic a host
 * and controller would exchange for it, so btmon and Wireshark can read a
 * run. Owns the open capture and the little controller state the traffic
 * depends on (advertising, scanning, connecting). Callers serialize. */
#include "ble_transport.h"
#include "btsnoop.h"
#include "hci.h"

#include <stdio.h>
#include <string.h>

static struct {
    struct vdev_btsnoop *file;
    bool advertising, scanning, connecting;
} S;

/* A write failed: say so once and stop capturing. */
static void record(int rc)
{
    if (rc >= 0 || !S.file)
        return;
    fprintf(stderr, "vdev: btsnoop capture stopped: %s\n", strerror(-rc));
    vdev_btsnoop_close(S.file);
    S.file = NULL;
}

static void cmd(uint64_t t, const uint8_t *pkt, int n)
{
    if (n > 0 && S.file)
        record(vdev_btsnoop_write(S.file, t, VDEV_H4_CMD, pkt, (size_t)n));
}

static void evt(uint64_t t, const uint8_t *pkt, int n)
{
    if (n > 0 && S.file)
        record(vdev_btsnoop_write(S.file, t, VDEV_H4_EVT, pkt, (size_t)n));
}

/* A command and the controller's Command Complete (or Status) for it. */
static void exchange(uint64_t t, const uint8_t *pkt, int n, bool status_only, uint8_t status)
{
    uint16_t op;
    const uint8_t *params;
    size_t plen;
    if (n <= 0 || vdev_hci_decode_cmd(pkt, (size_t)n, &op, &params, &plen))
        return;
    cmd(t, pkt, n);
    uint8_t ev[8];
    if (status_only)
        evt(t, ev, vdev_hci_ev_cmd_status(ev, sizeof ev, op, status));
    else
        evt(t, ev, vdev_hci_ev_cmd_complete(ev, sizeof ev, op, status));
}

int vdev_ble_snoop_open(const char *path)
{
    vdev_ble_snoop_close();
    return vdev_btsnoop_open(path, &S.file);
}

int vdev_ble_snoop_open_append(const char *path)
{
    vdev_ble_snoop_close();
    return vdev_btsnoop_open_append(path, &S.file);
}

void vdev_ble_snoop_close(void)
{
    vdev_btsnoop_close(S.file);
    memset(&S, 0, sizeof S);
}

bool vdev_ble_snoop_enabled(void) { return S.file != NULL; }

static void adv_enable(uint64_t t, bool on)
{
    uint8_t b[8];
    exchange(t, b, vdev_hci_cmd_le_set_adv_enable(b, sizeof b, on), false, 0);
    S.advertising = on;
}

void vdev_ble_snoop_adv_start(uint64_t t, const struct vdev_ble_adv *a)
{
    uint8_t b[40];
    struct vdev_hci_adv_params p;
    if (!S.file || vdev_hci_adv_params_from(a, &p))
        return;
    if (S.advertising) /* an update: parameters only change while stopped */
        adv_enable(t, false);
    if (p.own_addr_type == 1)
        exchange(t, b, vdev_hci_cmd_le_set_random_addr(b, sizeof b, a->addr), false, 0);
    exchange(t, b, vdev_hci_cmd_le_set_adv_params(b, sizeof b, &p), false, 0);
    exchange(t, b, vdev_hci_cmd_le_set_adv_data(b, sizeof b, a->data, a->data_len), false, 0);
    exchange(t, b, vdev_hci_cmd_le_set_scan_rsp_data(b, sizeof b, a->sr, a->sr_len), false, 0);
    adv_enable(t, true);
}

void vdev_ble_snoop_adv_stop(uint64_t t)
{
    if (S.file)
        adv_enable(t, false);
}

static void scan_enable(uint64_t t, bool on)
{
    uint8_t b[8];
    exchange(t, b, vdev_hci_cmd_le_set_scan_enable(b, sizeof b, on, false), false, 0);
    S.scanning = on;
}

void vdev_ble_snoop_scan_start(uint64_t t, const struct vdev_ble_scan *s)
{
    uint8_t b[16];
    struct vdev_hci_scan_params p;
    if (!S.file)
        return;
    vdev_hci_scan_params_from(s, &p);
    if (S.scanning)
        scan_enable(t, false);
    if (p.own_addr_type == 1 && !S.advertising)
        exchange(t, b, vdev_hci_cmd_le_set_random_addr(b, sizeof b, s->addr), false, 0);
    exchange(t, b, vdev_hci_cmd_le_set_scan_params(b, sizeof b, &p), false, 0);
    scan_enable(t, true);
}

void vdev_ble_snoop_scan_stop(uint64_t t)
{
    if (S.file)
        scan_enable(t, false);
}

void vdev_ble_snoop_connect(uint64_t t, const uint8_t addr[6], uint8_t addr_type, const struct vdev_ble_conn_params *p)
{
    uint8_t b[32];
    struct vdev_hci_create_conn c;
    if (!S.file)
        return;
    vdev_hci_create_conn_from(addr, addr_type, 0, p, &c);
    exchange(t, b, vdev_hci_cmd_le_create_conn(b, sizeof b, &c), true, 0);
    S.connecting = true;
}

void vdev_ble_snoop_connect_cancel(uint64_t t)
{
    uint8_t b[24];
    if (!S.file)
        return;
    /* Command Disallowed when nothing is being connected */
    exchange(t, b, vdev_hci_cmd_le_create_conn_cancel(b, sizeof b), false, S.connecting ? 0x00 : 0x0C);
    if (!S.connecting)
        return;
    S.connecting = false;
    struct vdev_hci_conn_complete cc = {.status = VDEV_HCI_ERR_UNKNOWN_CONN};
    evt(t, b, vdev_hci_ev_le_conn_complete(b, sizeof b, &cc));
}

void vdev_ble_snoop_disconnect(uint64_t t, uint16_t conn, uint8_t reason)
{
    uint8_t b[8];
    if (S.file)
        exchange(t, b, vdev_hci_cmd_disconnect(b, sizeof b, conn, reason), true, 0);
}

static void report_one(uint64_t t, const struct vdev_ble_report *r, uint8_t type, const uint8_t *data, uint8_t len)
{
    struct vdev_hci_adv_report hr = {
        .event_type = type,
        .addr_type = vdev_hci_addr_type_from_hal(r->addr_type),
        .data_len = len > VDEV_HCI_MAX_ADV_DATA ? VDEV_HCI_MAX_ADV_DATA : len,
        .rssi = r->rssi,
    };
    memcpy(hr.addr, r->addr, 6);
    memcpy(hr.data, data, hr.data_len);
    uint8_t b[2 + 2 + 10 + VDEV_HCI_MAX_ADV_DATA];
    evt(t, b, vdev_hci_ev_le_adv_report(b, sizeof b, &hr, 1));
}

void vdev_ble_snoop_report(uint64_t t, const struct vdev_ble_report *r)
{
    int type = vdev_hci_report_type_from_hal(r->adv_type);
    if (!S.file || type < 0)
        return;
    report_one(t, r, (uint8_t)type, r->data, r->data_len);
    if (r->has_sr)
        report_one(t, r, VDEV_HCI_REPORT_SCAN_RSP, r->sr, r->sr_len);
}

void vdev_ble_snoop_connected(uint64_t t, uint16_t conn, bool central, const uint8_t peer[6], uint8_t peer_type,
                              const struct vdev_ble_conn_params *p)
{
    uint8_t b[24];
    if (!S.file)
        return;
    struct vdev_hci_conn_complete cc = {
        .handle = conn,
        .role = central ? 0 : 1,
        .peer_addr_type = vdev_hci_addr_type_from_hal(peer_type),
        .interval = vdev_hci_conn_interval(p->interval_us),
        .latency = vdev_hci_conn_latency(p->latency),
        .timeout = vdev_hci_sup_timeout(p->timeout_us),
    };
    memcpy(cc.peer_addr, peer, 6);
    evt(t, b, vdev_hci_ev_le_conn_complete(b, sizeof b, &cc));
    if (central)
        S.connecting = false;
    else
        S.advertising = false; /* a connection ends legacy advertising */
}

void vdev_ble_snoop_disconnected(uint64_t t, uint16_t conn, uint8_t reason)
{
    uint8_t b[8];
    if (S.file)
        evt(t, b, vdev_hci_ev_disconn_complete(b, sizeof b, 0, conn, reason));
}

void vdev_ble_snoop_acl(uint64_t t, uint16_t conn, bool sent, const uint8_t *pdu, size_t len)
{
    uint8_t b[8 + 512];
    if (!S.file || len > sizeof b - 8)
        return;
    int n = vdev_hci_acl_l2cap(b, sizeof b, conn, sent ? VDEV_HCI_PB_FIRST_NOFLUSH : VDEV_HCI_PB_FIRST_FLUSH,
                               VDEV_L2CAP_CID_ATT, pdu, len);
    if (n > 0)
        record(vdev_btsnoop_write_dir(S.file, t, VDEV_H4_ACL, !sent, b, (size_t)n));
}
