// vdev wiring: the value types of the Device OS 1.4 BLE API (no radio
// needed): BleUuid, BleAddress, iBeacon, BleAdvertisingData, the BLE enums
// (BleCharacteristicProperty with |, |= and a real & -- 1.4.0 fix #1891),
// the parameter typedefs of the HAL structs and the callback types.
// spark_wiring_ble.h adds the characteristics, peers and the BLE object.
#ifndef SPARK_WIRING_BLE_TYPES_H
#define SPARK_WIRING_BLE_TYPES_H

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <initializer_list>

#include "ble_hal.h"
#include "spark_wiring_string.h"
#include "spark_wiring_vector.h"

namespace particle {

using spark::Vector;

class BlePeerDevice;
class BleScanResult;

enum class BleUuidType { SHORT = 0, LONG = 1 };

enum class BleUuidOrder { MSB = 0, LSB = 1 };

enum class BleCharacteristicProperty : uint8_t {
    NONE = 0,
    BROADCAST = BLE_SIG_CHAR_PROP_BROADCAST,
    READ = BLE_SIG_CHAR_PROP_READ,
    WRITE_WO_RSP = BLE_SIG_CHAR_PROP_WRITE_WO_RESP,
    WRITE = BLE_SIG_CHAR_PROP_WRITE,
    NOTIFY = BLE_SIG_CHAR_PROP_NOTIFY,
    INDICATE = BLE_SIG_CHAR_PROP_INDICATE,
    AUTH_SIGN_WRITES = BLE_SIG_CHAR_PROP_AUTH_SIGN_WRITES,
    EXTENDED_PROP = BLE_SIG_CHAR_PROP_EXTENDED_PROP
};

inline BleCharacteristicProperty operator|(BleCharacteristicProperty a, BleCharacteristicProperty b)
{
    return static_cast<BleCharacteristicProperty>(static_cast<uint8_t>(a) | static_cast<uint8_t>(b));
}

// A bitwise AND (1.4.0 fix #1891: it used to OR the operands).
inline BleCharacteristicProperty operator&(BleCharacteristicProperty a, BleCharacteristicProperty b)
{
    return static_cast<BleCharacteristicProperty>(static_cast<uint8_t>(a) & static_cast<uint8_t>(b));
}

inline BleCharacteristicProperty& operator|=(BleCharacteristicProperty& a, BleCharacteristicProperty b)
{
    a = a | b;
    return a;
}

inline BleCharacteristicProperty& operator&=(BleCharacteristicProperty& a, BleCharacteristicProperty b)
{
    a = a & b;
    return a;
}

enum class BleAdvertisingDataType : uint8_t {
    FLAGS = BLE_SIG_AD_TYPE_FLAGS,
    SERVICE_UUID_16BIT_MORE_AVAILABLE = BLE_SIG_AD_TYPE_16BIT_SERVICE_UUID_MORE_AVAILABLE,
    SERVICE_UUID_16BIT_COMPLETE = BLE_SIG_AD_TYPE_16BIT_SERVICE_UUID_COMPLETE,
    SERVICE_UUID_32BIT_MORE_AVAILABLE = BLE_SIG_AD_TYPE_32BIT_SERVICE_UUID_MORE_AVAILABLE,
    SERVICE_UUID_32BIT_COMPLETE = BLE_SIG_AD_TYPE_32BIT_SERVICE_UUID_COMPLETE,
    SERVICE_UUID_128BIT_MORE_AVAILABLE = BLE_SIG_AD_TYPE_128BIT_SERVICE_UUID_MORE_AVAILABLE,
    SERVICE_UUID_128BIT_COMPLETE = BLE_SIG_AD_TYPE_128BIT_SERVICE_UUID_COMPLETE,
    SHORT_LOCAL_NAME = BLE_SIG_AD_TYPE_SHORT_LOCAL_NAME,
    COMPLETE_LOCAL_NAME = BLE_SIG_AD_TYPE_COMPLETE_LOCAL_NAME,
    TX_POWER_LEVEL = BLE_SIG_AD_TYPE_TX_POWER_LEVEL,
    CLASS_OF_DEVICE = BLE_SIG_AD_TYPE_CLASS_OF_DEVICE,
    SIMPLE_PAIRING_HASH_C = BLE_SIG_AD_TYPE_SIMPLE_PAIRING_HASH_C,
    SIMPLE_PAIRING_RANDOMIZER_R = BLE_SIG_AD_TYPE_SIMPLE_PAIRING_RANDOMIZER_R,
    SECURITY_MANAGER_TK_VALUE = BLE_SIG_AD_TYPE_SECURITY_MANAGER_TK_VALUE,
    SECURITY_MANAGER_OOB_FLAGS = BLE_SIG_AD_TYPE_SECURITY_MANAGER_OOB_FLAGS,
    SLAVE_CONNECTION_INTERVAL_RANGE = BLE_SIG_AD_TYPE_SLAVE_CONNECTION_INTERVAL_RANGE,
    SOLICITED_SERVICE_UUIDS_16BIT = BLE_SIG_AD_TYPE_SOLICITED_SERVICE_UUIDS_16BIT,
    SOLICITED_SERVICE_UUIDS_128BIT = BLE_SIG_AD_TYPE_SOLICITED_SERVICE_UUIDS_128BIT,
    SERVICE_DATA = BLE_SIG_AD_TYPE_SERVICE_DATA,
    PUBLIC_TARGET_ADDRESS = BLE_SIG_AD_TYPE_PUBLIC_TARGET_ADDRESS,
    RANDOM_TARGET_ADDRESS = BLE_SIG_AD_TYPE_RANDOM_TARGET_ADDRESS,
    APPEARANCE = BLE_SIG_AD_TYPE_APPEARANCE,
    ADVERTISING_INTERVAL = BLE_SIG_AD_TYPE_ADVERTISING_INTERVAL,
    LE_BLUETOOTH_DEVICE_ADDRESS = BLE_SIG_AD_TYPE_LE_BLUETOOTH_DEVICE_ADDRESS,
    LE_ROLE = BLE_SIG_AD_TYPE_LE_ROLE,
    SIMPLE_PAIRING_HASH_C256 = BLE_SIG_AD_TYPE_SIMPLE_PAIRING_HASH_C256,
    SIMPLE_PAIRING_RANDOMIZER_R256 = BLE_SIG_AD_TYPE_SIMPLE_PAIRING_RANDOMIZER_R256,
    SERVICE_SOLICITATION_32BIT_UUID = BLE_SIG_AD_TYPE_32BIT_SERVICE_SOLICITATION_UUID,
    SERVICE_DATA_32BIT_UUID = BLE_SIG_AD_TYPE_SERVICE_DATA_32BIT_UUID,
    SERVICE_DATA_128BIT_UUID = BLE_SIG_AD_TYPE_SERVICE_DATA_128BIT_UUID,
    LESC_CONFIRMATION_VALUE = BLE_SIG_AD_TYPE_LESC_CONFIRMATION_VALUE,
    LESC_RANDOM_VALUE = BLE_SIG_AD_TYPE_LESC_RANDOM_VALUE,
    URI = BLE_SIG_AD_TYPE_URI,
    INDOOR_POSITIONING = BLE_SIG_AD_TYPE_INDOOR_POSITIONING,
    TRANSPORT_DISCOVERY_DATA = BLE_SIG_AD_TYPE_TRANSPORT_DISCOVERY_DATA,
    LE_SUPPORTED_FEATURES = BLE_SIG_AD_TYPE_LE_SUPPORTED_FEATURES,
    CHANNEL_MAP_UPDATE_INDICATION = BLE_SIG_AD_TYPE_CHANNEL_MAP_UPDATE_INDICATION,
    PB_ADV = BLE_SIG_AD_TYPE_PB_ADV,
    MESH_MESSAGE = BLE_SIG_AD_TYPE_MESH_MESSAGE,
    MESH_BEACON = BLE_SIG_AD_TYPE_MESH_BEACON,
    THREE_D_INFORMATION_DATA = BLE_SIG_AD_TYPE_3D_INFORMATION_DATA,
    MANUFACTURER_SPECIFIC_DATA = BLE_SIG_AD_TYPE_MANUFACTURER_SPECIFIC_DATA
};

// (the misspelled UNDIRECRED is Device OS's name)
enum class BleAdvertisingEventType : uint8_t {
    CONNECTABLE_SCANNABLE_UNDIRECRED = BLE_ADV_CONNECTABLE_SCANNABLE_UNDIRECRED_EVT,
    CONNECTABLE_UNDIRECTED = BLE_ADV_CONNECTABLE_UNDIRECTED_EVT,
    CONNECTABLE_DIRECTED = BLE_ADV_CONNECTABLE_DIRECTED_EVT,
    NON_CONNECTABLE_NON_SCANABLE_UNDIRECTED = BLE_ADV_NON_CONNECTABLE_NON_SCANABLE_UNDIRECTED_EVT,
    NON_CONNECTABLE_NON_SCANABLE_DIRECTED = BLE_ADV_NON_CONNECTABLE_NON_SCANABLE_DIRECTED_EVT,
    SCANABLE_UNDIRECTED = BLE_ADV_SCANABLE_UNDIRECTED_EVT,
    SCANABLE_DIRECTED = BLE_ADV_SCANABLE_DIRECTED_EVT
};

enum class BleAntennaType : uint8_t {
    DEFAULT = BLE_ANT_DEFAULT,
    INTERNAL = BLE_ANT_INTERNAL,
    EXTERNAL = BLE_ANT_EXTERNAL
};

enum class BleAddressType : uint8_t {
    PUBLIC = BLE_SIG_ADDR_TYPE_PUBLIC,
    RANDOM_STATIC = BLE_SIG_ADDR_TYPE_RANDOM_STATIC,
    RANDOM_PRIVATE_RESOLVABLE = BLE_SIG_ADDR_TYPE_RANDOM_PRIVATE_RESOLVABLE,
    RANDOM_PRIVATE_NON_RESOLVABLE = BLE_SIG_ADDR_TYPE_RANDOM_PRIVATE_NON_RESOLVABLE
};

// How setValue() sends: AUTO (by the properties), ACK (indication / write
// with response), NACK (notification / write without response).
enum class BleTxRxType : uint8_t { AUTO = 0, ACK = 1, NACK = 2 };

typedef hal_ble_conn_handle_t BleConnectionHandle;
typedef hal_ble_attr_handle_t BleAttributeHandle;
typedef hal_ble_adv_params_t BleAdvertisingParams;
typedef hal_ble_scan_params_t BleScanParams;
typedef hal_ble_conn_params_t BleConnectionParams;
typedef hal_ble_char_handles_t BleCharacteristicHandles;

typedef void (*BleOnDataReceivedCallback)(const uint8_t* data, size_t len, const BlePeerDevice& peer, void* context);
typedef void (*BleOnScanResultCallback)(const BleScanResult* result, void* context);
typedef void (*BleOnConnectedCallback)(const BlePeerDevice& peer, void* context);
typedef void (*BleOnDisconnectedCallback)(const BlePeerDevice& peer, void* context);

// A 16-bit (SIG) or 128-bit UUID. The bytes are kept least significant first;
// a 16-bit UUID sits in bytes 12..13 of the Bluetooth base UUID. Strings are
// hex digits (any case, dashes optional): 4 digits make a 16-bit UUID, 32 a
// 128-bit one, anything else an invalid UUID.
class BleUuid {
public:
    BleUuid();
    BleUuid(const hal_ble_uuid_t& uuid);
    BleUuid(const uint8_t* uuid128, BleUuidOrder order = BleUuidOrder::LSB);
    BleUuid(const uint8_t* uuid128, uint16_t uuid16, BleUuidOrder order = BleUuidOrder::LSB);
    BleUuid(uint16_t uuid16);
    BleUuid(const String& uuid);
    BleUuid(const char* uuid);

    bool isValid() const;
    bool valid() const { return isValid(); }
    BleUuidType type() const { return type_; }
    hal_ble_uuid_t halUUID() const;
    uint16_t shorted() const;
    size_t rawBytes(uint8_t uuid128[BLE_SIG_UUID_128BIT_LEN]) const;
    const uint8_t* rawBytes() const { return bytes_; }

    // 1.4.0: this form ignores `stripped` and always writes the dashes.
    String toString(bool stripped = false) const;
    size_t toString(char* buf, size_t len, bool stripped = false) const;

    // Comparisons with strings parse the string first (1.4.0 fix #1902).
    bool operator==(const BleUuid& uuid) const;
    bool operator==(const char* uuid) const { return *this == BleUuid(uuid); }
    bool operator==(const String& uuid) const { return *this == BleUuid(uuid); }
    bool operator==(uint16_t uuid) const { return *this == BleUuid(uuid); }
    bool operator==(const uint8_t* uuid128) const { return *this == BleUuid(uuid128); }
    bool operator!=(const BleUuid& uuid) const { return !(*this == uuid); }
    bool operator!=(const char* uuid) const { return !(*this == uuid); }
    bool operator!=(const String& uuid) const { return !(*this == uuid); }
    bool operator!=(uint16_t uuid) const { return !(*this == uuid); }
    bool operator!=(const uint8_t* uuid128) const { return !(*this == uuid128); }

    uint8_t operator[](uint8_t i) const { return i < BLE_SIG_UUID_128BIT_LEN ? bytes_[i] : 0; }

private:
    void parse(const char* text);

    uint8_t bytes_[BLE_SIG_UUID_128BIT_LEN];
    BleUuidType type_;
};

// A device address; addr[0] (and operator[](0)) is the least significant
// byte, strings are most significant first ("9B:44:33:22:11:00").
class BleAddress {
public:
    BleAddress();
    BleAddress(const hal_ble_addr_t& addr);
    BleAddress(const uint8_t addr[BLE_SIG_ADDR_LEN], BleAddressType type = BleAddressType::PUBLIC);
    BleAddress(const char* address, BleAddressType type = BleAddressType::PUBLIC);
    BleAddress(const String& address, BleAddressType type = BleAddressType::PUBLIC);
    // BleAddress({0x00, 0x11, 0x22, 0x33, 0x44, 0x9b}): least significant first
    BleAddress(std::initializer_list<uint8_t> addr, BleAddressType type = BleAddressType::PUBLIC);

    int type(BleAddressType type);
    int set(const hal_ble_addr_t& addr);
    int set(const uint8_t addr[BLE_SIG_ADDR_LEN], BleAddressType type = BleAddressType::PUBLIC);
    int set(const char* address, BleAddressType type = BleAddressType::PUBLIC);
    int set(const String& address, BleAddressType type = BleAddressType::PUBLIC);
    BleAddress& operator=(const hal_ble_addr_t& addr);
    BleAddress& operator=(const uint8_t addr[BLE_SIG_ADDR_LEN]);
    BleAddress& operator=(const char* address);
    BleAddress& operator=(const String& address);

    BleAddressType type() const { return static_cast<BleAddressType>(address_.addr_type); }
    void octets(uint8_t addr[BLE_SIG_ADDR_LEN]) const;
    String toString(bool stripped = false) const;
    size_t toString(char* buf, size_t len, bool stripped = false) const;
    hal_ble_addr_t halAddress() const { return address_; }
    uint8_t operator[](uint8_t i) const { return i < BLE_SIG_ADDR_LEN ? address_.addr[i] : 0; }
    bool isValid() const;
    bool valid() const { return isValid(); }
    int clear();

    // The six bytes decide (the address type does not).
    bool operator==(const BleAddress& addr) const;
    bool operator==(const char* address) const { return *this == BleAddress(address); }
    bool operator==(const String& address) const { return *this == BleAddress(address); }
    bool operator!=(const BleAddress& addr) const { return !(*this == addr); }
    bool operator!=(const char* address) const { return !(*this == address); }
    bool operator!=(const String& address) const { return !(*this == address); }

private:
    hal_ble_addr_t address_;
};

// An Apple iBeacon: advertised as manufacturer data of company 0x004C,
// type 0x02, 0x15 bytes (UUID, major, minor, measured power).
class iBeacon {
public:
    iBeacon() : major{0}, minor{0}, measurePower{0} {}
    template <typename T>
    iBeacon(uint16_t maj, uint16_t min, T id, int8_t power) : major{maj}, minor{min}, uuid(id), measurePower{power}
    {
    }

    uint16_t major;
    uint16_t minor;
    BleUuid uuid;
    int8_t measurePower;

    static const uint16_t APPLE_COMPANY_ID = 0x004C;
    static const uint8_t BEACON_TYPE_IBEACON = 0x02;
};

// Advertising or scan response data: AD structures (length, type, data),
// 31 bytes at most. A new object holds the FLAGS structure (02 01 06).
class BleAdvertisingData {
public:
    BleAdvertisingData();
    BleAdvertisingData(const iBeacon& beacon);

    size_t set(const uint8_t* buf, size_t len);
    size_t set(const iBeacon& beacon);

    // Without force, an existing structure of the type is replaced.
    size_t append(BleAdvertisingDataType type, const uint8_t* buf, size_t len, bool force = false);
    size_t appendCustomData(const uint8_t* buf, size_t len, bool force = false);
    size_t appendLocalName(const char* name);
    size_t appendLocalName(const String& name);
    size_t appendAppearance(uint16_t appearance);
    template <typename T>
    size_t appendServiceUUID(T uuid, bool force = false)
    {
        return appendUuid(BleUuid(uuid), force);
    }

    size_t resize(size_t size);
    void clear();
    void remove(BleAdvertisingDataType type);

    size_t get(uint8_t* buf, size_t len) const;
    size_t get(BleAdvertisingDataType type, uint8_t* buf, size_t len) const;
    uint8_t* data() { return data_; }
    const uint8_t* data() const { return data_; }
    size_t length() const { return len_; }

    String deviceName() const;
    size_t deviceName(char* buf, size_t len) const;
    size_t serviceUUID(BleUuid* uuids, size_t count) const;
    size_t customData(uint8_t* buf, size_t len) const;
    uint16_t appearance() const;
    bool contains(BleAdvertisingDataType type) const;

    uint8_t operator[](uint8_t i) const { return i < len_ ? data_[i] : 0; }
    size_t operator()(uint8_t* buf, size_t len) const { return get(buf, len); }

private:
    size_t appendUuid(const BleUuid& uuid, bool force);
    // offset of the first structure of the type, or -1
    int find(uint8_t type, size_t from = 0) const;

    uint8_t data_[BLE_MAX_ADV_DATA_LEN];
    size_t len_;
};

} // namespace particle

#endif // SPARK_WIRING_BLE_TYPES_H
