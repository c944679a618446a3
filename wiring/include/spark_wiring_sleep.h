// vdev wiring: what System.sleep() takes and returns (Device OS 1.4):
// the sleep option flags, the wake-up reasons and SleepResult.
#ifndef SPARK_WIRING_SLEEP_H
#define SPARK_WIRING_SLEEP_H

#include "hal_platform.h"
#include "system_sleep.h"

#include <cstdint>
#include <limits>

#ifndef SYSTEM_ERROR_T_DEFINED
#define SYSTEM_ERROR_T_DEFINED
typedef int system_error_t;
#endif

// One or more System_Sleep_Flag values; SLEEP_NETWORK_OFF is none of them.
class SleepOptionFlags {
public:
    constexpr SleepOptionFlags() : v_(0) {}
    constexpr SleepOptionFlags(System_Sleep_Flag f) : v_(static_cast<uint32_t>(f)) {}
    constexpr explicit SleepOptionFlags(uint32_t v) : v_(v) {}
    constexpr uint32_t value() const { return v_; }
    constexpr bool isSet(SleepOptionFlags f) const { return (v_ & f.v_) == f.v_; }
    constexpr SleepOptionFlags operator|(SleepOptionFlags o) const { return SleepOptionFlags(v_ | o.v_); }
    SleepOptionFlags& operator|=(SleepOptionFlags o)
    {
        v_ |= o.v_;
        return *this;
    }

private:
    uint32_t v_;
};
typedef SleepOptionFlags SleepOptionFlag;

const SleepOptionFlags SLEEP_NETWORK_OFF(SYSTEM_SLEEP_FLAG_NETWORK_OFF);
const SleepOptionFlags SLEEP_NETWORK_STANDBY(SYSTEM_SLEEP_FLAG_NETWORK_STANDBY);
const SleepOptionFlags SLEEP_DISABLE_WKP_PIN(SYSTEM_SLEEP_FLAG_DISABLE_WKP_PIN);
const SleepOptionFlags SLEEP_NO_WAIT(SYSTEM_SLEEP_FLAG_NO_WAIT);

enum WakeupReason {
    WAKEUP_REASON_NONE = 0,
    WAKEUP_REASON_PIN = 1,
    WAKEUP_REASON_RTC = 2,
    WAKEUP_REASON_PIN_OR_RTC = 3
};

// What the latest System.sleep() came back with.
class SleepResult {
public:
    SleepResult() {}
    SleepResult(WakeupReason r, system_error_t e, pin_t p = std::numeric_limits<pin_t>::max())
        : reason_(r), err_(e), pin_(p)
    {
    }
    // From the system's answer: a pin's index + 1, 0 for the timer, < 0 an error.
    SleepResult(int ret, const pin_t* pins, size_t pinsSize);

    WakeupReason reason() const { return reason_; }
    bool wokenUpByRtc() const { return reason_ == WAKEUP_REASON_RTC || reason_ == WAKEUP_REASON_PIN_OR_RTC; }
    bool wokenUpByPin() const { return reason_ == WAKEUP_REASON_PIN || reason_ == WAKEUP_REASON_PIN_OR_RTC; }
    pin_t pin() const { return pin_; }
    bool rtc() const { return wokenUpByRtc(); }
    system_error_t error() const { return err_; }

private:
    WakeupReason reason_ = WAKEUP_REASON_NONE;
    system_error_t err_ = 0;
    pin_t pin_ = std::numeric_limits<pin_t>::max();
};

#endif
