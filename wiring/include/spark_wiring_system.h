// vdev wiring: the System object (millis, uptime, version, deviceID, reset,
// reset reasons, features, events, sleep, safe mode, DFU, factory reset),
// SYSTEM_MODE, SYSTEM_THREAD and STARTUP.
#ifndef SPARK_WIRING_SYSTEM_H
#define SPARK_WIRING_SYSTEM_H

#include "core_hal.h"
#include "interrupts_hal.h"
#include "spark_wiring_sleep.h"
#include "spark_wiring_string.h"
#include "system_button.h"
#include "system_mode.h"
#include "timer_hal.h"

#include <functional>
#include <initializer_list>

typedef uint64_t system_event_t;
enum SystemEvents : uint64_t {
    wifi_listen_begin = 1 << 1,
    wifi_listen_update = 1 << 2,
    wifi_listen_end = 1 << 3,
    setup_begin = wifi_listen_begin,
    setup_update = wifi_listen_update,
    setup_end = wifi_listen_end,
    network_credentials = 1 << 4,
    network_status = 1 << 5,
    cloud_status = 1 << 6,
    button_status = 1 << 7,
    firmware_update = 1 << 8,
    firmware_update_pending = 1 << 9,
    reset_pending = 1 << 10,
    reset = 1 << 11,
    button_click = 1 << 12,
    button_final_click = 1 << 13,
    time_changed = 1 << 14,
    low_battery = 1 << 15,
    battery_state = 1 << 16,
    power_source = 1 << 17,
    out_of_memory = 1 << 18,
    all_events = 0xFFFFFFFFFFFFFFFFull
};

// the data of network_status and network_credentials events
enum NetworkStatusEventParam {
    network_status_powering_off = 2,
    network_status_off = 3,
    network_status_powering_on = 4,
    network_status_on = 5,
    network_status_connecting = 8,
    network_status_connected = 9,
    network_status_disconnecting = 10,
    network_status_disconnected = 11
};
enum NetworkCredentialsEventParam { network_credentials_added = 1, network_credentials_cleared = 2 };

// the data of cloud_status and time_changed events
enum CloudStatusEventParam {
    cloud_status_disconnected = 0,
    cloud_status_connecting = 1,
    cloud_status_handshake = 2,
    cloud_status_session_resume = 3,
    cloud_status_connected = 8,
    cloud_status_disconnecting = 9
};
enum TimeChangedEventParam { time_changed_manually = 0, time_changed_sync = 1 };

typedef void(system_event_handler_t)(system_event_t event, int data, void* pointer);

// button_click / button_final_click: the number of clicks is in the low 4 bits of the data
inline uint8_t system_button_clicks(int param) { return param & 0xF; }

namespace spark {
namespace feature {
enum State { DISABLED, ENABLED };
}
} // namespace spark

extern "C" void system_thread_set_state(spark::feature::State state, void* reserved);

#define SYSTEM_VERSION_STRING "1.4.0"
#define SYSTEM_VERSION 0x010400FF
#define SYSTEM_VERSION_v140 SYSTEM_VERSION

class SystemClass {
public:
    SystemClass(System_Mode_TypeDef mode = DEFAULT) { set_system_mode(mode); }
    static System_Mode_TypeDef mode(void) { return system_mode(); }

    static uint64_t millis() { return hal_timer_millis(nullptr); }
    static unsigned uptime() { return (unsigned)(hal_timer_millis(nullptr) / 1000); }
    static uint32_t ticks() { return HAL_Timer_Get_Ticks(); }
    static uint32_t ticksPerMicrosecond() { return SYSTEM_US_TICKS; }
    static void ticksDelay(uint32_t duration);

    static String version();
    static uint32_t versionNumber() { return SYSTEM_VERSION; }
    static uint32_t freeMemory() { return HAL_Core_Runtime_Info_Free(); }
    static String deviceID();

    static void reset(void) { HAL_Core_System_Reset_Ex(RESET_REASON_USER, 0, nullptr); }
    static void reset(uint32_t data) { HAL_Core_System_Reset_Ex(RESET_REASON_USER, data, nullptr); }
    static int resetReason();
    static uint32_t resetReasonData();
    static void enterSafeMode(void) { HAL_Core_Enter_Safe_Mode(nullptr); }
    static void dfu(bool persist = false) { HAL_Core_Enter_Bootloader(persist); }
    static void factoryReset(void);
    static void enableReset();
    static void disableReset();
    static uint8_t resetEnabled();
    static uint8_t resetPending();

    // Sleep (Device OS 1.4 forms). SLEEP_MODE_WLAN: only the network sleeps;
    // SLEEP_MODE_DEEP: the device resets when it wakes; pins: stop mode.
    static SleepResult sleep(Spark_Sleep_TypeDef sleepMode, long seconds = 0, SleepOptionFlags flag = SLEEP_NETWORK_OFF);
    static SleepResult sleep(Spark_Sleep_TypeDef sleepMode, SleepOptionFlags flag, long seconds = 0) { return sleep(sleepMode, seconds, flag); }
    static SleepResult sleep(long seconds) { return sleep(SLEEP_MODE_WLAN, seconds); }
    static SleepResult sleep(uint16_t wakeUpPin, InterruptMode edgeTriggerMode, long seconds = 0, SleepOptionFlags flag = SLEEP_NETWORK_OFF)
    {
        return sleepPins(&wakeUpPin, 1, &edgeTriggerMode, 1, seconds, flag);
    }
    static SleepResult sleep(uint16_t wakeUpPin, InterruptMode edgeTriggerMode, SleepOptionFlags flag, long seconds = 0)
    {
        return sleep(wakeUpPin, edgeTriggerMode, seconds, flag);
    }
    static SleepResult sleep(std::initializer_list<pin_t> pins, InterruptMode edgeTriggerMode, long seconds = 0, SleepOptionFlags flag = SLEEP_NETWORK_OFF)
    {
        return sleepPins(pins.begin(), pins.size(), &edgeTriggerMode, 1, seconds, flag);
    }
    static SleepResult sleep(std::initializer_list<pin_t> pins, InterruptMode edgeTriggerMode, SleepOptionFlags flag, long seconds = 0)
    {
        return sleep(pins, edgeTriggerMode, seconds, flag);
    }
    static SleepResult sleep(std::initializer_list<pin_t> pins, std::initializer_list<InterruptMode> edgeTriggerModes, long seconds = 0,
                             SleepOptionFlags flag = SLEEP_NETWORK_OFF)
    {
        return sleepPins(pins.begin(), pins.size(), edgeTriggerModes.begin(), edgeTriggerModes.size(), seconds, flag);
    }
    static SleepResult sleep(std::initializer_list<pin_t> pins, std::initializer_list<InterruptMode> edgeTriggerModes, SleepOptionFlags flag,
                             long seconds = 0)
    {
        return sleep(pins, edgeTriggerModes, seconds, flag);
    }
    static SleepResult sleep(const pin_t* pins, size_t pinsSize, InterruptMode edgeTriggerMode, long seconds = 0, SleepOptionFlags flag = SLEEP_NETWORK_OFF)
    {
        return sleepPins(pins, pinsSize, &edgeTriggerMode, 1, seconds, flag);
    }
    static SleepResult sleep(const pin_t* pins, size_t pinsSize, InterruptMode edgeTriggerMode, SleepOptionFlags flag, long seconds = 0)
    {
        return sleep(pins, pinsSize, edgeTriggerMode, seconds, flag);
    }
    static SleepResult sleep(const pin_t* pins, size_t pinsSize, const InterruptMode* edgeTriggerModes, size_t edgeTriggerModesSize,
                             long seconds = 0, SleepOptionFlags flag = SLEEP_NETWORK_OFF)
    {
        return sleepPins(pins, pinsSize, edgeTriggerModes, edgeTriggerModesSize, seconds, flag);
    }
    static SleepResult sleep(const pin_t* pins, size_t pinsSize, const InterruptMode* edgeTriggerModes, size_t edgeTriggerModesSize,
                             SleepOptionFlags flag, long seconds = 0)
    {
        return sleep(pins, pinsSize, edgeTriggerModes, edgeTriggerModesSize, seconds, flag);
    }
    static SleepResult sleepResult();
    static WakeupReason wakeUpReason() { return sleepResult().reason(); }
    static bool wokenUpByPin() { return sleepResult().wokenUpByPin(); }
    static bool wokenUpByRtc() { return sleepResult().wokenUpByRtc(); }
    static pin_t wakeUpPin() { return sleepResult().pin(); }
    static system_error_t sleepError() { return sleepResult().error(); }

    static int enableFeature(HAL_Feature feature) { return HAL_Feature_Set(feature, true); }
    static int disableFeature(HAL_Feature feature) { return HAL_Feature_Set(feature, false); }
    static bool featureEnabled(HAL_Feature feature) { return HAL_Feature_Get(feature); }

    static bool on(system_event_t events, void (*handler)(system_event_t, int, void*));
    static bool on(system_event_t events, void (*handler)(system_event_t, int));
    static bool on(system_event_t events, void (*handler)(system_event_t));
    static bool on(system_event_t events, void (*handler)());
    static void off(system_event_t events);
    static void off(void (*handler)(system_event_t, int, void*));
    static void off(system_event_t events, void (*handler)(system_event_t, int, void*));

    /* waitFor()/waitUntil(): keep the system serviced until the condition holds */
    template <typename Condition>
    static bool waitCondition(Condition condition, system_tick_t timeout = 0)
    {
        const system_tick_t start = HAL_Timer_Get_Milli_Seconds();
        while (!condition()) {
            /* reading the clock is what lets time pass while the system works */
            if (HAL_Timer_Get_Milli_Seconds() - start >= timeout && timeout)
                return false;
            vdev_system_process();
        }
        return true;
    }

    static bool enableUpdates() { return true; }
    static bool disableUpdates() { return true; }
    static bool updatesPending() { return false; }
    static bool updatesEnabled() { return true; }
    // how long MODE has been held (ms), 0 when it is up or in listening mode
    static uint16_t buttonPushed() { return vdev_button_pushed_ms(); }

private:
    static SleepResult sleepPins(const pin_t* pins, size_t npins, const InterruptMode* modes, size_t nmodes, long seconds,
                                 SleepOptionFlags flags);
};

extern SystemClass System;

/* the system calls registered handlers for an event */
void vdev_system_notify(system_event_t event, int data, void* pointer);

#define SYSTEM_MODE(mode) SystemClass SystemMode(mode);
/* retained variables live in backup RAM: their own section, saved to the
 * flash file at a reset, deep sleep or crash and restored at the next boot
 * (hal-posix/src/retained_hal.c). The name has no leading dot so that the
 * linker defines __start_/__stop_retained_user. */
#define retained __attribute__((section("retained_user")))
#define waitFor(condition, timeout) System.waitCondition([] { return (condition)(); }, (timeout))
#define waitUntil(condition) System.waitCondition([] { return (condition)(); })
#define PRODUCT_ID(x) static const uint16_t __vdev_product_id __attribute__((unused)) = (x)
#define PRODUCT_VERSION(x) static const uint16_t __vdev_product_version __attribute__((unused)) = (x)

class SystemThreadState {
public:
    SystemThreadState(spark::feature::State state) { system_thread_set_state(state, nullptr); }
};
#define SYSTEM_THREAD(state) SystemThreadState SystemThreadState_(spark::feature::state);

class StartupHelper {
public:
    explicit StartupHelper(void (*fn)()) { fn(); }
};
#define STARTUP_CAT2(a, b) a##b
#define STARTUP_CAT(a, b) STARTUP_CAT2(a, b)
#define STARTUP(code) static StartupHelper STARTUP_CAT(_vdev_startup_, __LINE__)([]() { code; })

#endif
