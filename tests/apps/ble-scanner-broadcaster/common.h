// Shared by the two halves of the BLE scanner/broadcaster suite: the iBeacon
// the broadcaster advertises and a decoder of iBeacon manufacturer data.
#ifndef BLE_SCANNER_BROADCASTER_COMMON_H
#define BLE_SCANNER_BROADCASTER_COMMON_H

#include "Particle.h"

namespace suite {

const char* const BEACON_UUID = "9c1b8bdc-5548-4e32-8a78-b9f524131206";
const uint16_t BEACON_MAJOR = 1;
const uint16_t BEACON_MINOR = 2;
const int8_t BEACON_POWER = -55;

struct BeaconFields {
    uint8_t uuid[16]; // most significant byte first, as on air
    uint16_t major;
    uint16_t minor;
    int8_t power;
};

// Decodes an iBeacon from advertising data: manufacturer data of Apple
// (0x004C, little endian) with type 0x02 and 0x15 bytes of payload.
inline bool decodeBeacon(const BleAdvertisingData& data, BeaconFields* out)
{
    uint8_t m[BLE_MAX_ADV_DATA_LEN];
    size_t n = data.customData(m, sizeof(m));
    if (n != 25 || m[0] != 0x4C || m[1] != 0x00 || m[2] != 0x02 || m[3] != 0x15) {
        return false;
    }
    memcpy(out->uuid, m + 4, 16);
    out->major = (uint16_t)(m[20] << 8 | m[21]);
    out->minor = (uint16_t)(m[22] << 8 | m[23]);
    out->power = (int8_t)m[24];
    return true;
}

// Whether `data` is the suite's beacon (UUID, major and minor).
inline bool isOurBeacon(const BleAdvertisingData& data)
{
    BeaconFields f;
    if (!decodeBeacon(data, &f)) {
        return false;
    }
    BleUuid expected(BEACON_UUID);
    for (int i = 0; i < 16; i++) {
        if (f.uuid[i] != expected[(uint8_t)(15 - i)]) {
            return false;
        }
    }
    return f.major == BEACON_MAJOR && f.minor == BEACON_MINOR;
}

} // namespace suite

#endif // BLE_SCANNER_BROADCASTER_COMMON_H
