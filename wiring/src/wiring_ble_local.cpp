// vdev wiring: BleLocalDevice (`BLE`) -- stack control, identity, radio,
// the GATT server, connections and link events. Advertising and scanning
// are in wiring_ble_gap.cpp.
#include "wiring_ble_impl.h"

#include <cstring>

namespace particle {

namespace {

// F5720000-13A9-49DD-AC15-F87B7427E37B: the service of local characteristics
// created without UUIDs; their own UUIDs count up in bytes 12..13 from 0001.
const uint8_t DEFAULT_SERVICE_UUID[BLE_SIG_UUID_128BIT_LEN] = {0x7B, 0xE3, 0x27, 0x74, 0x7B, 0xF8, 0x15, 0xAC,
                                                               0xDD, 0x49, 0xA9, 0x13, 0x00, 0x00, 0x72, 0xF5};

void onLinkEvent(const hal_ble_link_evt_t* event, void* /*context*/)
{
    using namespace ble_detail;
    if (event == nullptr) {
        return;
    }
    if (event->type == BLE_EVT_CONNECTED) {
        const hal_ble_conn_info_t* info = event->params.connected.info;
        // A link this device made as central belongs to connect(); a central
        // that connects to this device is announced here.
        if (info == nullptr || info->role != BLE_ROLE_PERIPHERAL) {
            return;
        }
        BlePeerDevice peer;
        peer.impl()->address = BleAddress(info->address);
        peer.impl()->connHandle = event->conn_handle;
        peer.impl()->role = BLE_ROLE_PERIPHERAL;
        BleOnConnectedCallback cb;
        void* ctx;
        {
            Lock lk;
            LocalState& s = state();
            for (const BlePeerDevice& p : s.peers) {
                if (p.impl()->connHandle == event->conn_handle) {
                    return; // already known
                }
            }
            s.peers.append(peer);
            cb = s.connectedCb;
            ctx = s.connectedCtx;
        }
        if (cb) {
            cb(peer, ctx);
        }
    } else if (event->type == BLE_EVT_DISCONNECTED) {
        BlePeerDevice peer = findPeer(event->conn_handle);
        if (peer.impl()->connHandle != BLE_INVALID_CONN_HANDLE) {
            dropPeer(peer);
        }
    }
}

int registerCallbacks()
{
    return hal_ble_set_callback_on_link_events(onLinkEvent, nullptr, nullptr);
}

int addToGattServer(BleCharacteristicImpl* c, hal_ble_attr_handle_t serviceHandle)
{
    hal_ble_char_init_t init = {};
    init.version = BLE_API_VERSION;
    init.size = sizeof(init);
    init.properties = static_cast<uint8_t>(c->properties);
    init.description = c->description.length() ? c->description.c_str() : nullptr;
    init.uuid = c->charUuid.halUUID();
    init.service_handle = serviceHandle;
    init.callback = ble_detail::onLocalCharEvent;
    init.context = c; // kept alive by the local characteristics list
    hal_ble_char_handles_t handles = {};
    handles.version = BLE_API_VERSION;
    handles.size = sizeof(handles);
    int r = hal_ble_gatt_server_add_characteristic(&init, &handles, nullptr);
    if (r == 0) {
        c->handles = handles;
    }
    return r;
}

// A stack that was turned off and on again may have forgotten the GATT
// server: the app's local characteristics are added to it again (values
// start empty).
void restoreGattServer()
{
    using namespace ble_detail;
    Lock lk;
    LocalState& s = state();
    if (s.characteristics.size() == 0) {
        return;
    }
    uint8_t probe[1];
    if (hal_ble_gatt_server_get_characteristic_value(s.characteristics[0].impl()->handles.value_handle, probe,
                                                     sizeof(probe), nullptr) >= 0) {
        return; // still there
    }
    // each service, then its characteristics (the HAL adds characteristics
    // to the service added last, as the nRF52 SoftDevice does)
    for (const BleService& svc : s.services) {
        hal_ble_uuid_t u = svc.UUID().halUUID();
        bool added = hal_ble_gatt_server_add_service(BLE_SERVICE_TYPE_PRIMARY, &u, &svc.impl()->startHandle,
                                                     nullptr) == 0;
        for (const BleCharacteristic& ch : s.characteristics) {
            BleCharacteristicImpl* c = ch.impl();
            if (c->svcUuid == svc.UUID()) {
                c->valid = added && addToGattServer(c, svc.impl()->startHandle) == 0;
            }
        }
    }
}

// Disconnects every link (or only those where this device is peripheral).
int disconnectLinks(bool onlyCentrals)
{
    using namespace ble_detail;
    Vector<BlePeerDevice> peers;
    {
        Lock lk;
        peers = state().peers;
    }
    int result = 0;
    for (const BlePeerDevice& p : peers) {
        if (onlyCentrals && p.impl()->role != BLE_ROLE_PERIPHERAL) {
            continue;
        }
        int r = p.disconnect();
        if (r != 0 && result == 0) {
            result = r;
        }
        dropPeer(p); // gone from the list even if the HAL refused
    }
    return result;
}

} // namespace

namespace ble_detail {

LocalState& state()
{
    static LocalState* s = nullptr;
    if (s == nullptr) {
        s = new LocalState;
        os_mutex_recursive_create(&s->mutex);
    }
    return *s;
}

BlePeerDevice findPeer(hal_ble_conn_handle_t connHandle)
{
    Lock lk;
    for (const BlePeerDevice& p : state().peers) {
        if (p.impl()->connHandle == connHandle) {
            return p;
        }
    }
    return BlePeerDevice();
}

void dropPeer(const BlePeerDevice& peer)
{
    BleOnDisconnectedCallback cb = nullptr;
    void* ctx = nullptr;
    {
        Lock lk;
        LocalState& s = state();
        int at = -1;
        for (int i = 0; i < s.peers.size(); i++) {
            if (s.peers[i].impl() == peer.impl()) {
                at = i;
                break;
            }
        }
        BlePeerDeviceImpl* p = peer.impl();
        p->connHandle = BLE_INVALID_CONN_HANDLE;
        for (BleCharacteristic& c : p->characteristics) {
            c.impl()->connHandle = BLE_INVALID_CONN_HANDLE;
            c.impl()->valid = false;
        }
        if (at < 0) {
            return;
        }
        // rebuilt, not removeAt(): shifting handles through operator= would
        // hand callbacks from one characteristic to another
        Vector<BlePeerDevice> rest;
        for (int i = 0; i < s.peers.size(); i++) {
            if (i != at) {
                rest.append(s.peers[i]);
            }
        }
        s.peers = rest;
        cb = s.disconnectedCb;
        ctx = s.disconnectedCtx;
    }
    if (cb) {
        cb(peer, ctx);
    }
}

int connectPeer(const BlePeerDevice& peer, const BleConnectionParams* params, bool automatic)
{
    hal_ble_conn_params_t cp;
    hal_ble_conn_cfg_t cfg = {};
    cfg.version = BLE_API_VERSION;
    cfg.size = sizeof(cfg);
    cfg.address = peer.address().halAddress();
    if (params) {
        cp = *params;
        cp.version = BLE_API_VERSION;
        cp.size = sizeof(cp);
        cfg.conn_params = &cp;
    }
    hal_ble_conn_handle_t conn = BLE_INVALID_CONN_HANDLE;
    int r = hal_ble_gap_connect(&cfg, &conn, nullptr);
    if (r != 0) {
        return r;
    }
    {
        Lock lk;
        peer.impl()->connHandle = conn;
        peer.impl()->role = BLE_ROLE_CENTRAL;
        peer.impl()->servicesDiscovered = false;
        peer.impl()->characteristicsDiscovered = false;
        peer.impl()->services = Vector<BleService>();
        peer.impl()->characteristics = Vector<BleCharacteristic>();
        state().peers.append(peer);
    }
    // a link that dropped before it was registered
    hal_ble_conn_info_t info = {};
    info.version = BLE_API_VERSION;
    info.size = sizeof(info);
    if (hal_ble_gap_get_connection_info(conn, &info, nullptr) != 0) {
        dropPeer(peer);
        return SYSTEM_ERROR_INVALID_STATE;
    }
    if (automatic) {
        BlePeerDevice p = peer;
        p.discoverAllCharacteristics();
    }
    return 0;
}

} // namespace ble_detail

using ble_detail::Lock;
using ble_detail::state;

BleLocalDevice::BleLocalDevice()
{
    state();
}

BleLocalDevice& BleLocalDevice::getInstance()
{
    static BleLocalDevice* instance = nullptr;
    if (instance == nullptr) {
        instance = new BleLocalDevice;
        hal_ble_stack_init(nullptr);
        registerCallbacks();
    }
    return *instance;
}

/* ---------------------------------------------------------- stack control */

int BleLocalDevice::begin()
{
    int r = hal_ble_stack_init(nullptr);
    if (r != 0) {
        return r;
    }
    r = registerCallbacks();
    restoreGattServer();
    return r;
}

int BleLocalDevice::end()
{
    disconnectLinks(false);
    int r = hal_ble_gap_stop_advertising(nullptr);
    hal_ble_gap_stop_scan(nullptr);
    return r == SYSTEM_ERROR_NOT_SUPPORTED ? r : 0;
}

int BleLocalDevice::on()
{
    return begin();
}

int BleLocalDevice::off()
{
    end();
    return hal_ble_stack_deinit(nullptr);
}

/* --------------------------------------------------------------- identity */

int BleLocalDevice::setAddress(const BleAddress& address) const
{
    hal_ble_addr_t a = address.halAddress();
    // a random static address has its two most significant bits set
    if (a.addr_type == BLE_SIG_ADDR_TYPE_RANDOM_STATIC && (a.addr[5] & 0xC0) != 0xC0) {
        return SYSTEM_ERROR_INVALID_ARGUMENT;
    }
    return hal_ble_gap_set_device_address(&a, nullptr);
}

int BleLocalDevice::setAddress(const char* address, BleAddressType type) const
{
    if (address == nullptr) {
        return hal_ble_gap_set_device_address(nullptr, nullptr); // the boot address
    }
    return setAddress(BleAddress(address, type));
}

int BleLocalDevice::setAddress(const String& address, BleAddressType type) const
{
    return setAddress(address.c_str(), type);
}

BleAddress BleLocalDevice::address() const
{
    hal_ble_addr_t a = {};
    if (hal_ble_gap_get_device_address(&a, nullptr) != 0) {
        return BleAddress();
    }
    return BleAddress(a);
}

int BleLocalDevice::setDeviceName(const char* name, size_t len) const
{
    if (name == nullptr) {
        return hal_ble_gap_set_device_name(nullptr, 0, nullptr); // the default name
    }
    size_t n = 0;
    while (n < len && n < BLE_MAX_DEV_NAME_LEN && name[n]) {
        n++;
    }
    return hal_ble_gap_set_device_name(name, n, nullptr);
}

int BleLocalDevice::setDeviceName(const char* name) const
{
    return setDeviceName(name, name ? strlen(name) : 0);
}

int BleLocalDevice::setDeviceName(const String& name) const
{
    return setDeviceName(name.c_str(), name.length());
}

ssize_t BleLocalDevice::getDeviceName(char* name, size_t len) const
{
    if (name == nullptr || len == 0) {
        return SYSTEM_ERROR_INVALID_ARGUMENT;
    }
    int r = hal_ble_gap_get_device_name(name, len, nullptr);
    if (r < 0) {
        name[0] = '\0';
    }
    return r;
}

String BleLocalDevice::getDeviceName() const
{
    char buf[BLE_MAX_DEV_NAME_LEN + 1];
    ssize_t n = getDeviceName(buf, sizeof(buf));
    return n < 0 ? String() : String(buf, (unsigned)n);
}

/* ------------------------------------------------------------------ radio */

int BleLocalDevice::setTxPower(int8_t txPower) const
{
    return hal_ble_gap_set_tx_power(txPower, nullptr);
}

int BleLocalDevice::txPower(int8_t* txPower) const
{
    if (txPower == nullptr) {
        return SYSTEM_ERROR_INVALID_ARGUMENT;
    }
    return hal_ble_gap_get_tx_power(txPower, nullptr);
}

int BleLocalDevice::selectAntenna(BleAntennaType antenna) const
{
    return hal_ble_select_antenna(static_cast<hal_ble_ant_type_t>(antenna), nullptr);
}

/* ------------------------------------------------- local characteristics */

BleCharacteristic BleLocalDevice::addCharacteristic(BleCharacteristic& characteristic)
{
    BleCharacteristicImpl* c = characteristic.impl();
    if (c->properties == BleCharacteristicProperty::NONE || c->valid || !c->isLocal) {
        return characteristic;
    }
    Lock lk;
    ble_detail::LocalState& s = state();
    if (!c->svcUuid.isValid()) {
        c->svcUuid = BleUuid(DEFAULT_SERVICE_UUID);
    }
    BleService svc;
    bool found = false;
    for (const BleService& x : s.services) {
        if (x.UUID() == c->svcUuid) {
            svc = x;
            found = true;
            break;
        }
    }
    if (!c->charUuid.isValid()) {
        c->charUuid = BleUuid(DEFAULT_SERVICE_UUID, ++s.defaultCharCount);
    }
    for (const BleCharacteristic& x : s.characteristics) {
        if (x.impl()->charUuid == c->charUuid && x.impl()->svcUuid == c->svcUuid) {
            return characteristic; // already there: stays invalid
        }
    }
    if (!found) {
        svc = BleService(c->svcUuid);
        hal_ble_uuid_t u = c->svcUuid.halUUID();
        if (hal_ble_gatt_server_add_service(BLE_SERVICE_TYPE_PRIMARY, &u, &svc.impl()->startHandle, nullptr) != 0) {
            return characteristic;
        }
        s.services.append(svc);
    }
    if (addToGattServer(c, svc.impl()->startHandle) != 0) {
        return characteristic;
    }
    c->isLocal = true;
    c->valid = true;
    s.characteristics.append(characteristic);
    return characteristic;
}

BleCharacteristic BleLocalDevice::addCharacteristic(const char* desc, BleCharacteristicProperty properties,
                                                    BleOnDataReceivedCallback callback, void* context)
{
    BleCharacteristic characteristic(desc, properties, callback, context);
    return addCharacteristic(characteristic);
}

BleCharacteristic BleLocalDevice::addCharacteristic(const String& desc, BleCharacteristicProperty properties,
                                                    BleOnDataReceivedCallback callback, void* context)
{
    return addCharacteristic(desc.c_str(), properties, callback, context);
}

/* ------------------------------------------------------------ connections */

int BleLocalDevice::setPPCP(uint16_t minInterval, uint16_t maxInterval, uint16_t latency, uint16_t timeout) const
{
    hal_ble_conn_params_t p = {};
    p.version = BLE_API_VERSION;
    p.size = sizeof(p);
    p.min_conn_interval = minInterval;
    p.max_conn_interval = maxInterval;
    p.slave_latency = latency;
    p.conn_sup_timeout = timeout;
    return hal_ble_gap_set_ppcp(&p, nullptr);
}

BlePeerDevice BleLocalDevice::connect(const BleAddress& addr, const BleConnectionParams* params, bool automatic) const
{
    BlePeerDevice peer;
    peer.impl()->address = addr;
    ble_detail::connectPeer(peer, params, automatic);
    return peer;
}

BlePeerDevice BleLocalDevice::connect(const BleAddress& addr, uint16_t interval, uint16_t latency, uint16_t timeout,
                                      bool automatic) const
{
    BleConnectionParams p = {};
    p.min_conn_interval = interval;
    p.max_conn_interval = interval;
    p.slave_latency = latency;
    p.conn_sup_timeout = timeout;
    return connect(addr, &p, automatic);
}

BlePeerDevice BleLocalDevice::connect(const BleAddress& addr, bool automatic) const
{
    return connect(addr, nullptr, automatic);
}

int BleLocalDevice::disconnect() const
{
    return disconnectLinks(true);
}

int BleLocalDevice::disconnect(const BlePeerDevice& peer) const
{
    return peer.disconnect();
}

int BleLocalDevice::disconnectAll() const
{
    return disconnectLinks(false);
}

bool BleLocalDevice::connected() const
{
    Lock lk;
    return state().peers.size() > 0;
}

void BleLocalDevice::onConnected(BleOnConnectedCallback callback, void* context) const
{
    Lock lk;
    state().connectedCb = callback;
    state().connectedCtx = context;
}

void BleLocalDevice::onDisconnected(BleOnDisconnectedCallback callback, void* context) const
{
    Lock lk;
    state().disconnectedCb = callback;
    state().disconnectedCtx = context;
}

} // namespace particle
