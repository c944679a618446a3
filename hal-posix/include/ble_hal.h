/* hal-posix/include/ble_hal.h - the BLE HAL (Device OS names, C ABI): stack,
 * GAP (address, name, advertising, scanning, connections), GATT server and
 * GATT client. The wiring BLE API calls only these. Implemented in
 * hal-posix/src/ble_hal*.c on top of ble-bridge/ (loopback air or BlueZ).
 *
 * Conventions: functions return 0 (or a length) on success and a negative
 * SYSTEM_ERROR_* code on failure; SYSTEM_ERROR_NOT_SUPPORTED on platforms
 * without BLE (Photon). Blocking calls (scan, connect, discovery, writes with
 * response, reads, indications) wait in device time. Callbacks run on the
 * "ble" firmware thread, except scan results, which run in the thread that
 * called hal_ble_gap_start_scan(). */
#ifndef VDEV_BLE_HAL_H
#define VDEV_BLE_HAL_H

#include "ble_hal_defines.h"
#include "hal_platform.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define BLE_API_VERSION 1

typedef enum hal_ble_ant_type_t {
    BLE_ANT_DEFAULT = 0,
    BLE_ANT_INTERNAL = 1,
    BLE_ANT_EXTERNAL = 2
} hal_ble_ant_type_t;

typedef enum hal_ble_role_t {
    BLE_ROLE_INVALID = 0,
    BLE_ROLE_PERIPHERAL = 1,
    BLE_ROLE_CENTRAL = 2
} hal_ble_role_t;

typedef enum hal_ble_adv_evt_type_t {
    BLE_ADV_CONNECTABLE_SCANNABLE_UNDIRECRED_EVT = 0,
    BLE_ADV_CONNECTABLE_UNDIRECTED_EVT = 1,
    BLE_ADV_CONNECTABLE_DIRECTED_EVT = 2,
    BLE_ADV_NON_CONNECTABLE_NON_SCANABLE_UNDIRECTED_EVT = 3,
    BLE_ADV_NON_CONNECTABLE_NON_SCANABLE_DIRECTED_EVT = 4,
    BLE_ADV_SCANABLE_UNDIRECTED_EVT = 5,
    BLE_ADV_SCANABLE_DIRECTED_EVT = 6
} hal_ble_adv_evt_type_t;

typedef enum hal_ble_adv_fp_t {
    BLE_ADV_FP_ANY = 0x00,
    BLE_ADV_FP_FILTER_SCANREQ = 0x01,
    BLE_ADV_FP_FILTER_CONNREQ = 0x02,
    BLE_ADV_FP_FILTER_BOTH = 0x03
} hal_ble_adv_fp_t;

typedef enum hal_ble_scan_fp_t {
    BLE_SCAN_FP_ACCEPT_ALL = 0x00,
    BLE_SCAN_FP_WHITELIST = 0x01,
    BLE_SCAN_FP_ALL_NOT_RESOLVED_DIRECTED = 0x02,
    BLE_SCAN_FP_WHITELIST_NOT_RESOLVED_DIRECTED = 0x03
} hal_ble_scan_fp_t;

typedef enum hal_ble_service_type_t {
    BLE_SERVICE_TYPE_INVALID = 0,
    BLE_SERVICE_TYPE_PRIMARY = 1,
    BLE_SERVICE_TYPE_SECONDARY = 2
} hal_ble_service_type_t;

typedef enum hal_ble_uuid_type_t {
    BLE_UUID_TYPE_16BIT = 0,
    BLE_UUID_TYPE_128BIT = 1,
    BLE_UUID_TYPE_128BIT_SHORTED = 2
} hal_ble_uuid_type_t;

typedef enum hal_ble_evts_type_t {
    BLE_EVT_UNKNOWN = 0x00,
    BLE_EVT_ADV_STOPPED = 0x01,
    BLE_EVT_SCAN_RESULT = 0x02,
    BLE_EVT_CONNECTED = 0x03,
    BLE_EVT_DISCONNECTED = 0x04,
    BLE_EVT_CONN_PARAMS_UPDATED = 0x05,
    BLE_EVT_ATT_MTU_UPDATED = 0x06,
    BLE_EVT_SVC_DISCOVERED = 0x07,
    BLE_EVT_CHAR_DISCOVERED = 0x08,
    BLE_EVT_DATA_WRITTEN = 0x09,
    BLE_EVT_DATA_NOTIFIED = 0x0A,
    BLE_EVT_CHAR_CCCD_UPDATED = 0x0B
} hal_ble_evts_type_t;

/* Device address: addr[0] is the least significant byte (on-air order). */
typedef struct hal_ble_addr_t {
    uint8_t addr[BLE_SIG_ADDR_LEN];
    ble_sig_addr_type_t addr_type;
} hal_ble_addr_t;

/* UUID, little endian (uuid128[0] is the least significant byte). */
typedef struct hal_ble_uuid_t {
    union {
        uint16_t uuid16;
        uint8_t uuid128[BLE_SIG_UUID_128BIT_LEN];
    };
    hal_ble_uuid_type_t type;
} hal_ble_uuid_t;

typedef struct hal_ble_adv_params_t {
    uint16_t version;
    uint16_t size;
    uint16_t interval;          /* 625 us units */
    uint16_t timeout;           /* 10 ms units, 0 = none */
    hal_ble_adv_evt_type_t type;
    hal_ble_adv_fp_t filter_policy;
    uint8_t inc_tx_power;
    uint8_t reserved;
} hal_ble_adv_params_t;

typedef struct hal_ble_scan_params_t {
    uint16_t version;
    uint16_t size;
    uint16_t interval;          /* 625 us units */
    uint16_t window;            /* 625 us units */
    uint16_t timeout;           /* 10 ms units, 0 = until stopped */
    uint8_t active;
    hal_ble_scan_fp_t filter_policy;
} hal_ble_scan_params_t;

typedef struct hal_ble_conn_params_t {
    uint16_t version;
    uint16_t size;
    uint16_t min_conn_interval; /* 1.25 ms units */
    uint16_t max_conn_interval; /* 1.25 ms units */
    uint16_t slave_latency;     /* connection events */
    uint16_t conn_sup_timeout;  /* 10 ms units */
} hal_ble_conn_params_t;

typedef struct hal_ble_svc_t {
    uint16_t version;
    uint16_t size;
    hal_ble_uuid_t uuid;
    hal_ble_attr_handle_t start_handle;
    hal_ble_attr_handle_t end_handle;
} hal_ble_svc_t;

typedef struct hal_ble_char_handles_t {
    uint16_t version;
    uint16_t size;
    hal_ble_attr_handle_t decl_handle;
    hal_ble_attr_handle_t value_handle;
    hal_ble_attr_handle_t user_desc_handle;
    hal_ble_attr_handle_t cccd_handle;
    hal_ble_attr_handle_t sccd_handle;
} hal_ble_char_handles_t;

/* A discovered peer characteristic. */
typedef struct hal_ble_char_t {
    uint16_t version;
    uint16_t size;
    hal_ble_uuid_t uuid;
    uint8_t properties;
    hal_ble_char_handles_t charHandles;
} hal_ble_char_t;

typedef struct hal_ble_conn_info_t {
    uint16_t version;
    uint16_t size;
    hal_ble_role_t role;
    hal_ble_addr_t address;     /* the peer */
    size_t att_mtu;
    hal_ble_conn_params_t conn_params;
    hal_ble_conn_handle_t conn_handle;
} hal_ble_conn_info_t;

typedef struct hal_ble_adv_evt_t {
    hal_ble_evts_type_t type;   /* BLE_EVT_ADV_STOPPED */
} hal_ble_adv_evt_t;

typedef struct hal_ble_scan_result_evt_t {
    int8_t rssi;
    struct {
        uint16_t connectable : 1;
        uint16_t scannable : 1;
        uint16_t directed : 1;
        uint16_t scan_response : 1;
    } type;
    uint8_t *adv_data;
    uint8_t *sr_data;
    uint16_t adv_data_len;
    uint16_t sr_data_len;
    hal_ble_addr_t peer_addr;
} hal_ble_scan_result_evt_t;

typedef struct hal_ble_link_evt_t {
    hal_ble_evts_type_t type;   /* CONNECTED, DISCONNECTED, CONN_PARAMS_UPDATED, ATT_MTU_UPDATED */
    hal_ble_conn_handle_t conn_handle;
    union {
        struct { const hal_ble_conn_info_t *info; } connected;
        struct { uint8_t reason; } disconnected;
        struct { const hal_ble_conn_params_t *conn_params; } conn_params_updated;
        struct { size_t att_mtu_size; } att_mtu_updated;
    } params;
} hal_ble_link_evt_t;

typedef struct hal_ble_svc_discovered_evt_t {
    size_t count;
    const hal_ble_svc_t *services;
    hal_ble_conn_handle_t conn_handle;
} hal_ble_svc_discovered_evt_t;

typedef struct hal_ble_char_discovered_evt_t {
    size_t count;
    const hal_ble_char_t *characteristics;
    hal_ble_conn_handle_t conn_handle;
} hal_ble_char_discovered_evt_t;

typedef struct hal_ble_char_evt_t {
    hal_ble_evts_type_t type;   /* DATA_WRITTEN (local), DATA_NOTIFIED (peer), CHAR_CCCD_UPDATED (local) */
    hal_ble_conn_handle_t conn_handle;
    hal_ble_attr_handle_t attr_handle;
    union {
        struct { size_t offset; size_t len; const uint8_t *data; } data_written;
        struct { size_t offset; size_t len; const uint8_t *data; } data_notified;
        struct { ble_sig_cccd_value_t value; } cccd_config;
    } params;
} hal_ble_char_evt_t;

typedef void (*hal_ble_on_adv_evt_cb_t)(const hal_ble_adv_evt_t *event, void *context);
typedef void (*hal_ble_on_link_evt_cb_t)(const hal_ble_link_evt_t *event, void *context);
typedef void (*hal_ble_on_scan_result_cb_t)(const hal_ble_scan_result_evt_t *result, void *context);
typedef void (*hal_ble_on_disc_service_cb_t)(const hal_ble_svc_discovered_evt_t *event, void *context);
typedef void (*hal_ble_on_disc_char_cb_t)(const hal_ble_char_discovered_evt_t *event, void *context);
typedef void (*hal_ble_on_char_evt_cb_t)(const hal_ble_char_evt_t *event, void *context);

typedef struct hal_ble_conn_cfg_t {
    uint16_t version;
    uint16_t size;
    hal_ble_addr_t address;
    const hal_ble_conn_params_t *conn_params; /* NULL: the PPCP */
    hal_ble_on_link_evt_cb_t callback;        /* NULL: the global link callback only */
    void *context;
} hal_ble_conn_cfg_t;

typedef struct hal_ble_char_init_t {
    uint16_t version;
    uint16_t size;
    uint8_t properties;
    const char *description;    /* user description descriptor (0x2901), or NULL */
    hal_ble_uuid_t uuid;
    hal_ble_attr_handle_t service_handle;
    hal_ble_on_char_evt_cb_t callback;
    void *context;
} hal_ble_char_init_t;

typedef struct hal_ble_desc_init_t {
    uint16_t version;
    uint16_t size;
    const uint8_t *descriptor;
    size_t len;
    hal_ble_uuid_t uuid;
    hal_ble_attr_handle_t char_handle; /* the characteristic's value handle */
} hal_ble_desc_init_t;

typedef struct hal_ble_cccd_config_t {
    uint16_t version;
    uint16_t size;
    hal_ble_on_char_evt_cb_t callback; /* receives BLE_EVT_DATA_NOTIFIED */
    void *context;
    hal_ble_conn_handle_t conn_handle;
    hal_ble_attr_handle_t cccd_handle;
    hal_ble_attr_handle_t value_handle;
    ble_sig_cccd_value_t cccd_value;
} hal_ble_cccd_config_t;

/* ---- stack ---- */
int hal_ble_lock(void *reserved);
int hal_ble_unlock(void *reserved);
int hal_ble_stack_init(void *reserved);            /* idempotent; 0 */
int hal_ble_stack_deinit(void *reserved);          /* disconnect all, stop adv/scan, forget peers; 0 */
bool hal_ble_is_initialized(void *reserved);
int hal_ble_select_antenna(hal_ble_ant_type_t antenna, void *reserved);
int hal_ble_set_callback_on_adv_events(hal_ble_on_adv_evt_cb_t callback, void *context, void *reserved);
/* Link events of every connection, both roles (after any per-connect callback). */
int hal_ble_set_callback_on_link_events(hal_ble_on_link_evt_cb_t callback, void *context, void *reserved);

/* ---- GAP ---- */
int hal_ble_gap_set_device_address(const hal_ble_addr_t *address, void *reserved); /* NULL: default */
int hal_ble_gap_get_device_address(hal_ble_addr_t *address, void *reserved);
int hal_ble_gap_set_device_name(const char *device_name, size_t len, void *reserved); /* NULL: default */
/* Copies up to len-1 bytes plus a NUL; returns the name length copied. */
int hal_ble_gap_get_device_name(char *device_name, size_t len, void *reserved);
int hal_ble_gap_set_appearance(uint16_t appearance, void *reserved);
int hal_ble_gap_get_appearance(uint16_t *appearance, void *reserved);
int hal_ble_gap_set_ppcp(const hal_ble_conn_params_t *ppcp, void *reserved);
int hal_ble_gap_get_ppcp(hal_ble_conn_params_t *ppcp, void *reserved);
/* Snaps up to the next supported level (-20,-16,-12,-8,-4,0,4,8). */
int hal_ble_gap_set_tx_power(int8_t tx_power, void *reserved);
int hal_ble_gap_get_tx_power(int8_t *tx_power, void *reserved);

int hal_ble_gap_set_advertising_parameters(const hal_ble_adv_params_t *adv_params, void *reserved); /* NULL: defaults */
int hal_ble_gap_get_advertising_parameters(hal_ble_adv_params_t *adv_params, void *reserved);
int hal_ble_gap_set_advertising_data(const uint8_t *buf, size_t len, void *reserved);
int hal_ble_gap_get_advertising_data(uint8_t *buf, size_t len, void *reserved);  /* returns length */
int hal_ble_gap_set_scan_response_data(const uint8_t *buf, size_t len, void *reserved);
int hal_ble_gap_get_scan_response_data(uint8_t *buf, size_t len, void *reserved); /* returns length */
int hal_ble_gap_start_advertising(void *reserved);
int hal_ble_gap_stop_advertising(void *reserved);
bool hal_ble_gap_is_advertising(void *reserved);

int hal_ble_gap_set_scan_parameters(const hal_ble_scan_params_t *scan_params, void *reserved); /* NULL: defaults */
int hal_ble_gap_get_scan_parameters(hal_ble_scan_params_t *scan_params, void *reserved);
/* Blocks until the scan timeout or hal_ble_gap_stop_scan() (also from the callback). */
int hal_ble_gap_start_scan(hal_ble_on_scan_result_cb_t callback, void *context, void *reserved);
bool hal_ble_gap_is_scanning(void *reserved);
int hal_ble_gap_stop_scan(void *reserved);

/* Blocks until connected (0, *conn_handle set) or failed/timed out (negative). */
int hal_ble_gap_connect(const hal_ble_conn_cfg_t *config, hal_ble_conn_handle_t *conn_handle, void *reserved);
bool hal_ble_gap_is_connecting(const hal_ble_addr_t *address, void *reserved);
bool hal_ble_gap_is_connected(const hal_ble_addr_t *address, void *reserved); /* NULL: any link */
int hal_ble_gap_connect_cancel(const hal_ble_addr_t *address, void *reserved);
int hal_ble_gap_disconnect(hal_ble_conn_handle_t conn_handle, void *reserved);
int hal_ble_gap_update_connection_params(hal_ble_conn_handle_t conn_handle, const hal_ble_conn_params_t *conn_params, void *reserved);
int hal_ble_gap_get_connection_info(hal_ble_conn_handle_t conn_handle, hal_ble_conn_info_t *info, void *reserved);
/* Fills up to count handles of open links; returns how many links are open. */
int hal_ble_gap_get_connections(hal_ble_conn_handle_t *handles, size_t count, void *reserved);
int hal_ble_gap_get_rssi(hal_ble_conn_handle_t conn_handle, void *reserved); /* dBm */

/* ---- GATT server ---- */
int hal_ble_gatt_server_add_service(uint8_t type, const hal_ble_uuid_t *uuid, hal_ble_attr_handle_t *handle, void *reserved);
int hal_ble_gatt_server_add_characteristic(const hal_ble_char_init_t *char_init, hal_ble_char_handles_t *char_handles, void *reserved);
int hal_ble_gatt_server_add_descriptor(const hal_ble_desc_init_t *desc_init, hal_ble_attr_handle_t *handle, void *reserved);
/* Value get/set; the notify/indicate forms also send to every subscribed peer
 * (indicate waits for each confirmation). Return the length stored. */
int hal_ble_gatt_server_set_characteristic_value(hal_ble_attr_handle_t value_handle, const uint8_t *buf, size_t len, void *reserved);
int hal_ble_gatt_server_get_characteristic_value(hal_ble_attr_handle_t value_handle, uint8_t *buf, size_t len, void *reserved);
int hal_ble_gatt_server_notify_characteristic_value(hal_ble_attr_handle_t value_handle, const uint8_t *buf, size_t len, void *reserved);
int hal_ble_gatt_server_indicate_characteristic_value(hal_ble_attr_handle_t value_handle, const uint8_t *buf, size_t len, void *reserved);

/* ---- ATT MTU ---- */
int hal_ble_gatt_set_att_mtu(size_t att_mtu, void *reserved);    /* the MTU this device asks for (23..247) */
int hal_ble_gatt_get_att_mtu(hal_ble_conn_handle_t conn_handle, size_t *att_mtu, void *reserved);

/* ---- GATT client (blocking) ---- */
int hal_ble_gatt_client_discover_all_services(hal_ble_conn_handle_t conn_handle, hal_ble_on_disc_service_cb_t callback, void *context, void *reserved);
/* Characteristics of one service with their CCCD and user-description handles. */
int hal_ble_gatt_client_discover_characteristics(hal_ble_conn_handle_t conn_handle, const hal_ble_svc_t *service, hal_ble_on_disc_char_cb_t callback, void *context, void *reserved);
bool hal_ble_gatt_client_is_discovering(hal_ble_conn_handle_t conn_handle, void *reserved);
int hal_ble_gatt_client_configure_cccd(const hal_ble_cccd_config_t *config, void *reserved);
int hal_ble_gatt_client_write_with_response(hal_ble_conn_handle_t conn_handle, hal_ble_attr_handle_t value_handle, const uint8_t *buf, size_t len, void *reserved);
int hal_ble_gatt_client_write_without_response(hal_ble_conn_handle_t conn_handle, hal_ble_attr_handle_t value_handle, const uint8_t *buf, size_t len, void *reserved);
int hal_ble_gatt_client_read(hal_ble_conn_handle_t conn_handle, hal_ble_attr_handle_t value_handle, uint8_t *buf, size_t len, void *reserved); /* returns length */

#ifdef __cplusplus
}
#endif

#endif
