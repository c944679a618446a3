// vdev wiring: BleAdvertisingData -- AD structures (length, type, data) in
// 31 bytes, and the iBeacon layout. Pure code: no HAL calls.
#include "spark_wiring_ble_types.h"

#include <cstring>

namespace particle {

/* ----------------------------------------------------- BleAdvertisingData */

BleAdvertisingData::BleAdvertisingData() : len_(0)
{
    memset(data_, 0, sizeof(data_));
    uint8_t flags = BLE_SIG_ADV_FLAGS_LE_ONLY_GENERAL_DISC_MODE;
    append(BleAdvertisingDataType::FLAGS, &flags, 1);
}

BleAdvertisingData::BleAdvertisingData(const iBeacon& beacon) : BleAdvertisingData()
{
    set(beacon);
}

size_t BleAdvertisingData::set(const uint8_t* buf, size_t len)
{
    if (buf == nullptr) {
        len = 0;
    }
    len_ = len < sizeof(data_) ? len : sizeof(data_);
    if (len_) {
        memmove(data_, buf, len_);
    }
    return len_;
}

size_t BleAdvertisingData::set(const iBeacon& beacon)
{
    clear();
    if (beacon.uuid.type() != BleUuidType::LONG) {
        return 0; // an iBeacon needs a 128-bit UUID
    }
    uint8_t* p = data_;
    *p++ = 2;
    *p++ = BLE_SIG_AD_TYPE_FLAGS;
    *p++ = BLE_SIG_ADV_FLAGS_LE_ONLY_GENERAL_DISC_MODE;
    *p++ = 1 + 2 + 2 + BLE_SIG_UUID_128BIT_LEN + 2 + 2 + 1; // type, company, beacon type/len, payload
    *p++ = BLE_SIG_AD_TYPE_MANUFACTURER_SPECIFIC_DATA;
    *p++ = iBeacon::APPLE_COMPANY_ID & 0xFF; // company id, little endian
    *p++ = iBeacon::APPLE_COMPANY_ID >> 8;
    *p++ = iBeacon::BEACON_TYPE_IBEACON;
    *p++ = 0x15; // the bytes that follow
    for (size_t i = 0; i < BLE_SIG_UUID_128BIT_LEN; i++) {
        *p++ = beacon.uuid[(uint8_t)(BLE_SIG_UUID_128BIT_LEN - 1 - i)]; // most significant first
    }
    *p++ = beacon.major >> 8;
    *p++ = beacon.major & 0xFF;
    *p++ = beacon.minor >> 8;
    *p++ = beacon.minor & 0xFF;
    *p++ = (uint8_t)beacon.measurePower;
    len_ = (size_t)(p - data_);
    return len_;
}

int BleAdvertisingData::find(uint8_t type, size_t from) const
{
    size_t i = from;
    while (i + 1 < len_) {
        size_t fieldLen = data_[i];
        if (fieldLen == 0 || i + 1 + fieldLen > len_) {
            return -1; // padding or a malformed structure ends the data
        }
        if (data_[i + 1] == type) {
            return (int)i;
        }
        i += 1 + fieldLen;
    }
    return -1;
}

size_t BleAdvertisingData::append(BleAdvertisingDataType type, const uint8_t* buf, size_t len, bool force)
{
    if (buf == nullptr && len > 0) {
        return len_;
    }
    uint8_t t = static_cast<uint8_t>(type);
    int at = force ? -1 : find(t);
    if (at >= 0) {
        // replace the data of the existing structure, if the result fits
        size_t oldTotal = 1 + data_[at];
        size_t newTotal = 2 + len;
        if (len_ - oldTotal + newTotal > sizeof(data_)) {
            return len_;
        }
        size_t tail = len_ - (at + oldTotal);
        memmove(data_ + at + newTotal, data_ + at + oldTotal, tail);
        data_[at] = (uint8_t)(len + 1);
        if (len) {
            memcpy(data_ + at + 2, buf, len);
        }
        len_ = len_ - oldTotal + newTotal;
        return len_;
    }
    if (len_ + 2 + len > sizeof(data_)) {
        return len_;
    }
    data_[len_++] = (uint8_t)(len + 1);
    data_[len_++] = t;
    if (len) {
        memcpy(data_ + len_, buf, len);
    }
    len_ += len;
    return len_;
}

size_t BleAdvertisingData::appendCustomData(const uint8_t* buf, size_t len, bool force)
{
    return append(BleAdvertisingDataType::MANUFACTURER_SPECIFIC_DATA, buf, len, force);
}

size_t BleAdvertisingData::appendLocalName(const char* name)
{
    if (name == nullptr) {
        return len_;
    }
    return append(BleAdvertisingDataType::COMPLETE_LOCAL_NAME, reinterpret_cast<const uint8_t*>(name), strlen(name));
}

size_t BleAdvertisingData::appendLocalName(const String& name)
{
    return appendLocalName(name.c_str());
}

size_t BleAdvertisingData::appendAppearance(uint16_t appearance)
{
    uint8_t le[2] = {(uint8_t)(appearance & 0xFF), (uint8_t)(appearance >> 8)};
    return append(BleAdvertisingDataType::APPEARANCE, le, sizeof(le));
}

size_t BleAdvertisingData::appendUuid(const BleUuid& uuid, bool force)
{
    if (uuid.type() == BleUuidType::SHORT) {
        uint16_t v = uuid.shorted();
        uint8_t le[2] = {(uint8_t)(v & 0xFF), (uint8_t)(v >> 8)};
        return append(BleAdvertisingDataType::SERVICE_UUID_16BIT_COMPLETE, le, sizeof(le), force);
    }
    return append(BleAdvertisingDataType::SERVICE_UUID_128BIT_COMPLETE, uuid.rawBytes(), BLE_SIG_UUID_128BIT_LEN, force);
}

size_t BleAdvertisingData::resize(size_t size)
{
    if (size > sizeof(data_)) {
        size = sizeof(data_);
    }
    if (size > len_) {
        memset(data_ + len_, 0, size - len_);
    }
    len_ = size;
    return len_;
}

void BleAdvertisingData::clear()
{
    memset(data_, 0, sizeof(data_));
    len_ = 0;
}

void BleAdvertisingData::remove(BleAdvertisingDataType type)
{
    int at;
    while ((at = find(static_cast<uint8_t>(type))) >= 0) {
        size_t total = 1 + data_[at];
        memmove(data_ + at, data_ + at + total, len_ - (at + total));
        len_ -= total;
        memset(data_ + len_, 0, total);
    }
}

size_t BleAdvertisingData::get(uint8_t* buf, size_t len) const
{
    if (buf == nullptr) {
        return len_;
    }
    size_t n = len < len_ ? len : len_;
    memcpy(buf, data_, n);
    return n;
}

size_t BleAdvertisingData::get(BleAdvertisingDataType type, uint8_t* buf, size_t len) const
{
    int at = find(static_cast<uint8_t>(type));
    if (at < 0) {
        return 0;
    }
    size_t dataLen = data_[at] - 1u;
    if (buf == nullptr) {
        return dataLen;
    }
    size_t n = len < dataLen ? len : dataLen;
    memcpy(buf, data_ + at + 2, n);
    return n;
}

size_t BleAdvertisingData::deviceName(char* buf, size_t len) const
{
    if (buf == nullptr || len == 0) {
        return 0;
    }
    // room for the terminating NUL
    size_t n = get(BleAdvertisingDataType::COMPLETE_LOCAL_NAME, reinterpret_cast<uint8_t*>(buf), len - 1);
    if (n == 0) {
        n = get(BleAdvertisingDataType::SHORT_LOCAL_NAME, reinterpret_cast<uint8_t*>(buf), len - 1);
    }
    buf[n] = '\0';
    return n;
}

String BleAdvertisingData::deviceName() const
{
    char buf[BLE_MAX_ADV_DATA_LEN + 1];
    size_t n = deviceName(buf, sizeof(buf));
    return String(buf, (unsigned)n);
}

size_t BleAdvertisingData::serviceUUID(BleUuid* uuids, size_t count) const
{
    static const uint8_t types[] = {BLE_SIG_AD_TYPE_16BIT_SERVICE_UUID_MORE_AVAILABLE,
                                    BLE_SIG_AD_TYPE_16BIT_SERVICE_UUID_COMPLETE,
                                    BLE_SIG_AD_TYPE_128BIT_SERVICE_UUID_MORE_AVAILABLE,
                                    BLE_SIG_AD_TYPE_128BIT_SERVICE_UUID_COMPLETE};
    if (uuids == nullptr) {
        return 0;
    }
    size_t found = 0;
    for (uint8_t t : types) {
        bool is16 = t == BLE_SIG_AD_TYPE_16BIT_SERVICE_UUID_MORE_AVAILABLE ||
                    t == BLE_SIG_AD_TYPE_16BIT_SERVICE_UUID_COMPLETE;
        size_t step = is16 ? BLE_SIG_UUID_16BIT_LEN : BLE_SIG_UUID_128BIT_LEN;
        for (int at = find(t); at >= 0; at = find(t, at + 1 + data_[at])) {
            size_t dataLen = data_[at] - 1u;
            const uint8_t* p = data_ + at + 2;
            for (size_t k = 0; k + step <= dataLen && found < count; k += step) {
                uuids[found++] = is16 ? BleUuid((uint16_t)(p[k] | p[k + 1] << 8)) : BleUuid(p + k);
            }
        }
    }
    return found;
}

size_t BleAdvertisingData::customData(uint8_t* buf, size_t len) const
{
    return get(BleAdvertisingDataType::MANUFACTURER_SPECIFIC_DATA, buf, len);
}

uint16_t BleAdvertisingData::appearance() const
{
    uint8_t le[2];
    if (get(BleAdvertisingDataType::APPEARANCE, le, sizeof(le)) != sizeof(le)) {
        return 0;
    }
    return (uint16_t)(le[0] | le[1] << 8);
}

bool BleAdvertisingData::contains(BleAdvertisingDataType type) const
{
    return find(static_cast<uint8_t>(type)) >= 0;
}

} // namespace particle
