/* hal-posix/src/ble_hal_gap.c - the BLE HAL's advertising (parameters,
 * data, scan response, start/stop with the timeout the "ble" thread
 * watches) and scanning (parameters; a blocking scan that hands each
 * report to the caller's callback in the caller's thread). */
#include "ble_hal_priv.h"

#include "../../sim/sched.h"

#include <stdlib.h>
#include <string.h>

#define B vdev_ble

/* ---- advertising ---- */

static void fill_adv(struct vdev_ble_adv *a)
{
    memset(a, 0, sizeof(*a));
    memcpy(a->addr, B.addr.addr, 6);
    a->addr_type = (uint8_t)B.addr.addr_type;
    a->type = (uint8_t)B.adv_params.type;
    a->interval_us = (uint32_t)B.adv_params.interval * 625u;
    a->tx_power = B.tx_power;
    a->data_len = (uint8_t)B.adv_len;
    memcpy(a->data, B.adv, B.adv_len);
    bool scannable = B.adv_params.type == BLE_ADV_CONNECTABLE_SCANNABLE_UNDIRECRED_EVT ||
                     B.adv_params.type == BLE_ADV_SCANABLE_UNDIRECTED_EVT ||
                     B.adv_params.type == BLE_ADV_SCANABLE_DIRECTED_EVT;
    if (scannable) {
        a->sr_len = (uint8_t)B.sr_len;
        memcpy(a->sr, B.sr, B.sr_len);
    }
}

/* (Re)announce the current advertising set to the radio. */
void vdev_ble_adv_resume(void)
{
    struct vdev_ble_adv a;
    fill_adv(&a);
    vdev_ble_bridge_adv_start(&a);
}

int hal_ble_gap_set_advertising_parameters(const hal_ble_adv_params_t *adv_params, void *reserved)
{
    (void)reserved;
    int rc = vdev_ble_check();
    if (rc)
        return rc;
    if (!adv_params) {
        vdev_ble_default_adv_params(&B.adv_params);
    } else {
        if (adv_params->interval < BLE_ADV_INTERVAL_MIN || adv_params->interval > BLE_ADV_INTERVAL_MAX ||
            adv_params->type > BLE_ADV_SCANABLE_DIRECTED_EVT || adv_params->filter_policy > BLE_ADV_FP_FILTER_BOTH)
            return SYSTEM_ERROR_INVALID_ARGUMENT;
        B.adv_params = *adv_params;
        B.adv_params.version = BLE_API_VERSION;
        B.adv_params.size = sizeof(B.adv_params);
    }
    if (B.advertising)
        return hal_ble_gap_start_advertising(NULL);
    return 0;
}

int hal_ble_gap_get_advertising_parameters(hal_ble_adv_params_t *adv_params, void *reserved)
{
    (void)reserved;
    int rc = vdev_ble_check();
    if (rc)
        return rc;
    if (!adv_params)
        return SYSTEM_ERROR_INVALID_ARGUMENT;
    *adv_params = B.adv_params;
    return 0;
}

static int set_data(uint8_t *dst, size_t *dlen, const uint8_t *buf, size_t len)
{
    int rc = vdev_ble_check();
    if (rc)
        return rc;
    if (len > BLE_MAX_ADV_DATA_LEN || (len && !buf))
        return SYSTEM_ERROR_INVALID_ARGUMENT;
    if (len)
        memcpy(dst, buf, len);
    *dlen = len;
    if (B.advertising)
        vdev_ble_adv_resume();
    return 0;
}

static int get_data(const uint8_t *src, size_t slen, uint8_t *buf, size_t len)
{
    int rc = vdev_ble_check();
    if (rc)
        return rc;
    if (!buf)
        return (int)slen;
    size_t n = slen < len ? slen : len;
    memcpy(buf, src, n);
    return (int)n;
}

int hal_ble_gap_set_advertising_data(const uint8_t *buf, size_t len, void *reserved)
{
    (void)reserved;
    return set_data(B.adv, &B.adv_len, buf, len);
}

int hal_ble_gap_get_advertising_data(uint8_t *buf, size_t len, void *reserved)
{
    (void)reserved;
    return get_data(B.adv, B.adv_len, buf, len);
}

int hal_ble_gap_set_scan_response_data(const uint8_t *buf, size_t len, void *reserved)
{
    (void)reserved;
    return set_data(B.sr, &B.sr_len, buf, len);
}

int hal_ble_gap_get_scan_response_data(uint8_t *buf, size_t len, void *reserved)
{
    (void)reserved;
    return get_data(B.sr, B.sr_len, buf, len);
}

int hal_ble_gap_start_advertising(void *reserved)
{
    (void)reserved;
    int rc = vdev_ble_check();
    if (rc)
        return rc;
    bool connectable = B.adv_params.type <= BLE_ADV_CONNECTABLE_DIRECTED_EVT;
    if (connectable && vdev_ble_link_count(false) >= BLE_MAX_PERIPHERAL_COUNT) {
        /* the peripheral link is taken: advertise again once it closes */
        B.adv_resume = true;
        return 0;
    }
    B.advertising = true;
    B.adv_resume = false;
    B.adv_deadline = B.adv_params.timeout ? vdev_clock_now() + (uint64_t)B.adv_params.timeout * 10000u : VDEV_FOREVER;
    vdev_ble_adv_resume();
    vdev_ble_kick_thread(); /* the ble thread watches the timeout */
    return 0;
}

int hal_ble_gap_stop_advertising(void *reserved)
{
    (void)reserved;
    int rc = vdev_ble_check();
    if (rc)
        return rc;
    B.adv_resume = false;
    if (!B.advertising)
        return 0;
    B.advertising = false;
    vdev_ble_bridge_adv_stop();
    return 0;
}

bool hal_ble_gap_is_advertising(void *reserved)
{
    (void)reserved;
    return vdev_ble_check() == 0 && B.advertising;
}

/* ---- scanning ---- */

int hal_ble_gap_set_scan_parameters(const hal_ble_scan_params_t *scan_params, void *reserved)
{
    (void)reserved;
    int rc = vdev_ble_check();
    if (rc)
        return rc;
    if (!scan_params) {
        vdev_ble_default_scan_params(&B.scan_params);
        return 0;
    }
    if (scan_params->interval < BLE_SCAN_INTERVAL_MIN || scan_params->interval > BLE_SCAN_INTERVAL_MAX ||
        scan_params->window < BLE_SCAN_WINDOW_MIN || scan_params->window > BLE_SCAN_WINDOW_MAX ||
        scan_params->window > scan_params->interval || scan_params->filter_policy > BLE_SCAN_FP_WHITELIST_NOT_RESOLVED_DIRECTED)
        return SYSTEM_ERROR_INVALID_ARGUMENT;
    B.scan_params = *scan_params;
    B.scan_params.version = BLE_API_VERSION;
    B.scan_params.size = sizeof(B.scan_params);
    return 0;
}

int hal_ble_gap_get_scan_parameters(hal_ble_scan_params_t *scan_params, void *reserved)
{
    (void)reserved;
    int rc = vdev_ble_check();
    if (rc)
        return rc;
    if (!scan_params)
        return SYSTEM_ERROR_INVALID_ARGUMENT;
    *scan_params = B.scan_params;
    return 0;
}

static bool scan_wake;

void vdev_ble_hal_on_report(const struct vdev_ble_report *r)
{
    if (!B.ready || !B.scanning || B.scan_stop)
        return;
    if (B.scanq_len == B.scanq_cap) {
        size_t cap = B.scanq_cap ? 2 * B.scanq_cap : 16;
        if (cap > 4096)
            return; /* the scanner is not keeping up: drop, as a controller would */
        struct vdev_ble_report *q = realloc(B.scanq, cap * sizeof(*q));
        if (!q)
            return;
        B.scanq = q;
        B.scanq_cap = cap;
    }
    B.scanq[B.scanq_len++] = *r;
    vdev_sched_lock();
    scan_wake = true;
    vdev_sched_wake(&scan_wake, -1);
    vdev_sched_unlock();
}

int hal_ble_gap_start_scan(hal_ble_on_scan_result_cb_t callback, void *context, void *reserved)
{
    (void)reserved;
    int rc = vdev_ble_check();
    if (rc)
        return rc;
    if (B.scanning)
        return SYSTEM_ERROR_INVALID_STATE;
    struct vdev_ble_scan s = { .active = B.scan_params.active != 0,
                               .interval_us = (uint32_t)B.scan_params.interval * 625u,
                               .window_us = (uint32_t)B.scan_params.window * 625u,
                               .addr_type = (uint8_t)B.addr.addr_type };
    memcpy(s.addr, B.addr.addr, 6);
    uint64_t deadline = B.scan_params.timeout ? vdev_clock_now() + (uint64_t)B.scan_params.timeout * 10000u : VDEV_FOREVER;
    B.scanning = true;
    B.scan_stop = false;
    B.scanq_len = 0;
    vdev_ble_bridge_scan_start(&s);
    while (!B.scan_stop) {
        if (B.scanq_len) {
            struct vdev_ble_report r = B.scanq[0];
            memmove(B.scanq, B.scanq + 1, (B.scanq_len - 1) * sizeof(*B.scanq));
            B.scanq_len--;
            hal_ble_scan_result_evt_t e;
            memset(&e, 0, sizeof(e));
            e.rssi = r.rssi;
            e.type.connectable = r.adv_type <= BLE_ADV_CONNECTABLE_DIRECTED_EVT;
            e.type.scannable = r.adv_type == BLE_ADV_CONNECTABLE_SCANNABLE_UNDIRECRED_EVT ||
                               r.adv_type == BLE_ADV_SCANABLE_UNDIRECTED_EVT || r.adv_type == BLE_ADV_SCANABLE_DIRECTED_EVT;
            e.type.directed = r.adv_type == BLE_ADV_CONNECTABLE_DIRECTED_EVT ||
                              r.adv_type == BLE_ADV_NON_CONNECTABLE_NON_SCANABLE_DIRECTED_EVT ||
                              r.adv_type == BLE_ADV_SCANABLE_DIRECTED_EVT;
            e.type.scan_response = r.has_sr;
            e.adv_data = r.data;
            e.adv_data_len = r.data_len;
            e.sr_data = r.sr;
            e.sr_data_len = r.sr_len;
            memcpy(e.peer_addr.addr, r.addr, 6);
            e.peer_addr.addr_type = (ble_sig_addr_type_t)r.addr_type;
            if (callback)
                callback(&e, context);
            continue;
        }
        vdev_sched_lock();
        scan_wake = false;
        enum vdev_wake w = VDEV_WAKE_SIGNAL;
        if (!B.scanq_len && !B.scan_stop)
            w = vdev_sched_wait(&scan_wake, deadline);
        vdev_sched_unlock();
        if (w == VDEV_WAKE_TIMEOUT && !B.scanq_len)
            break;
    }
    B.scanning = false;
    B.scan_stop = false;
    B.scanq_len = 0;
    vdev_ble_bridge_scan_stop();
    return 0;
}

bool hal_ble_gap_is_scanning(void *reserved)
{
    (void)reserved;
    return vdev_ble_check() == 0 && B.scanning;
}

int hal_ble_gap_stop_scan(void *reserved)
{
    (void)reserved;
    int rc = vdev_ble_check();
    if (rc)
        return rc;
    if (B.scanning) {
        B.scan_stop = true;
        vdev_sched_lock();
        scan_wake = true;
        vdev_sched_wake(&scan_wake, -1);
        vdev_sched_unlock();
    }
    return 0;
}
