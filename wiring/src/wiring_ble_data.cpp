// vdev wiring: the BLE value types -- BleUuid, BleAddress, BleAdvertisingData
// (and its iBeacon layout). Pure code: no HAL calls.
#include "spark_wiring_ble_types.h"

#include <cstring>

namespace particle {

namespace {

// The Bluetooth base UUID 00000000-0000-1000-8000-00805F9B34FB, least
// significant byte first; a 16-bit UUID goes into bytes 12 and 13.
const uint8_t BASE_UUID[BLE_SIG_UUID_128BIT_LEN] = {0xFB, 0x34, 0x9B, 0x5F, 0x80, 0x00, 0x00, 0x80,
                                                    0x00, 0x10, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00};
const size_t UUID16_LO = 12;
const size_t UUID16_HI = 13;

const char HEX_DIGITS[] = "0123456789ABCDEF";

int hexValue(char c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

// Writes `n` bytes most significant first (src[n-1] first) as upper-case
// hex into out, inserting '-' before the byte positions in `dashesAt`
// (counted from the most significant byte). Returns the characters written.
size_t hexOut(const uint8_t* src, size_t n, const uint8_t* dashesAt, size_t ndashes, char sep, char* out)
{
    size_t w = 0;
    for (size_t i = 0; i < n; i++) {
        for (size_t d = 0; sep && d < ndashes; d++) {
            if (dashesAt[d] == i) {
                out[w++] = sep;
            }
        }
        uint8_t b = src[n - 1 - i];
        out[w++] = HEX_DIGITS[b >> 4];
        out[w++] = HEX_DIGITS[b & 0x0F];
    }
    out[w] = '\0';
    return w;
}

size_t copyOut(const char* text, size_t textLen, char* buf, size_t len)
{
    if (buf == nullptr || len == 0) {
        return 0;
    }
    size_t n = textLen < len - 1 ? textLen : len - 1;
    memcpy(buf, text, n);
    buf[n] = '\0';
    return n;
}

} // namespace

/* ---------------------------------------------------------------- BleUuid */

BleUuid::BleUuid() : type_(BleUuidType::SHORT)
{
    memcpy(bytes_, BASE_UUID, sizeof(bytes_));
}

BleUuid::BleUuid(const hal_ble_uuid_t& uuid) : BleUuid()
{
    if (uuid.type == BLE_UUID_TYPE_16BIT) {
        bytes_[UUID16_LO] = uuid.uuid16 & 0xFF;
        bytes_[UUID16_HI] = uuid.uuid16 >> 8;
    } else {
        memcpy(bytes_, uuid.uuid128, sizeof(bytes_));
        type_ = BleUuidType::LONG;
    }
}

BleUuid::BleUuid(const uint8_t* uuid128, BleUuidOrder order) : BleUuid()
{
    type_ = BleUuidType::LONG;
    if (uuid128 == nullptr) {
        memset(bytes_, 0, sizeof(bytes_));
        return;
    }
    for (size_t i = 0; i < BLE_SIG_UUID_128BIT_LEN; i++) {
        bytes_[i] = order == BleUuidOrder::LSB ? uuid128[i] : uuid128[BLE_SIG_UUID_128BIT_LEN - 1 - i];
    }
}

BleUuid::BleUuid(const uint8_t* uuid128, uint16_t uuid16, BleUuidOrder order) : BleUuid(uuid128, order)
{
    bytes_[UUID16_LO] = uuid16 & 0xFF;
    bytes_[UUID16_HI] = uuid16 >> 8;
}

BleUuid::BleUuid(uint16_t uuid16) : BleUuid()
{
    bytes_[UUID16_LO] = uuid16 & 0xFF;
    bytes_[UUID16_HI] = uuid16 >> 8;
}

BleUuid::BleUuid(const String& uuid) : BleUuid()
{
    parse(uuid.c_str());
}

BleUuid::BleUuid(const char* uuid) : BleUuid()
{
    parse(uuid);
}

void BleUuid::parse(const char* text)
{
    // invalid unless the digits make a 16-bit or a 128-bit UUID
    type_ = BleUuidType::LONG;
    memset(bytes_, 0, sizeof(bytes_));
    if (text == nullptr) {
        return;
    }
    uint8_t digits[2 * BLE_SIG_UUID_128BIT_LEN];
    size_t n = 0;
    for (const char* p = text; *p; p++) {
        int v = hexValue(*p);
        if (v < 0) {
            continue; // dashes, braces, blanks
        }
        if (n == sizeof(digits)) {
            return; // too many digits
        }
        digits[n++] = (uint8_t)v;
    }
    if (n == 4) {
        memcpy(bytes_, BASE_UUID, sizeof(bytes_));
        bytes_[UUID16_HI] = (uint8_t)(digits[0] << 4 | digits[1]);
        bytes_[UUID16_LO] = (uint8_t)(digits[2] << 4 | digits[3]);
        type_ = BleUuidType::SHORT;
    } else if (n == sizeof(digits)) {
        for (size_t i = 0; i < BLE_SIG_UUID_128BIT_LEN; i++) {
            bytes_[BLE_SIG_UUID_128BIT_LEN - 1 - i] = (uint8_t)(digits[2 * i] << 4 | digits[2 * i + 1]);
        }
    }
}

bool BleUuid::isValid() const
{
    if (type_ == BleUuidType::SHORT) {
        return shorted() != 0;
    }
    for (uint8_t b : bytes_) {
        if (b) {
            return true;
        }
    }
    return false;
}

hal_ble_uuid_t BleUuid::halUUID() const
{
    hal_ble_uuid_t u;
    memset(&u, 0, sizeof(u));
    if (type_ == BleUuidType::SHORT) {
        u.uuid16 = shorted();
        u.type = BLE_UUID_TYPE_16BIT;
    } else {
        memcpy(u.uuid128, bytes_, sizeof(bytes_));
        u.type = BLE_UUID_TYPE_128BIT;
    }
    return u;
}

uint16_t BleUuid::shorted() const
{
    return (uint16_t)(bytes_[UUID16_HI] << 8 | bytes_[UUID16_LO]);
}

size_t BleUuid::rawBytes(uint8_t uuid128[BLE_SIG_UUID_128BIT_LEN]) const
{
    if (uuid128 == nullptr) {
        return 0;
    }
    memcpy(uuid128, bytes_, sizeof(bytes_));
    return BLE_SIG_UUID_128BIT_LEN;
}

String BleUuid::toString(bool /*stripped: ignored, as in 1.4.0*/) const
{
    char buf[40];
    toString(buf, sizeof(buf), false);
    return String(buf);
}

size_t BleUuid::toString(char* buf, size_t len, bool stripped) const
{
    static const uint8_t dashes[] = {4, 6, 8, 10};
    char text[40];
    size_t n;
    if (type_ == BleUuidType::SHORT) {
        n = hexOut(bytes_ + UUID16_LO, 2, nullptr, 0, 0, text);
    } else {
        n = hexOut(bytes_, BLE_SIG_UUID_128BIT_LEN, dashes, sizeof(dashes), stripped ? 0 : '-', text);
    }
    return copyOut(text, n, buf, len);
}

bool BleUuid::operator==(const BleUuid& uuid) const
{
    // A 16-bit UUID equals its 128-bit form on the base UUID.
    return memcmp(bytes_, uuid.bytes_, sizeof(bytes_)) == 0;
}

/* ------------------------------------------------------------- BleAddress */

BleAddress::BleAddress()
{
    clear();
}

BleAddress::BleAddress(const hal_ble_addr_t& addr) : BleAddress()
{
    set(addr);
}

BleAddress::BleAddress(const uint8_t addr[BLE_SIG_ADDR_LEN], BleAddressType type) : BleAddress()
{
    set(addr, type);
}

BleAddress::BleAddress(const char* address, BleAddressType type) : BleAddress()
{
    set(address, type);
}

BleAddress::BleAddress(const String& address, BleAddressType type) : BleAddress()
{
    set(address.c_str(), type);
}

BleAddress::BleAddress(std::initializer_list<uint8_t> addr, BleAddressType type) : BleAddress()
{
    size_t i = 0;
    for (uint8_t b : addr) {
        if (i < BLE_SIG_ADDR_LEN) {
            address_.addr[i++] = b;
        }
    }
    address_.addr_type = static_cast<ble_sig_addr_type_t>(type);
}

int BleAddress::type(BleAddressType type)
{
    address_.addr_type = static_cast<ble_sig_addr_type_t>(type);
    return 0;
}

int BleAddress::set(const hal_ble_addr_t& addr)
{
    address_ = addr;
    return 0;
}

int BleAddress::set(const uint8_t addr[BLE_SIG_ADDR_LEN], BleAddressType type)
{
    if (addr == nullptr) {
        return SYSTEM_ERROR_INVALID_ARGUMENT;
    }
    memcpy(address_.addr, addr, BLE_SIG_ADDR_LEN);
    address_.addr_type = static_cast<ble_sig_addr_type_t>(type);
    return 0;
}

// Most significant byte first. A hex digit starts a byte; the character
// after it is its low nibble if it is a hex digit, else the byte ends with a
// zero nibble (and that character is used up). Other characters between
// bytes are skipped; missing bytes are zero, extra ones ignored.
int BleAddress::set(const char* address, BleAddressType type)
{
    if (address == nullptr) {
        return SYSTEM_ERROR_INVALID_ARGUMENT;
    }
    uint8_t msbFirst[BLE_SIG_ADDR_LEN] = {};
    size_t n = 0;
    for (const char* p = address; *p && n < BLE_SIG_ADDR_LEN; p++) {
        int hi = hexValue(*p);
        if (hi < 0) {
            continue;
        }
        int lo = 0;
        if (p[1]) {
            p++;
            lo = hexValue(*p);
            if (lo < 0) {
                lo = 0;
            }
        }
        msbFirst[n++] = (uint8_t)(hi << 4 | lo);
    }
    for (size_t i = 0; i < BLE_SIG_ADDR_LEN; i++) {
        address_.addr[i] = msbFirst[BLE_SIG_ADDR_LEN - 1 - i];
    }
    address_.addr_type = static_cast<ble_sig_addr_type_t>(type);
    return 0;
}

int BleAddress::set(const String& address, BleAddressType type)
{
    return set(address.c_str(), type);
}

BleAddress& BleAddress::operator=(const hal_ble_addr_t& addr)
{
    set(addr);
    return *this;
}

BleAddress& BleAddress::operator=(const uint8_t addr[BLE_SIG_ADDR_LEN])
{
    set(addr, type());
    return *this;
}

BleAddress& BleAddress::operator=(const char* address)
{
    set(address, type());
    return *this;
}

BleAddress& BleAddress::operator=(const String& address)
{
    set(address.c_str(), type());
    return *this;
}

void BleAddress::octets(uint8_t addr[BLE_SIG_ADDR_LEN]) const
{
    if (addr) {
        memcpy(addr, address_.addr, BLE_SIG_ADDR_LEN);
    }
}

String BleAddress::toString(bool stripped) const
{
    char buf[20];
    toString(buf, sizeof(buf), stripped);
    return String(buf);
}

size_t BleAddress::toString(char* buf, size_t len, bool stripped) const
{
    char text[20];
    size_t w = 0;
    for (size_t i = 0; i < BLE_SIG_ADDR_LEN; i++) {
        if (i > 0 && !stripped) {
            text[w++] = ':';
        }
        uint8_t b = address_.addr[BLE_SIG_ADDR_LEN - 1 - i];
        text[w++] = HEX_DIGITS[b >> 4];
        text[w++] = HEX_DIGITS[b & 0x0F];
    }
    text[w] = '\0';
    return copyOut(text, w, buf, len);
}

// Not all zeros and not all ones.
bool BleAddress::isValid() const
{
    bool anySet = false, anyClear = false;
    for (uint8_t b : address_.addr) {
        anySet = anySet || b != 0x00;
        anyClear = anyClear || b != 0xFF;
    }
    return anySet && anyClear;
}

int BleAddress::clear()
{
    memset(&address_, 0, sizeof(address_));
    address_.addr_type = BLE_SIG_ADDR_TYPE_PUBLIC;
    return 0;
}

bool BleAddress::operator==(const BleAddress& addr) const
{
    return memcmp(address_.addr, addr.address_.addr, BLE_SIG_ADDR_LEN) == 0;
}

} // namespace particle
