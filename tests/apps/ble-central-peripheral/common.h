// Shared by the two halves of the BLE central/peripheral suite: the service,
// its characteristics and the strings the devices exchange, and a buffer of
// received strings (filled in the BLE thread, read by the tests).
#ifndef BLE_CENTRAL_PERIPHERAL_COMMON_H
#define BLE_CENTRAL_PERIPHERAL_COMMON_H

#include "Particle.h"

#include <atomic>
#include <cstring>

namespace suite {

const char* const SERVICE_UUID = "6E400001-B5A3-F393-E0A9-E50E24DCCA9E";
const char* const RX_UUID = "6E400002-B5A3-F393-E0A9-E50E24DCCA9E"; // central -> peripheral
const char* const TX_UUID = "6E400003-B5A3-F393-E0A9-E50E24DCCA9E"; // peripheral -> central

// Sent with BleTxRxType AUTO, ACK and NACK, in this order, by each side.
const char* const STRINGS[3] = {"This is string 1.", "Hello from Particle.", "Have a good day!"};

// The first strings received, in order of arrival.
class Inbox {
public:
    void add(const uint8_t* data, size_t len)
    {
        int n = count_.load();
        if (n >= SLOTS) {
            return;
        }
        if (len >= sizeof(text_[n])) {
            len = sizeof(text_[n]) - 1;
        }
        memcpy(text_[n], data, len);
        text_[n][len] = '\0';
        count_.store(n + 1);
    }

    // Waits (letting device time pass) until string `index` has arrived;
    // returns it, or "" after `timeoutMs`.
    const char* wait(int index, system_tick_t timeoutMs) const
    {
        system_tick_t start = millis();
        while (count_.load() <= index && millis() - start < timeoutMs) {
            delay(10);
        }
        return count_.load() > index ? text_[index] : "";
    }

    int count() const { return count_.load(); }

private:
    static const int SLOTS = 8;
    char text_[SLOTS][64] = {};
    std::atomic<int> count_{0};
};

// Waits up to `timeoutMs` for `cond()`; returns its last value.
template <typename F>
bool holdsWithin(F cond, system_tick_t timeoutMs)
{
    system_tick_t start = millis();
    while (!cond() && millis() - start < timeoutMs) {
        delay(10);
    }
    return cond();
}

} // namespace suite

#endif // BLE_CENTRAL_PERIPHERAL_COMMON_H
