// vdev wiring: BLE characteristics, services and peer devices (GATT client
// side: discovery, reads, writes, subscriptions, notifications received).
#include "wiring_ble_impl.h"

#include <cstring>

namespace particle {

namespace ble_detail {

namespace {

template <typename T>
void retainImpl(T* p)
{
    __atomic_add_fetch(&p->refs, 1, __ATOMIC_ACQ_REL);
}

template <typename T>
void releaseImpl(T* p)
{
    if (__atomic_sub_fetch(&p->refs, 1, __ATOMIC_ACQ_REL) == 0) {
        delete p;
    }
}

bool has(BleCharacteristicProperty props, BleCharacteristicProperty p)
{
    return (props & p) == p;
}

} // namespace

void retain(BleCharacteristicImpl* p) { retainImpl(p); }
void release(BleCharacteristicImpl* p) { releaseImpl(p); }
void retain(BleServiceImpl* p) { retainImpl(p); }
void release(BleServiceImpl* p) { releaseImpl(p); }
void retain(BlePeerDeviceImpl* p) { retainImpl(p); }
void release(BlePeerDeviceImpl* p) { releaseImpl(p); }

ble_sig_cccd_value_t cccdValueFor(BleCharacteristicProperty properties)
{
    bool notify = has(properties, BleCharacteristicProperty::NOTIFY);
    bool indicate = has(properties, BleCharacteristicProperty::INDICATE);
    if (notify && indicate) {
        return BLE_SIG_CCCD_VAL_NOTI_IND;
    }
    if (indicate) {
        return BLE_SIG_CCCD_VAL_INDICATION;
    }
    return notify ? BLE_SIG_CCCD_VAL_NOTIFICATION : BLE_SIG_CCCD_VAL_DISABLED;
}

void onLocalCharEvent(const hal_ble_char_evt_t* event, void* context)
{
    BleCharacteristicImpl* impl = static_cast<BleCharacteristicImpl*>(context);
    if (event == nullptr || impl == nullptr || event->type != BLE_EVT_DATA_WRITTEN) {
        return;
    }
    BleOnDataReceivedCallback cb;
    void* ctx;
    BlePeerDevice peer = findPeer(event->conn_handle);
    {
        Lock lk;
        cb = impl->callback;
        ctx = impl->context;
    }
    if (cb && event->params.data_written.data && event->params.data_written.len > 0) {
        cb(event->params.data_written.data, event->params.data_written.len, peer, ctx);
    }
}

void onPeerCharEvent(const hal_ble_char_evt_t* event, void* /*context*/)
{
    if (event == nullptr || event->type != BLE_EVT_DATA_NOTIFIED) {
        return;
    }
    BleOnDataReceivedCallback cb = nullptr;
    void* ctx = nullptr;
    BlePeerDevice peer = findPeer(event->conn_handle);
    {
        // whichever copy of the characteristic the app holds, the state is
        // this one (found at delivery time, so a callback set after the
        // subscription counts)
        Lock lk;
        for (const BleCharacteristic& c : peer.impl()->characteristics) {
            if (c.impl()->handles.value_handle == event->attr_handle) {
                cb = c.impl()->callback;
                ctx = c.impl()->context;
                break;
            }
        }
    }
    if (cb && event->params.data_notified.data && event->params.data_notified.len > 0) {
        cb(event->params.data_notified.data, event->params.data_notified.len, peer, ctx);
    }
}

} // namespace ble_detail

using ble_detail::has;
using ble_detail::Lock;

/* ------------------------------------------------------ BleCharacteristic */

BleCharacteristic::BleCharacteristic() : impl_(new BleCharacteristicImpl)
{
}

BleCharacteristic::BleCharacteristic(BleCharacteristicImpl* impl) : impl_(impl)
{
}

BleCharacteristic::BleCharacteristic(const BleCharacteristic& characteristic) : impl_(characteristic.impl_)
{
}

BleCharacteristic::BleCharacteristic(const char* desc, BleCharacteristicProperty properties,
                                     BleOnDataReceivedCallback callback, void* context)
    : BleCharacteristic()
{
    impl()->description = desc ? desc : "";
    impl()->properties = properties;
    impl()->callback = callback;
    impl()->context = context;
}

BleCharacteristic::BleCharacteristic(const char* desc, BleCharacteristicProperty properties, const BleUuid& charUuid,
                                     const BleUuid& svcUuid, BleOnDataReceivedCallback callback, void* context, int)
    : BleCharacteristic(desc, properties, callback, context)
{
    impl()->charUuid = charUuid;
    impl()->svcUuid = svcUuid;
}

BleCharacteristic::~BleCharacteristic()
{
}

BleCharacteristic& BleCharacteristic::operator=(const BleCharacteristic& characteristic)
{
    if (characteristic.impl() == impl()) {
        return *this;
    }
    Lock lk;
    BleOnDataReceivedCallback cb = impl()->callback;
    void* ctx = impl()->context;
    impl_ = characteristic.impl_;
    if (impl()->callback == nullptr && cb != nullptr) {
        impl()->callback = cb;
        impl()->context = ctx;
    }
    return *this;
}

bool BleCharacteristic::valid() const
{
    return impl()->valid;
}

BleUuid BleCharacteristic::UUID() const
{
    return impl()->charUuid;
}

BleCharacteristicProperty BleCharacteristic::properties() const
{
    return impl()->properties;
}

String BleCharacteristic::description() const
{
    return impl()->description;
}

size_t BleCharacteristic::description(char* buf, size_t len) const
{
    if (buf == nullptr || len == 0) {
        return 0;
    }
    size_t n = impl()->description.length();
    if (n > len - 1) {
        n = len - 1;
    }
    memcpy(buf, impl()->description.c_str(), n);
    buf[n] = '\0';
    return n;
}

ssize_t BleCharacteristic::setValue(const uint8_t* buf, size_t len, BleTxRxType type)
{
    if (buf == nullptr || len == 0) {
        return SYSTEM_ERROR_INVALID_ARGUMENT;
    }
    if (len > BLE_MAX_ATTR_VALUE_PACKET_SIZE) {
        len = BLE_MAX_ATTR_VALUE_PACKET_SIZE;
    }
    BleCharacteristicImpl* c = impl();
    if (!c->valid) {
        return SYSTEM_ERROR_INVALID_STATE;
    }
    BleCharacteristicProperty props = c->properties;
    if (c->isLocal) {
        hal_ble_attr_handle_t h = c->handles.value_handle;
        if (has(props, BleCharacteristicProperty::NOTIFY) && type != BleTxRxType::ACK) {
            return hal_ble_gatt_server_notify_characteristic_value(h, buf, len, nullptr);
        }
        // 1.4.0: AUTO never indicates, it only stores the value
        if (has(props, BleCharacteristicProperty::INDICATE) && type == BleTxRxType::ACK) {
            return hal_ble_gatt_server_indicate_characteristic_value(h, buf, len, nullptr);
        }
        if (type != BleTxRxType::AUTO) {
            return SYSTEM_ERROR_NOT_SUPPORTED;
        }
        return hal_ble_gatt_server_set_characteristic_value(h, buf, len, nullptr);
    }
    if (c->connHandle == BLE_INVALID_CONN_HANDLE) {
        return SYSTEM_ERROR_INVALID_STATE;
    }
    // AUTO writes without response when the peer offers it, else with
    // response (a WRITE-only characteristic takes a plain setValue()).
    int r;
    if (has(props, BleCharacteristicProperty::WRITE_WO_RSP) && type != BleTxRxType::ACK) {
        r = hal_ble_gatt_client_write_without_response(c->connHandle, c->handles.value_handle, buf, len, nullptr);
    } else if (has(props, BleCharacteristicProperty::WRITE) && type != BleTxRxType::NACK) {
        r = hal_ble_gatt_client_write_with_response(c->connHandle, c->handles.value_handle, buf, len, nullptr);
    } else {
        return SYSTEM_ERROR_NOT_SUPPORTED;
    }
    return r < 0 ? r : (ssize_t)len;
}

ssize_t BleCharacteristic::setValue(const String& str, BleTxRxType type)
{
    return setValue(reinterpret_cast<const uint8_t*>(str.c_str()), str.length(), type);
}

ssize_t BleCharacteristic::setValue(const char* str, BleTxRxType type)
{
    if (str == nullptr) {
        return SYSTEM_ERROR_INVALID_ARGUMENT;
    }
    return setValue(reinterpret_cast<const uint8_t*>(str), strlen(str), type);
}

ssize_t BleCharacteristic::getValue(uint8_t* buf, size_t len) const
{
    if (buf == nullptr || len == 0) {
        return SYSTEM_ERROR_INVALID_ARGUMENT;
    }
    if (len > BLE_MAX_ATTR_VALUE_PACKET_SIZE) {
        len = BLE_MAX_ATTR_VALUE_PACKET_SIZE;
    }
    const BleCharacteristicImpl* c = impl();
    if (!c->valid) {
        return SYSTEM_ERROR_INVALID_STATE;
    }
    if (c->isLocal) {
        return hal_ble_gatt_server_get_characteristic_value(c->handles.value_handle, buf, len, nullptr);
    }
    if (c->connHandle == BLE_INVALID_CONN_HANDLE) {
        return SYSTEM_ERROR_INVALID_STATE;
    }
    return hal_ble_gatt_client_read(c->connHandle, c->handles.value_handle, buf, len, nullptr);
}

ssize_t BleCharacteristic::getValue(String& str) const
{
    uint8_t buf[BLE_MAX_ATTR_VALUE_PACKET_SIZE];
    ssize_t n = getValue(buf, sizeof(buf));
    if (n >= 0) {
        str = String(reinterpret_cast<const char*>(buf), (unsigned)n);
    }
    return n;
}

int BleCharacteristic::subscribe(bool enable) const
{
    const BleCharacteristicImpl* c = impl();
    if (c->isLocal || !c->valid) {
        return SYSTEM_ERROR_INVALID_STATE;
    }
    if (c->connHandle == BLE_INVALID_CONN_HANDLE) {
        return SYSTEM_ERROR_INVALID_STATE;
    }
    if (c->handles.cccd_handle == BLE_INVALID_ATTR_HANDLE) {
        return SYSTEM_ERROR_NOT_SUPPORTED;
    }
    hal_ble_cccd_config_t cfg = {};
    cfg.version = BLE_API_VERSION;
    cfg.size = sizeof(cfg);
    cfg.callback = ble_detail::onPeerCharEvent;
    cfg.context = nullptr;
    cfg.conn_handle = c->connHandle;
    cfg.cccd_handle = c->handles.cccd_handle;
    cfg.value_handle = c->handles.value_handle;
    cfg.cccd_value = enable ? ble_detail::cccdValueFor(c->properties) : BLE_SIG_CCCD_VAL_DISABLED;
    return hal_ble_gatt_client_configure_cccd(&cfg, nullptr);
}

void BleCharacteristic::onDataReceived(BleOnDataReceivedCallback callback, void* context)
{
    Lock lk;
    impl()->callback = callback;
    impl()->context = context;
}

/* ------------------------------------------------------------- BleService */

BleService::BleService() : impl_(new BleServiceImpl)
{
}

BleService::BleService(const BleUuid& uuid) : BleService()
{
    impl()->uuid = uuid;
}

BleUuid BleService::UUID() const
{
    return impl()->uuid;
}

bool BleService::operator==(const BleService& service) const
{
    return impl() == service.impl() || (impl()->uuid == service.impl()->uuid &&
                                        impl()->startHandle == service.impl()->startHandle);
}

} // namespace particle
