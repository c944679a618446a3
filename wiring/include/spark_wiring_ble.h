// vdev wiring: the Device OS 1.4 BLE API -- characteristics, services, scan
// results, peer devices and the local device (`BLE`), on the C HAL of
// ble_hal.h. The value types are in spark_wiring_ble_types.h. On platforms
// without BLE (Photon) every call returns SYSTEM_ERROR_NOT_SUPPORTED (-120)
// from the HAL.
//
// Characteristics, services and peers are handles: copies share one state,
// so data that arrives for a peer characteristic reaches every copy the app
// holds (and the callback set on any of them).
#ifndef SPARK_WIRING_BLE_H
#define SPARK_WIRING_BLE_H

#include <type_traits>

#include "spark_wiring_ble_types.h"

namespace particle {

class BleCharacteristicImpl;
class BleServiceImpl;
class BlePeerDeviceImpl;

namespace ble_detail {

void retain(BleCharacteristicImpl* p);
void release(BleCharacteristicImpl* p);
void retain(BleServiceImpl* p);
void release(BleServiceImpl* p);
void retain(BlePeerDeviceImpl* p);
void release(BlePeerDeviceImpl* p);

// A reference-counted pointer to an implementation object (the counts live
// in the objects; retain/release are defined with them).
template <typename T>
class Ref {
public:
    Ref() : p_(nullptr) {}
    explicit Ref(T* p) : p_(p)
    {
        if (p_) {
            retain(p_);
        }
    }
    Ref(const Ref& o) : p_(o.p_)
    {
        if (p_) {
            retain(p_);
        }
    }
    Ref& operator=(const Ref& o)
    {
        if (o.p_) {
            retain(o.p_);
        }
        T* old = p_;
        p_ = o.p_;
        if (old) {
            release(old);
        }
        return *this;
    }
    ~Ref()
    {
        if (p_) {
            release(p_);
        }
    }
    T* get() const { return p_; }

private:
    T* p_;
};

} // namespace ble_detail

class BleCharacteristic {
public:
    BleCharacteristic();
    BleCharacteristic(const BleCharacteristic& characteristic);
    BleCharacteristic(const char* desc, BleCharacteristicProperty properties, BleOnDataReceivedCallback callback = nullptr,
                      void* context = nullptr);
    BleCharacteristic(const String& desc, BleCharacteristicProperty properties,
                      BleOnDataReceivedCallback callback = nullptr, void* context = nullptr)
        : BleCharacteristic(desc.c_str(), properties, callback, context)
    {
    }
    // The two UUIDs may be of different types (1.4.0 fix #1902).
    template <typename T1, typename T2,
              std::enable_if_t<std::is_constructible<BleUuid, T1>::value && std::is_constructible<BleUuid, T2>::value,
                               int> = 0>
    BleCharacteristic(const char* desc, BleCharacteristicProperty properties, T1 charUuid, T2 svcUuid,
                      BleOnDataReceivedCallback callback = nullptr, void* context = nullptr)
        : BleCharacteristic(desc, properties, BleUuid(charUuid), BleUuid(svcUuid), callback, context, 0)
    {
    }
    template <typename T1, typename T2,
              std::enable_if_t<std::is_constructible<BleUuid, T1>::value && std::is_constructible<BleUuid, T2>::value,
                               int> = 0>
    BleCharacteristic(const String& desc, BleCharacteristicProperty properties, T1 charUuid, T2 svcUuid,
                      BleOnDataReceivedCallback callback = nullptr, void* context = nullptr)
        : BleCharacteristic(desc.c_str(), properties, BleUuid(charUuid), BleUuid(svcUuid), callback, context, 0)
    {
    }
    ~BleCharacteristic();

    // Takes the other's state; keeps this one's data callback when the other
    // has none (so a callback set before a peer lookup survives it).
    BleCharacteristic& operator=(const BleCharacteristic& characteristic);

    bool valid() const;
    BleUuid UUID() const;
    BleCharacteristicProperty properties() const;
    String description() const;
    size_t description(char* buf, size_t len) const;

    // Local: notifies with NOTIFY (AUTO/NACK), indicates with INDICATE (ACK
    // only, as 1.4.0). Peer: writes without response with WRITE_WO_RSP
    // (AUTO/NACK), with response with WRITE (ACK, or AUTO when the peer
    // offers no WRITE_WO_RSP). Returns the length.
    ssize_t setValue(const uint8_t* buf, size_t len, BleTxRxType type = BleTxRxType::AUTO);
    ssize_t setValue(const String& str, BleTxRxType type = BleTxRxType::AUTO);
    ssize_t setValue(const char* str, BleTxRxType type = BleTxRxType::AUTO);
    // The value's bytes in native order (1.4.0 fix #1901); only for
    // standard-layout types.
    template <typename T, std::enable_if_t<std::is_standard_layout<T>::value, int> = 0>
    ssize_t setValue(const T& val, BleTxRxType type = BleTxRxType::AUTO)
    {
        return setValue(reinterpret_cast<const uint8_t*>(&val), sizeof(T), type);
    }

    ssize_t getValue(uint8_t* buf, size_t len) const;
    ssize_t getValue(String& str) const;
    template <typename T, std::enable_if_t<std::is_standard_layout<T>::value, int> = 0>
    ssize_t getValue(T* val) const
    {
        return getValue(reinterpret_cast<uint8_t*>(val), sizeof(T));
    }

    // Peer characteristics: enable or disable notifications/indications.
    int subscribe(bool enable) const;
    void onDataReceived(BleOnDataReceivedCallback callback, void* context);

    BleCharacteristicImpl* impl() const { return impl_.get(); }
    explicit BleCharacteristic(BleCharacteristicImpl* impl);

private:
    BleCharacteristic(const char* desc, BleCharacteristicProperty properties, const BleUuid& charUuid,
                      const BleUuid& svcUuid, BleOnDataReceivedCallback callback, void* context, int);

    ble_detail::Ref<BleCharacteristicImpl> impl_;
};

class BleService {
public:
    BleService();
    BleService(const BleUuid& uuid);

    BleUuid UUID() const;
    bool operator==(const BleService& service) const;
    bool operator!=(const BleService& service) const { return !(*this == service); }

    BleServiceImpl* impl() const { return impl_.get(); }

private:
    ble_detail::Ref<BleServiceImpl> impl_;
};

class BleScanResult {
public:
    BleScanResult() : rssi(0) {}

    BleAddress address;
    BleAdvertisingData advertisingData;
    BleAdvertisingData scanResponse;
    int8_t rssi;
};

class BlePeerDevice {
public:
    BlePeerDevice();

    // Discovery (runs once; later calls return what was found)
    Vector<BleService> discoverAllServices();
    ssize_t discoverAllServices(BleService* services, size_t count);
    Vector<BleCharacteristic> discoverAllCharacteristics();
    ssize_t discoverAllCharacteristics(BleCharacteristic* characteristics, size_t count);

    // What discovery found
    Vector<BleService> services() const;
    size_t services(BleService* services, size_t count) const;
    Vector<BleCharacteristic> characteristics() const;
    size_t characteristics(BleCharacteristic* characteristics, size_t count) const;
    bool getCharacteristicByDescription(BleCharacteristic& characteristic, const char* desc) const;
    bool getCharacteristicByDescription(BleCharacteristic& characteristic, const String& desc) const;
    BleCharacteristic getCharacteristicByDescription(const char* desc) const;
    BleCharacteristic getCharacteristicByDescription(const String& desc) const;
    bool getCharacteristicByUUID(BleCharacteristic& characteristic, const BleUuid& uuid) const;
    BleCharacteristic getCharacteristicByUUID(const BleUuid& uuid) const;

    int connect(bool automatic = true);
    int disconnect() const;
    bool connected() const;
    const BleAddress& address() const;

    bool operator==(const BlePeerDevice& device) const;
    bool operator!=(const BlePeerDevice& device) const { return !(*this == device); }

    BlePeerDeviceImpl* impl() const { return impl_.get(); }
    explicit BlePeerDevice(BlePeerDeviceImpl* impl);

private:
    ble_detail::Ref<BlePeerDeviceImpl> impl_;
};

class BleLocalDevice {
public:
    static BleLocalDevice& getInstance();

    // Stack control. begin() returns 0; end() disconnects every peer and
    // stops advertising and scanning (1.4.0 fix #1890).
    int begin();
    int end();
    int on();
    int off();

    // Identity
    int setAddress(const BleAddress& address) const;
    int setAddress(const char* address, BleAddressType type = BleAddressType::PUBLIC) const;
    int setAddress(const String& address, BleAddressType type = BleAddressType::PUBLIC) const;
    BleAddress address() const;
    int setDeviceName(const char* name, size_t len) const;
    int setDeviceName(const char* name) const;
    int setDeviceName(const String& name) const;
    ssize_t getDeviceName(char* name, size_t len) const;
    String getDeviceName() const;

    // Radio
    int setTxPower(int8_t txPower) const;
    int txPower(int8_t* txPower) const;
    int selectAntenna(BleAntennaType antenna) const;

    // Advertising (interval in 0.625 ms units, timeout in 10 ms units)
    int setAdvertisingInterval(uint16_t interval) const;
    int setAdvertisingTimeout(uint16_t timeout) const;
    int setAdvertisingType(BleAdvertisingEventType type) const;
    int setAdvertisingParameters(const BleAdvertisingParams* params) const;
    int setAdvertisingParameters(uint16_t interval, uint16_t timeout, BleAdvertisingEventType type) const;
    int getAdvertisingParameters(BleAdvertisingParams* params) const;
    int setAdvertisingData(BleAdvertisingData* advertisingData) const;
    int setScanResponseData(BleAdvertisingData* scanResponse) const;
    ssize_t getAdvertisingData(BleAdvertisingData* advertisingData) const;
    ssize_t getScanResponseData(BleAdvertisingData* scanResponse) const;
    int advertise() const;
    int advertise(BleAdvertisingData* advertisingData, BleAdvertisingData* scanResponse = nullptr) const;
    int advertise(const iBeacon& beacon) const;
    int stopAdvertising() const;
    bool advertising() const;

    // Scanning (interval and window in 0.625 ms units, timeout in 10 ms units)
    int setScanTimeout(uint16_t timeout) const;
    int setScanParameters(const BleScanParams* params) const;
    int getScanParameters(BleScanParams* params) const;
    int scan(BleOnScanResultCallback callback, void* context) const;
    int scan(BleScanResult* results, size_t resultCount) const;
    Vector<BleScanResult> scan() const;
    int stopScanning() const;

    // Local characteristics (the GATT server)
    BleCharacteristic addCharacteristic(BleCharacteristic& characteristic);
    BleCharacteristic addCharacteristic(const char* desc, BleCharacteristicProperty properties,
                                        BleOnDataReceivedCallback callback = nullptr, void* context = nullptr);
    BleCharacteristic addCharacteristic(const String& desc, BleCharacteristicProperty properties,
                                        BleOnDataReceivedCallback callback = nullptr, void* context = nullptr);
    template <typename T1, typename T2,
              std::enable_if_t<std::is_constructible<BleUuid, T1>::value && std::is_constructible<BleUuid, T2>::value,
                               int> = 0>
    BleCharacteristic addCharacteristic(const char* desc, BleCharacteristicProperty properties, T1 charUuid, T2 svcUuid,
                                        BleOnDataReceivedCallback callback = nullptr, void* context = nullptr)
    {
        BleCharacteristic characteristic(desc, properties, charUuid, svcUuid, callback, context);
        return addCharacteristic(characteristic);
    }
    template <typename T1, typename T2,
              std::enable_if_t<std::is_constructible<BleUuid, T1>::value && std::is_constructible<BleUuid, T2>::value,
                               int> = 0>
    BleCharacteristic addCharacteristic(const String& desc, BleCharacteristicProperty properties, T1 charUuid,
                                        T2 svcUuid, BleOnDataReceivedCallback callback = nullptr,
                                        void* context = nullptr)
    {
        return addCharacteristic(desc.c_str(), properties, charUuid, svcUuid, callback, context);
    }

    // Connections (intervals in 1.25 ms units, timeout in 10 ms units)
    int setPPCP(uint16_t minInterval, uint16_t maxInterval, uint16_t latency, uint16_t timeout) const;
    BlePeerDevice connect(const BleAddress& addr, const BleConnectionParams* params, bool automatic = true) const;
    BlePeerDevice connect(const BleAddress& addr, uint16_t interval, uint16_t latency, uint16_t timeout,
                          bool automatic = true) const;
    BlePeerDevice connect(const BleAddress& addr, bool automatic = true) const;
    int disconnect() const;                          // the centrals connected to this device
    int disconnect(const BlePeerDevice& peer) const; // one peer
    int disconnectAll() const;
    bool connected() const;
    void onConnected(BleOnConnectedCallback callback, void* context) const;
    void onDisconnected(BleOnDisconnectedCallback callback, void* context) const;

private:
    BleLocalDevice();
    BleLocalDevice(const BleLocalDevice&) = delete;
    BleLocalDevice& operator=(const BleLocalDevice&) = delete;
};

#define BLE BleLocalDevice::getInstance()

} // namespace particle

using particle::BleAddress;
using particle::BleAddressType;
using particle::BleAdvertisingData;
using particle::BleAdvertisingDataType;
using particle::BleAdvertisingEventType;
using particle::BleAdvertisingParams;
using particle::BleAntennaType;
using particle::BleAttributeHandle;
using particle::BleCharacteristic;
using particle::BleCharacteristicHandles;
using particle::BleCharacteristicProperty;
using particle::BleConnectionHandle;
using particle::BleConnectionParams;
using particle::BleLocalDevice;
using particle::BleOnConnectedCallback;
using particle::BleOnDataReceivedCallback;
using particle::BleOnDisconnectedCallback;
using particle::BleOnScanResultCallback;
using particle::BlePeerDevice;
using particle::BleScanParams;
using particle::BleScanResult;
using particle::BleService;
using particle::BleTxRxType;
using particle::BleUuid;
using particle::BleUuidOrder;
using particle::BleUuidType;
using particle::iBeacon;

#endif // SPARK_WIRING_BLE_H
