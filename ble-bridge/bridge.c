/* ble-bridge/bridge.c - the radio as the BLE HAL sees it: every down call
 * becomes an event on the control channel (the loopback air's protocol: the
 * coordinator reads these), a btsnoop record when capturing, and a call
 * into the BlueZ backend when one is open; every up call is recorded the
 * same way and handed to the HAL. Owns which backend is in use. */
#include "ble_transport.h"

#include "../sim/events.h"
#include "../sim/hex.h"
#include "../sim/sched.h"

#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct {
    const struct vdev_ble_backend *be; /* NULL: the loopback air */
    bool open;
} R;

static void fmt_addr(const uint8_t a[6], char out[18])
{
    snprintf(out, 18, "%02X:%02X:%02X:%02X:%02X:%02X", a[5], a[4], a[3], a[2], a[1], a[0]);
}

int vdev_ble_bridge_open(const char *spec, const char *btsnoop, bool append, char *err, size_t errlen)
{
    R.be = NULL;
    if (spec && *spec && strcmp(spec, "air")) {
        R.be = vdev_ble_bluez_open(spec, err, errlen);
        if (!R.be)
            return -ENODEV;
    }
    if (btsnoop && *btsnoop) {
        int rc = append ? vdev_ble_snoop_open_append(btsnoop) : vdev_ble_snoop_open(btsnoop);
        if (rc) {
            snprintf(err, errlen, "cannot write the btsnoop file %s: %s", btsnoop, strerror(-rc));
            if (R.be && R.be->close)
                R.be->close();
            R.be = NULL;
            return rc;
        }
    }
    R.open = true;
    return 0;
}

void vdev_ble_bridge_close(void)
{
    if (R.be && R.be->close)
        R.be->close();
    R.be = NULL;
    vdev_ble_snoop_close();
    R.open = false;
}

bool vdev_ble_bridge_is_air(void) { return !R.be; }

int vdev_ble_bridge_adv_start(const struct vdev_ble_adv *a)
{
    char addr[18], *d = vdev_hex_dup(a->data, a->data_len), *s = vdev_hex_dup(a->sr, a->sr_len);
    fmt_addr(a->addr, addr);
    vdev_event("ble-adv", "{s:b,s:s,s:i,s:i,s:I,s:i,s:s,s:s}", "on", 1, "addr", addr, "addr_type", a->addr_type,
               "adv_type", a->type, "interval", (json_int_t)a->interval_us, "tx_power", a->tx_power, "data",
               d ? d : "", "sr", s ? s : "");
    free(d);
    free(s);
    if (vdev_ble_snoop_enabled())
        vdev_ble_snoop_adv_start(vdev_clock_now(), a);
    return R.be ? R.be->adv_start(a) : 0;
}

int vdev_ble_bridge_adv_stop(void)
{
    vdev_event("ble-adv", "{s:b}", "on", 0);
    if (vdev_ble_snoop_enabled())
        vdev_ble_snoop_adv_stop(vdev_clock_now());
    return R.be ? R.be->adv_stop() : 0;
}

int vdev_ble_bridge_scan_start(const struct vdev_ble_scan *s)
{
    char addr[18];
    fmt_addr(s->addr, addr);
    vdev_event("ble-scan", "{s:b,s:b,s:I,s:I,s:s,s:i}", "on", 1, "active", s->active, "interval",
               (json_int_t)s->interval_us, "window", (json_int_t)s->window_us, "addr", addr, "addr_type", s->addr_type);
    if (vdev_ble_snoop_enabled())
        vdev_ble_snoop_scan_start(vdev_clock_now(), s);
    return R.be ? R.be->scan_start(s) : 0;
}

int vdev_ble_bridge_scan_stop(void)
{
    vdev_event("ble-scan", "{s:b}", "on", 0);
    if (vdev_ble_snoop_enabled())
        vdev_ble_snoop_scan_stop(vdev_clock_now());
    return R.be ? R.be->scan_stop() : 0;
}

int vdev_ble_bridge_connect(const uint8_t addr[6], uint8_t addr_type, const uint8_t own[6], uint8_t own_type,
                            const struct vdev_ble_conn_params *p)
{
    char peer[18], me[18];
    fmt_addr(addr, peer);
    fmt_addr(own, me);
    vdev_event("ble-connect", "{s:s,s:i,s:s,s:i,s:I,s:i,s:I}", "peer", peer, "peer_type", addr_type, "addr", me,
               "addr_type", own_type, "interval", (json_int_t)p->interval_us, "latency", p->latency, "timeout",
               (json_int_t)p->timeout_us);
    if (vdev_ble_snoop_enabled())
        vdev_ble_snoop_connect(vdev_clock_now(), addr, addr_type, p);
    return R.be ? R.be->connect(addr, addr_type, p) : 0;
}

int vdev_ble_bridge_connect_cancel(void)
{
    vdev_event("ble-connect-cancel", NULL);
    if (vdev_ble_snoop_enabled())
        vdev_ble_snoop_connect_cancel(vdev_clock_now());
    return R.be ? R.be->connect_cancel() : 0;
}

int vdev_ble_bridge_disconnect(uint16_t conn, uint8_t reason)
{
    vdev_event("ble-disconnect", "{s:i,s:i}", "conn", conn, "reason", reason);
    if (vdev_ble_snoop_enabled())
        vdev_ble_snoop_disconnect(vdev_clock_now(), conn, reason);
    return R.be ? R.be->disconnect(conn, reason) : 0;
}

int vdev_ble_bridge_conn_update(uint16_t conn, const struct vdev_ble_conn_params *p)
{
    vdev_event("ble-conn-update", "{s:i,s:I,s:i,s:I}", "conn", conn, "interval", (json_int_t)p->interval_us, "latency",
               p->latency, "timeout", (json_int_t)p->timeout_us);
    return 0; /* BlueZ: the kernel owns a link's parameters */
}

int vdev_ble_bridge_send(uint16_t conn, const uint8_t *pdu, size_t len)
{
    return vdev_ble_bridge_send_at(conn, pdu, len, vdev_clock_now());
}

int vdev_ble_bridge_send_at(uint16_t conn, const uint8_t *pdu, size_t len, uint64_t at)
{
    char *h = vdev_hex_dup(pdu, len);
    vdev_event("ble-att", "{s:i,s:s,s:s,s:I}", "conn", conn, "dir", "tx", "pdu", h ? h : "", "at", (json_int_t)at);
    free(h);
    if (vdev_ble_snoop_enabled())
        vdev_ble_snoop_acl(vdev_clock_now(), conn, true, pdu, len);
    return R.be ? R.be->send(conn, pdu, len) : 0;
}

void vdev_ble_bridge_up_report(const struct vdev_ble_report *r)
{
    char addr[18];
    fmt_addr(r->addr, addr);
    vdev_event("ble-report", "{s:s,s:i,s:b}", "addr", addr, "rssi", r->rssi, "sr", r->has_sr);
    if (vdev_ble_snoop_enabled())
        vdev_ble_snoop_report(vdev_clock_now(), r);
    vdev_ble_hal_on_report(r);
}

void vdev_ble_bridge_up_connected(uint16_t conn, bool central, const uint8_t peer[6], uint8_t peer_type,
                                  const struct vdev_ble_conn_params *p)
{
    char addr[18];
    fmt_addr(peer, addr);
    vdev_event("ble-connected", "{s:i,s:s,s:s,s:I}", "conn", conn, "role", central ? "central" : "peripheral", "peer",
               addr, "interval", (json_int_t)p->interval_us);
    if (vdev_ble_snoop_enabled())
        vdev_ble_snoop_connected(vdev_clock_now(), conn, central, peer, peer_type, p);
    vdev_ble_hal_on_connected(conn, central, peer, peer_type, p);
}

void vdev_ble_bridge_up_disconnected(uint16_t conn, uint8_t reason)
{
    vdev_event("ble-disconnected", "{s:i,s:i}", "conn", conn, "reason", reason);
    if (vdev_ble_snoop_enabled())
        vdev_ble_snoop_disconnected(vdev_clock_now(), conn, reason);
    vdev_ble_hal_on_disconnected(conn, reason);
}

void vdev_ble_bridge_up_params(uint16_t conn, const struct vdev_ble_conn_params *p)
{
    vdev_event("ble-conn-updated", "{s:i,s:I,s:i,s:I}", "conn", conn, "interval", (json_int_t)p->interval_us, "latency",
               p->latency, "timeout", (json_int_t)p->timeout_us);
    vdev_ble_hal_on_params(conn, p);
}

void vdev_ble_bridge_up_att(uint16_t conn, const uint8_t *pdu, size_t len)
{
    char *h = vdev_hex_dup(pdu, len);
    vdev_event("ble-att", "{s:i,s:s,s:s}", "conn", conn, "dir", "rx", "pdu", h ? h : "");
    free(h);
    if (vdev_ble_snoop_enabled())
        vdev_ble_snoop_acl(vdev_clock_now(), conn, false, pdu, len);
    vdev_ble_hal_on_att(conn, pdu, len);
}
