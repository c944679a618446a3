/* hal-posix/src/ble_hal.c - the BLE HAL's stack and GAP: on/off, the
 * "ble" thread that runs app callbacks, address, name, tx power, antenna,
 * PPCP. Advertising and scanning are in ble_hal_gap.c, connections in
 * ble_hal_link.c, GATT in ble_hal_gatt.c. The radio below is
 * ble-bridge/ (loopback air or BlueZ). Photon has no BLE: NOT_SUPPORTED. */
#include "ble_hal_priv.h"

#include "../../sim/platform.h"
#include "../../sim/sched.h"
#include "deviceid_hal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct ble_hal vdev_ble;
#define B vdev_ble

struct ble_work {
    struct ble_work *next;
    enum ble_work_kind kind;
    hal_ble_on_link_evt_cb_t link_cb;
    void *link_ctx;
    hal_ble_on_char_evt_cb_t char_cb;
    void *char_ctx;
    hal_ble_link_evt_t link;
    hal_ble_conn_info_t info;
    hal_ble_conn_params_t params;
    hal_ble_char_evt_t chr;
    size_t len;
    uint8_t data[];
};

static const int8_t tx_levels[] = { -20, -16, -12, -8, -4, 0, 4, 8 };

/* ---- waiting ---- */

bool vdev_ble_wait(const bool *flag, uint64_t deadline)
{
    vdev_sched_lock();
    while (!*flag) {
        if (vdev_sched_wait(flag, deadline) == VDEV_WAKE_TIMEOUT && !*flag) {
            vdev_sched_unlock();
            return false;
        }
    }
    vdev_sched_unlock();
    return true;
}

void vdev_ble_wake(const void *obj)
{
    vdev_sched_lock();
    vdev_sched_wake(obj, -1);
    vdev_sched_unlock();
}

/* ---- the "ble" thread: app callbacks, advertising timeout ---- */

static bool work_ready;

static void push_work(struct ble_work *w)
{
    w->next = NULL;
    if (B.work_tail)
        B.work_tail->next = w;
    else
        B.work_head = w;
    B.work_tail = w;
    vdev_sched_lock();
    work_ready = true;
    vdev_sched_wake(&work_ready, -1);
    vdev_sched_unlock();
}

void vdev_ble_queue_link(struct ble_link *l, hal_ble_evts_type_t type, uint8_t reason)
{
    struct ble_work *w = calloc(1, sizeof(*w));
    if (!w)
        return;
    w->kind = BLE_WORK_LINK;
    w->link_cb = l->cb;
    w->link_ctx = l->ctx;
    w->link.type = type;
    w->link.conn_handle = l->conn;
    w->info.version = BLE_API_VERSION;
    w->info.size = sizeof(w->info);
    w->info.role = l->central ? BLE_ROLE_CENTRAL : BLE_ROLE_PERIPHERAL;
    w->info.address = l->peer;
    w->info.att_mtu = l->mtu;
    w->info.conn_params = l->params;
    w->info.conn_handle = l->conn;
    w->params = l->params;
    if (type == BLE_EVT_CONNECTED)
        w->link.params.connected.info = NULL; /* set to &w->info when run */
    else if (type == BLE_EVT_DISCONNECTED)
        w->link.params.disconnected.reason = reason;
    else if (type == BLE_EVT_ATT_MTU_UPDATED)
        w->link.params.att_mtu_updated.att_mtu_size = l->mtu;
    push_work(w);
}

void vdev_ble_queue_char(hal_ble_on_char_evt_cb_t cb, void *ctx, hal_ble_evts_type_t type, uint16_t conn,
                         uint16_t handle, const uint8_t *data, size_t len, uint16_t cccd)
{
    if (!cb)
        return;
    struct ble_work *w = calloc(1, sizeof(*w) + len + 1);
    if (!w)
        return;
    w->kind = BLE_WORK_CHAR;
    w->char_cb = cb;
    w->char_ctx = ctx;
    w->chr.type = type;
    w->chr.conn_handle = conn;
    w->chr.attr_handle = handle;
    if (len)
        memcpy(w->data, data, len);
    w->len = len;
    if (type == BLE_EVT_CHAR_CCCD_UPDATED)
        w->chr.params.cccd_config.value = (ble_sig_cccd_value_t)cccd;
    push_work(w);
}

void vdev_ble_notify_adv_stopped(void)
{
    struct ble_work *w = calloc(1, sizeof(*w));
    if (!w)
        return;
    w->kind = BLE_WORK_ADV;
    push_work(w);
}

static void run_work(struct ble_work *w)
{
    if (w->kind == BLE_WORK_LINK) {
        if (w->link.type == BLE_EVT_CONNECTED)
            w->link.params.connected.info = &w->info;
        else if (w->link.type == BLE_EVT_CONN_PARAMS_UPDATED)
            w->link.params.conn_params_updated.conn_params = &w->params;
        if (w->link_cb)
            w->link_cb(&w->link, w->link_ctx);
        if (B.link_cb)
            B.link_cb(&w->link, B.link_ctx);
    } else if (w->kind == BLE_WORK_CHAR) {
        if (w->chr.type == BLE_EVT_DATA_WRITTEN) {
            w->chr.params.data_written.data = w->data;
            w->chr.params.data_written.len = w->len;
        } else if (w->chr.type == BLE_EVT_DATA_NOTIFIED) {
            w->chr.params.data_notified.data = w->data;
            w->chr.params.data_notified.len = w->len;
        }
        w->char_cb(&w->chr, w->char_ctx);
    } else if (w->kind == BLE_WORK_ADV && B.adv_cb) {
        hal_ble_adv_evt_t e = { .type = BLE_EVT_ADV_STOPPED };
        B.adv_cb(&e, B.adv_ctx);
    }
}

void vdev_ble_kick_thread(void) { vdev_ble_wake(&work_ready); }

static void ble_thread(void *arg)
{
    (void)arg;
    for (;;) {
        vdev_sched_lock();
        while (!work_ready) {
            uint64_t deadline = B.advertising ? B.adv_deadline : VDEV_FOREVER;
            if (vdev_sched_wait(&work_ready, deadline) == VDEV_WAKE_TIMEOUT && !work_ready)
                break;
        }
        work_ready = false;
        vdev_sched_unlock();
        if (B.advertising && B.adv_deadline != VDEV_FOREVER && vdev_clock_now() >= B.adv_deadline) {
            hal_ble_gap_stop_advertising(NULL);
            vdev_ble_notify_adv_stopped();
        }
        while (B.work_head) {
            struct ble_work *w = B.work_head;
            B.work_head = w->next;
            if (!B.work_head)
                B.work_tail = NULL;
            run_work(w);
            free(w);
        }
    }
}

/* ---- state ---- */

static void default_name(char *out)
{
    uint8_t id[12];
    HAL_device_ID(id, sizeof(id));
    const char *p = vdev_platform_current()->name;
    snprintf(out, BLE_MAX_DEV_NAME_LEN + 1, "%c%s-%02X%02X%02X", p[0] - 32, p + 1, id[9], id[10], id[11]);
}

void vdev_ble_default_adv_params(hal_ble_adv_params_t *p)
{
    memset(p, 0, sizeof(*p));
    p->version = BLE_API_VERSION;
    p->size = sizeof(*p);
    p->interval = BLE_DEFAULT_ADVERTISING_INTERVAL;
    p->timeout = BLE_DEFAULT_ADVERTISING_TIMEOUT;
    p->type = BLE_ADV_CONNECTABLE_SCANNABLE_UNDIRECRED_EVT;
    p->filter_policy = BLE_ADV_FP_ANY;
}

void vdev_ble_default_scan_params(hal_ble_scan_params_t *p)
{
    memset(p, 0, sizeof(*p));
    p->version = BLE_API_VERSION;
    p->size = sizeof(*p);
    p->interval = BLE_DEFAULT_SCANNING_INTERVAL;
    p->window = BLE_DEFAULT_SCANNING_WINDOW;
    p->timeout = BLE_DEFAULT_SCANNING_TIMEOUT;
    p->active = 1;
    p->filter_policy = BLE_SCAN_FP_ACCEPT_ALL;
}

static void default_ppcp(hal_ble_conn_params_t *p)
{
    memset(p, 0, sizeof(*p));
    p->version = BLE_API_VERSION;
    p->size = sizeof(*p);
    p->min_conn_interval = BLE_DEFAULT_MIN_CONN_INTERVAL;
    p->max_conn_interval = BLE_DEFAULT_MAX_CONN_INTERVAL;
    p->slave_latency = BLE_DEFAULT_SLAVE_LATENCY;
    p->conn_sup_timeout = BLE_DEFAULT_CONN_SUP_TIMEOUT;
}

/* Settings back to their boot values (first use, and BLE.on after off). */
static void reset_settings(void)
{
    uint8_t id[12];
    HAL_device_ID(id, sizeof(id));
    for (int i = 0; i < 6; i++)
        B.default_addr.addr[i] = (uint8_t)(id[11 - i] ^ id[5 - i] ^ (0x5A + i));
    B.default_addr.addr[5] |= 0xC0; /* random static: the two top bits set */
    B.default_addr.addr_type = BLE_SIG_ADDR_TYPE_RANDOM_STATIC;
    B.addr = B.default_addr;
    default_name(B.name);
    B.tx_power = BLE_DEFAULT_TX_POWER;
    B.antenna = BLE_ANT_DEFAULT;
    default_ppcp(&B.ppcp);
    vdev_ble_default_adv_params(&B.adv_params);
    vdev_ble_default_scan_params(&B.scan_params);
    /* flags: LE general discoverable, BR/EDR not supported */
    B.adv[0] = 2;
    B.adv[1] = BLE_SIG_AD_TYPE_FLAGS;
    B.adv[2] = BLE_SIG_ADV_FLAGS_LE_ONLY_GENERAL_DISC_MODE;
    B.adv_len = 3;
    B.sr_len = 0;
    B.desired_mtu = BLE_MAX_ATT_MTU_SIZE;
}

static bool has_ble(void) { return vdev_platform_current()->ble; }

/* First use: state, the GATT table, the "ble" thread. The radio stack is on. */
static void ensure_ready(void)
{
    if (B.ready)
        return;
    B.ready = true;
    B.connect_conn = -1;
    reset_settings();
    vdev_ble_gatt_init();
    vdev_sched_thread_create("ble", 8, ble_thread, NULL, (vdev_thread_t **)&B.thread);
    B.on = true;
}

int vdev_ble_check(void)
{
    if (!has_ble())
        return SYSTEM_ERROR_NOT_SUPPORTED;
    ensure_ready();
    return B.on ? 0 : SYSTEM_ERROR_INVALID_STATE;
}

/* ---- stack ---- */

int hal_ble_lock(void *reserved) { (void)reserved; return 0; }
int hal_ble_unlock(void *reserved) { (void)reserved; return 0; }

int hal_ble_stack_init(void *reserved)
{
    (void)reserved;
    if (!has_ble())
        return SYSTEM_ERROR_NOT_SUPPORTED;
    ensure_ready();
    if (!B.on) {
        reset_settings();
        vdev_ble_gatt_init();
        B.on = true;
    }
    return 0;
}

int hal_ble_stack_deinit(void *reserved)
{
    (void)reserved;
    if (!has_ble())
        return SYSTEM_ERROR_NOT_SUPPORTED;
    ensure_ready();
    if (!B.on)
        return 0;
    if (B.scanning)
        hal_ble_gap_stop_scan(NULL);
    if (B.connecting)
        hal_ble_gap_connect_cancel(NULL, NULL);
    hal_ble_gap_stop_advertising(NULL);
    B.adv_resume = false;
    vdev_ble_links_drop_all(BLE_HCI_LOCAL_HOST_TERMINATED_CONNECTION);
    vdev_ble_gatt_reset();
    B.on = false;
    return 0;
}

bool hal_ble_is_initialized(void *reserved)
{
    (void)reserved;
    return has_ble() && B.ready && B.on;
}

int hal_ble_select_antenna(hal_ble_ant_type_t antenna, void *reserved)
{
    (void)reserved;
    int rc = vdev_ble_check();
    if (rc)
        return rc;
    if (antenna > BLE_ANT_EXTERNAL)
        return SYSTEM_ERROR_INVALID_ARGUMENT;
    B.antenna = antenna;
    return 0;
}

int hal_ble_set_callback_on_adv_events(hal_ble_on_adv_evt_cb_t callback, void *context, void *reserved)
{
    (void)reserved;
    int rc = vdev_ble_check();
    if (rc)
        return rc;
    B.adv_cb = callback;
    B.adv_ctx = context;
    return 0;
}

int hal_ble_set_callback_on_link_events(hal_ble_on_link_evt_cb_t callback, void *context, void *reserved)
{
    (void)reserved;
    int rc = vdev_ble_check();
    if (rc)
        return rc;
    B.link_cb = callback;
    B.link_ctx = context;
    return 0;
}

/* ---- local GAP settings ---- */

int hal_ble_gap_set_device_address(const hal_ble_addr_t *address, void *reserved)
{
    (void)reserved;
    int rc = vdev_ble_check();
    if (rc)
        return rc;
    if (!address) {
        B.addr = B.default_addr;
        return 0;
    }
    if (address->addr_type != BLE_SIG_ADDR_TYPE_PUBLIC && address->addr_type != BLE_SIG_ADDR_TYPE_RANDOM_STATIC)
        return SYSTEM_ERROR_INVALID_ARGUMENT;
    if (address->addr_type == BLE_SIG_ADDR_TYPE_RANDOM_STATIC && (address->addr[5] & 0xC0) != 0xC0)
        return SYSTEM_ERROR_INVALID_ARGUMENT;
    if (B.advertising || B.scanning || B.connecting)
        return SYSTEM_ERROR_INVALID_STATE;
    B.addr = *address;
    return 0;
}

int hal_ble_gap_get_device_address(hal_ble_addr_t *address, void *reserved)
{
    (void)reserved;
    int rc = vdev_ble_check();
    if (rc)
        return rc;
    if (!address)
        return SYSTEM_ERROR_INVALID_ARGUMENT;
    *address = B.addr;
    return 0;
}

int hal_ble_gap_set_device_name(const char *device_name, size_t len, void *reserved)
{
    (void)reserved;
    int rc = vdev_ble_check();
    if (rc)
        return rc;
    if (!device_name) {
        default_name(B.name);
        return 0;
    }
    size_t n = strnlen(device_name, len);
    if (n > BLE_MAX_DEV_NAME_LEN)
        n = BLE_MAX_DEV_NAME_LEN;
    memcpy(B.name, device_name, n);
    B.name[n] = 0;
    return 0;
}

int hal_ble_gap_get_device_name(char *device_name, size_t len, void *reserved)
{
    (void)reserved;
    int rc = vdev_ble_check();
    if (rc)
        return rc;
    if (!device_name || !len)
        return SYSTEM_ERROR_INVALID_ARGUMENT;
    size_t n = strlen(B.name);
    if (n > len - 1)
        n = len - 1;
    memcpy(device_name, B.name, n);
    device_name[n] = 0;
    return (int)n;
}

int hal_ble_gap_set_appearance(uint16_t appearance, void *reserved)
{
    (void)reserved;
    int rc = vdev_ble_check();
    if (!rc)
        B.appearance = appearance;
    return rc;
}

int hal_ble_gap_get_appearance(uint16_t *appearance, void *reserved)
{
    (void)reserved;
    int rc = vdev_ble_check();
    if (rc)
        return rc;
    if (!appearance)
        return SYSTEM_ERROR_INVALID_ARGUMENT;
    *appearance = B.appearance;
    return 0;
}

bool vdev_ble_conn_params_valid(const hal_ble_conn_params_t *p)
{
    return p->min_conn_interval >= BLE_CONN_INTERVAL_MIN && p->max_conn_interval <= BLE_CONN_INTERVAL_MAX &&
           p->min_conn_interval <= p->max_conn_interval && p->slave_latency <= 499 &&
           p->conn_sup_timeout >= BLE_CONN_SUP_TIMEOUT_MIN && p->conn_sup_timeout <= BLE_CONN_SUP_TIMEOUT_MAX &&
           /* the supervision timeout must outlast the latency (Core spec) */
           (uint32_t)p->conn_sup_timeout * 4u > (1u + p->slave_latency) * p->max_conn_interval;
}

int hal_ble_gap_set_ppcp(const hal_ble_conn_params_t *ppcp, void *reserved)
{
    (void)reserved;
    int rc = vdev_ble_check();
    if (rc)
        return rc;
    if (!ppcp || !vdev_ble_conn_params_valid(ppcp))
        return SYSTEM_ERROR_INVALID_ARGUMENT;
    B.ppcp = *ppcp;
    return 0;
}

int hal_ble_gap_get_ppcp(hal_ble_conn_params_t *ppcp, void *reserved)
{
    (void)reserved;
    int rc = vdev_ble_check();
    if (rc)
        return rc;
    if (!ppcp)
        return SYSTEM_ERROR_INVALID_ARGUMENT;
    *ppcp = B.ppcp;
    return 0;
}

int hal_ble_gap_set_tx_power(int8_t tx_power, void *reserved)
{
    (void)reserved;
    int rc = vdev_ble_check();
    if (rc)
        return rc;
    int8_t level = tx_levels[sizeof(tx_levels) - 1];
    for (size_t i = 0; i < sizeof(tx_levels); i++)
        if (tx_power <= tx_levels[i]) {
            level = tx_levels[i];
            break;
        }
    B.tx_power = level;
    if (B.advertising)
        vdev_ble_adv_resume();
    return 0;
}

int hal_ble_gap_get_tx_power(int8_t *tx_power, void *reserved)
{
    (void)reserved;
    int rc = vdev_ble_check();
    if (rc)
        return rc;
    if (!tx_power)
        return SYSTEM_ERROR_INVALID_ARGUMENT;
    *tx_power = B.tx_power;
    return 0;
}
