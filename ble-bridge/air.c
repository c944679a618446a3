/* ble-bridge/air.c - the device's end of the loopback air. The coordinator
 * hosts the medium (scenarios/air.c): it reads the radio events a device
 * emits (ble-adv, ble-scan, ble-connect, ble-att...) and answers with
 * "ble-rx" control commands, parsed here into up calls: advertising reports,
 * connections, disconnections and ATT PDUs. Nothing is trusted: a malformed
 * command is refused with a reason, never half-applied. */
#include "air.h"
#include "ble_transport.h"

#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>

static int parse_addr(const char *s, uint8_t out[6])
{
    unsigned b[6];
    if (!s || strlen(s) != 17 || sscanf(s, "%2x:%2x:%2x:%2x:%2x:%2x", &b[5], &b[4], &b[3], &b[2], &b[1], &b[0]) != 6)
        return -EINVAL;
    for (int i = 0; i < 6; i++)
        out[i] = (uint8_t)b[i];
    return 0;
}

/* hex text into at most cap bytes; returns the length or -EINVAL */
static int parse_hex(json_t *v, uint8_t *out, size_t cap)
{
    if (!v)
        return 0;
    const char *s = json_string_value(v);
    size_t n = s ? strlen(s) : 1;
    if (!s || n % 2 || n / 2 > cap)
        return -EINVAL;
    for (size_t i = 0; i < n / 2; i++) {
        unsigned b;
        if (sscanf(s + 2 * i, "%2x", &b) != 1)
            return -EINVAL;
        out[i] = (uint8_t)b;
    }
    return (int)(n / 2);
}

static int int_field(json_t *m, const char *key, long long lo, long long hi, long long *out)
{
    json_t *v = json_object_get(m, key);
    if (!json_is_integer(v) || json_integer_value(v) < lo || json_integer_value(v) > hi)
        return -EINVAL;
    *out = json_integer_value(v);
    return 0;
}

static int params(json_t *m, struct vdev_ble_conn_params *p)
{
    long long iv, lat, to;
    if (int_field(m, "interval", 7500, 4000000, &iv) || int_field(m, "latency", 0, 499, &lat) ||
        int_field(m, "timeout", 100000, 32000000, &to))
        return -EINVAL;
    p->interval_us = (uint32_t)iv;
    p->latency = (uint16_t)lat;
    p->timeout_us = (uint32_t)to;
    return 0;
}

int vdev_ble_air_input(json_t *m, char *err, size_t errlen)
{
    const char *kind = json_string_value(json_object_get(m, "kind"));
    long long conn = 0, v;
    if (!kind) {
        snprintf(err, errlen, "ble-rx needs a kind");
        return -EINVAL;
    }
    if (!strcmp(kind, "report")) {
        struct vdev_ble_report r;
        memset(&r, 0, sizeof(r));
        int dl, sl = 0;
        long long at, ty, rssi;
        if (parse_addr(json_string_value(json_object_get(m, "addr")), r.addr) ||
            int_field(m, "addr_type", 0, 3, &at) || int_field(m, "adv_type", 0, 6, &ty) ||
            int_field(m, "rssi", -127, 20, &rssi) || (dl = parse_hex(json_object_get(m, "data"), r.data, 31)) < 0 ||
            (sl = parse_hex(json_object_get(m, "sr"), r.sr, 31)) < 0) {
            snprintf(err, errlen, "bad advertising report");
            return -EINVAL;
        }
        r.addr_type = (uint8_t)at;
        r.adv_type = (uint8_t)ty;
        r.rssi = (int8_t)rssi;
        r.data_len = (uint8_t)dl;
        r.sr_len = (uint8_t)sl;
        r.has_sr = json_object_get(m, "sr") != NULL;
        vdev_ble_bridge_up_report(&r);
        return 0;
    }
    if (int_field(m, "conn", 0, 0xFFFE, &conn)) {
        snprintf(err, errlen, "ble-rx %s needs a conn handle", kind);
        return -EINVAL;
    }
    if (!strcmp(kind, "connected")) {
        uint8_t peer[6];
        long long pt;
        struct vdev_ble_conn_params p;
        const char *role = json_string_value(json_object_get(m, "role"));
        if (parse_addr(json_string_value(json_object_get(m, "peer")), peer) || int_field(m, "peer_type", 0, 3, &pt) ||
            params(m, &p) || !role || (strcmp(role, "central") && strcmp(role, "peripheral"))) {
            snprintf(err, errlen, "bad connection");
            return -EINVAL;
        }
        vdev_ble_bridge_up_connected((uint16_t)conn, !strcmp(role, "central"), peer, (uint8_t)pt, &p);
    } else if (!strcmp(kind, "disconnected")) {
        if (int_field(m, "reason", 0, 255, &v)) {
            snprintf(err, errlen, "bad disconnection");
            return -EINVAL;
        }
        vdev_ble_bridge_up_disconnected((uint16_t)conn, (uint8_t)v);
    } else if (!strcmp(kind, "params")) {
        struct vdev_ble_conn_params p;
        if (params(m, &p)) {
            snprintf(err, errlen, "bad connection parameters");
            return -EINVAL;
        }
        vdev_ble_bridge_up_params((uint16_t)conn, &p);
    } else if (!strcmp(kind, "att")) {
        uint8_t pdu[512];
        int n = parse_hex(json_object_get(m, "pdu"), pdu, sizeof(pdu));
        if (n <= 0) {
            snprintf(err, errlen, "bad ATT PDU");
            return -EINVAL;
        }
        vdev_ble_bridge_up_att((uint16_t)conn, pdu, (size_t)n);
    } else {
        snprintf(err, errlen, "unknown ble-rx kind %s", kind);
        return -EINVAL;
    }
    return 0;
}
