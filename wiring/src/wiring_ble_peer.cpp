// vdev wiring: BlePeerDevice -- a connected (or once connected) peer: its
// discovered services and characteristics, subscriptions, disconnect.
#include "wiring_ble_impl.h"

#include <cstring>

namespace particle {

using ble_detail::Lock;

namespace {

// What the HAL's discovery callbacks collect while the app thread waits.
struct ServiceDiscovery {
    Vector<BleService> found;
};

struct CharDiscovery {
    Vector<BleCharacteristic> found;
    BleUuid svcUuid;
    hal_ble_conn_handle_t connHandle;
};

void onServicesDiscovered(const hal_ble_svc_discovered_evt_t* event, void* context)
{
    ServiceDiscovery* d = static_cast<ServiceDiscovery*>(context);
    if (event == nullptr || d == nullptr) {
        return;
    }
    for (size_t i = 0; i < event->count; i++) {
        BleService svc(BleUuid(event->services[i].uuid));
        svc.impl()->startHandle = event->services[i].start_handle;
        svc.impl()->endHandle = event->services[i].end_handle;
        d->found.append(svc);
    }
}

void onCharsDiscovered(const hal_ble_char_discovered_evt_t* event, void* context)
{
    CharDiscovery* d = static_cast<CharDiscovery*>(context);
    if (event == nullptr || d == nullptr) {
        return;
    }
    for (size_t i = 0; i < event->count; i++) {
        const hal_ble_char_t& hc = event->characteristics[i];
        BleCharacteristic c;
        BleCharacteristicImpl* impl = c.impl();
        impl->isLocal = false;
        impl->valid = true;
        impl->properties = static_cast<BleCharacteristicProperty>(hc.properties);
        impl->charUuid = BleUuid(hc.uuid);
        impl->svcUuid = d->svcUuid;
        impl->connHandle = d->connHandle;
        impl->handles = hc.charHandles;
        d->found.append(c);
    }
}

template <typename T>
size_t copyOut(const Vector<T>& v, T* out, size_t count)
{
    if (out == nullptr) {
        return 0;
    }
    size_t n = 0;
    for (; n < count && (int)n < v.size(); n++) {
        out[n] = v[n];
    }
    return n;
}

} // namespace

BlePeerDevice::BlePeerDevice() : impl_(new BlePeerDeviceImpl)
{
}

BlePeerDevice::BlePeerDevice(BlePeerDeviceImpl* impl) : impl_(impl)
{
}

Vector<BleService> BlePeerDevice::discoverAllServices()
{
    hal_ble_conn_handle_t conn;
    {
        Lock lk;
        if (impl()->servicesDiscovered) {
            return impl()->services;
        }
        conn = impl()->connHandle;
    }
    if (conn == BLE_INVALID_CONN_HANDLE) {
        return Vector<BleService>();
    }
    ServiceDiscovery d;
    if (hal_ble_gatt_client_discover_all_services(conn, onServicesDiscovered, &d, nullptr) != 0) {
        return Vector<BleService>();
    }
    Lock lk;
    if (impl()->connHandle == conn && !impl()->servicesDiscovered) {
        impl()->services = d.found;
        impl()->servicesDiscovered = true;
    }
    return impl()->services;
}

ssize_t BlePeerDevice::discoverAllServices(BleService* services, size_t count)
{
    if (services == nullptr) {
        return SYSTEM_ERROR_INVALID_ARGUMENT;
    }
    Vector<BleService> all = discoverAllServices();
    return (ssize_t)copyOut(all, services, count);
}

// Discovers the characteristics of every service, reads their user
// descriptions and subscribes to the ones that notify or indicate (the CCCD
// is written first; data that arrives later reaches whichever copy of the
// characteristic the app holds).
Vector<BleCharacteristic> BlePeerDevice::discoverAllCharacteristics()
{
    Vector<BleService> svcs = discoverAllServices();
    hal_ble_conn_handle_t conn;
    {
        Lock lk;
        if (impl()->characteristicsDiscovered) {
            return impl()->characteristics;
        }
        conn = impl()->connHandle;
    }
    if (conn == BLE_INVALID_CONN_HANDLE) {
        return Vector<BleCharacteristic>();
    }
    Vector<BleCharacteristic> all;
    for (const BleService& s : svcs) {
        CharDiscovery d;
        d.svcUuid = s.UUID();
        d.connHandle = conn;
        hal_ble_svc_t hs = {};
        hs.version = BLE_API_VERSION;
        hs.size = sizeof(hs);
        hs.uuid = s.UUID().halUUID();
        hs.start_handle = s.impl()->startHandle;
        hs.end_handle = s.impl()->endHandle;
        if (hal_ble_gatt_client_discover_characteristics(conn, &hs, onCharsDiscovered, &d, nullptr) != 0) {
            return Vector<BleCharacteristic>();
        }
        all.append(d.found);
    }
    for (BleCharacteristic& c : all) {
        BleCharacteristicImpl* ci = c.impl();
        if (ci->handles.user_desc_handle != BLE_INVALID_ATTR_HANDLE) {
            char desc[BLE_MAX_ATTR_VALUE_PACKET_SIZE + 1];
            int n = hal_ble_gatt_client_read(conn, ci->handles.user_desc_handle, reinterpret_cast<uint8_t*>(desc),
                                             sizeof(desc) - 1, nullptr);
            if (n > 0) {
                desc[n] = '\0';
                ci->description = desc;
            }
        }
    }
    {
        // registered before subscribing, so no notification finds it missing
        Lock lk;
        if (impl()->connHandle != conn || impl()->characteristicsDiscovered) {
            return impl()->characteristics;
        }
        impl()->characteristics = all;
        impl()->characteristicsDiscovered = true;
    }
    for (BleCharacteristic& c : all) {
        if (c.impl()->handles.cccd_handle != BLE_INVALID_ATTR_HANDLE &&
            ble_detail::cccdValueFor(c.properties()) != BLE_SIG_CCCD_VAL_DISABLED) {
            c.subscribe(true);
        }
    }
    return all;
}

ssize_t BlePeerDevice::discoverAllCharacteristics(BleCharacteristic* characteristics, size_t count)
{
    if (characteristics == nullptr) {
        return SYSTEM_ERROR_INVALID_ARGUMENT;
    }
    Vector<BleCharacteristic> all = discoverAllCharacteristics();
    return (ssize_t)copyOut(all, characteristics, count);
}

Vector<BleService> BlePeerDevice::services() const
{
    Lock lk;
    return impl()->services;
}

size_t BlePeerDevice::services(BleService* services, size_t count) const
{
    Lock lk;
    return copyOut(impl()->services, services, count);
}

Vector<BleCharacteristic> BlePeerDevice::characteristics() const
{
    Lock lk;
    return impl()->characteristics;
}

size_t BlePeerDevice::characteristics(BleCharacteristic* characteristics, size_t count) const
{
    Lock lk;
    return copyOut(impl()->characteristics, characteristics, count);
}

bool BlePeerDevice::getCharacteristicByDescription(BleCharacteristic& characteristic, const char* desc) const
{
    if (desc == nullptr) {
        return false;
    }
    Lock lk;
    for (const BleCharacteristic& c : impl()->characteristics) {
        if (c.impl()->description == desc) {
            characteristic = c;
            return true;
        }
    }
    return false;
}

bool BlePeerDevice::getCharacteristicByDescription(BleCharacteristic& characteristic, const String& desc) const
{
    return getCharacteristicByDescription(characteristic, desc.c_str());
}

BleCharacteristic BlePeerDevice::getCharacteristicByDescription(const char* desc) const
{
    BleCharacteristic c;
    getCharacteristicByDescription(c, desc);
    return c;
}

BleCharacteristic BlePeerDevice::getCharacteristicByDescription(const String& desc) const
{
    return getCharacteristicByDescription(desc.c_str());
}

bool BlePeerDevice::getCharacteristicByUUID(BleCharacteristic& characteristic, const BleUuid& uuid) const
{
    Lock lk;
    for (const BleCharacteristic& c : impl()->characteristics) {
        if (c.impl()->charUuid == uuid) {
            characteristic = c;
            return true;
        }
    }
    return false;
}

BleCharacteristic BlePeerDevice::getCharacteristicByUUID(const BleUuid& uuid) const
{
    BleCharacteristic c;
    getCharacteristicByUUID(c, uuid);
    return c;
}

int BlePeerDevice::connect(bool automatic)
{
    if (connected()) {
        return 0;
    }
    return ble_detail::connectPeer(*this, nullptr, automatic);
}

int BlePeerDevice::disconnect() const
{
    hal_ble_conn_handle_t conn;
    {
        Lock lk;
        conn = impl()->connHandle;
    }
    if (conn == BLE_INVALID_CONN_HANDLE) {
        return SYSTEM_ERROR_INVALID_STATE;
    }
    int r = hal_ble_gap_disconnect(conn, nullptr);
    if (r == 0) {
        ble_detail::dropPeer(*this);
    }
    return r;
}

bool BlePeerDevice::connected() const
{
    Lock lk;
    return impl()->connHandle != BLE_INVALID_CONN_HANDLE;
}

const BleAddress& BlePeerDevice::address() const
{
    return impl()->address;
}

bool BlePeerDevice::operator==(const BlePeerDevice& device) const
{
    if (impl() == device.impl()) {
        return true;
    }
    Lock lk;
    return impl()->connHandle != BLE_INVALID_CONN_HANDLE && impl()->connHandle == device.impl()->connHandle &&
           impl()->address == device.impl()->address;
}

} // namespace particle
