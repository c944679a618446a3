// vdev wiring: the state behind the BLE handles (characteristics, services,
// peers) and the local device's shared state; used by wiring_ble_gatt.cpp
// and wiring_ble_local.cpp only.
#ifndef WIRING_BLE_IMPL_H
#define WIRING_BLE_IMPL_H

#include "concurrent_hal.h"
#include "spark_wiring_ble.h"

namespace particle {

class BleCharacteristicImpl {
public:
    int refs = 0;
    String description;
    BleCharacteristicProperty properties = BleCharacteristicProperty::NONE;
    BleUuid charUuid;
    BleUuid svcUuid;
    bool isLocal = true;   // false once discovered on a peer
    bool valid = false;    // added to the GATT server, or discovered on a connected peer
    hal_ble_conn_handle_t connHandle = BLE_INVALID_CONN_HANDLE; // peer characteristics
    hal_ble_char_handles_t handles = {};
    BleOnDataReceivedCallback callback = nullptr;
    void* context = nullptr;
};

class BleServiceImpl {
public:
    int refs = 0;
    BleUuid uuid;
    hal_ble_attr_handle_t startHandle = BLE_INVALID_ATTR_HANDLE;
    hal_ble_attr_handle_t endHandle = BLE_INVALID_ATTR_HANDLE;
};

class BlePeerDeviceImpl {
public:
    int refs = 0;
    BleAddress address;
    hal_ble_conn_handle_t connHandle = BLE_INVALID_CONN_HANDLE;
    hal_ble_role_t role = BLE_ROLE_INVALID; // this device's role on the link
    bool servicesDiscovered = false;
    bool characteristicsDiscovered = false;
    Vector<BleService> services;
    Vector<BleCharacteristic> characteristics;
};

namespace ble_detail {

// The local device: its GATT server, the open links and the app callbacks.
struct LocalState {
    os_mutex_recursive_t mutex = nullptr;
    Vector<BleService> services;
    Vector<BleCharacteristic> characteristics;
    Vector<BlePeerDevice> peers;
    BleOnConnectedCallback connectedCb = nullptr;
    void* connectedCtx = nullptr;
    BleOnDisconnectedCallback disconnectedCb = nullptr;
    void* disconnectedCtx = nullptr;
    uint16_t defaultCharCount = 0; // default characteristic UUIDs handed out
};

LocalState& state();

// The wiring BLE lock (recursive). Never held across a blocking HAL call.
class Lock {
public:
    Lock() { os_mutex_recursive_lock(state().mutex); }
    ~Lock() { os_mutex_recursive_unlock(state().mutex); }
    Lock(const Lock&) = delete;
    Lock& operator=(const Lock&) = delete;
};

// The peer of an open link (a fresh, unconnected handle when unknown).
BlePeerDevice findPeer(hal_ble_conn_handle_t connHandle);
// Connects `peer` (its address set) and adds it to the open links.
int connectPeer(const BlePeerDevice& peer, const BleConnectionParams* params, bool automatic);
// Marks `peer` disconnected, drops it from the open links and tells the app
// (once: whoever drops it first).
void dropPeer(const BlePeerDevice& peer);

// HAL callbacks of characteristics: data written to a local one (context:
// its impl), notifications and indications of peer ones.
void onLocalCharEvent(const hal_ble_char_evt_t* event, void* context);
void onPeerCharEvent(const hal_ble_char_evt_t* event, void* context);

// The CCCD value for a peer characteristic's properties (1.4.0 fix #1901:
// both notifications and indications when both are offered).
ble_sig_cccd_value_t cccdValueFor(BleCharacteristicProperty properties);

} // namespace ble_detail

} // namespace particle

#endif // WIRING_BLE_IMPL_H
