// vdev wiring: System.sleep() in its Device OS 1.4 forms and SleepResult;
// System.factoryReset() and the reset switches (enableReset/disableReset,
// resetEnabled/resetPending), on the system's lifecycle and sleep modules.
#include "application.h"
#include "system_lifecycle.h"
#include "system_sleep.h"

namespace {
// the latest sleep's result; after a deep sleep, what woke the device is
// known only as "the pin or the timer" (Device OS: WKP, PIN_OR_RTC)
SleepResult last_result;
bool have_result = false;
} // namespace

SleepResult::SleepResult(int ret, const pin_t* pins, size_t pinsSize)
{
    if (ret > 0) {
        if ((size_t)(ret - 1) < pinsSize) {
            pin_ = pins[ret - 1];
            reason_ = WAKEUP_REASON_PIN;
        }
    } else if (ret == 0) {
        reason_ = WAKEUP_REASON_RTC;
    } else {
        err_ = ret;
    }
}

SleepResult SystemClass::sleep(Spark_Sleep_TypeDef sleepMode, long seconds, SleepOptionFlags flag)
{
    int rc = system_sleep(sleepMode, seconds, flag.value(), nullptr);
    last_result = SleepResult(WAKEUP_REASON_NONE, rc);
    have_result = true;
    return last_result;
}

SleepResult SystemClass::sleepPins(const pin_t* pins, size_t npins, const InterruptMode* modes, size_t nmodes,
                                   long seconds, SleepOptionFlags flags)
{
    int rc = system_sleep_pins(pins, npins, modes, nmodes, seconds, flags.value(), nullptr);
    last_result = SleepResult(rc, pins, npins);
    have_result = true;
    return last_result;
}

SleepResult SystemClass::sleepResult()
{
    if (!have_result) {
        have_result = true;
        if (resetReason() == RESET_REASON_POWER_MANAGEMENT) // woken from deep sleep
            last_result = SleepResult(WAKEUP_REASON_PIN_OR_RTC, 0, vdev_system_wkp_pin());
    }
    return last_result;
}

void SystemClass::factoryReset(void) { vdev_system_factory_reset(); }
void SystemClass::enableReset() { vdev_system_enable_reset(true); }
void SystemClass::disableReset() { vdev_system_enable_reset(false); }
uint8_t SystemClass::resetEnabled() { return vdev_system_reset_enabled(); }
uint8_t SystemClass::resetPending() { return vdev_system_reset_pending(); }
