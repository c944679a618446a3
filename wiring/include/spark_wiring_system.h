// vdev wiring: the System object (millis, uptime, version, deviceID, reset,
// reset reasons, features, events), SYSTEM_MODE, SYSTEM_THREAD and STARTUP.
#ifndef SPARK_WIRING_SYSTEM_H
#define SPARK_WIRING_SYSTEM_H

#include "core_hal.h"
#include "interrupts_hal.h"
#include "spark_wiring_string.h"
#include "system_mode.h"
#include "timer_hal.h"

#include <functional>

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

typedef void(system_event_handler_t)(system_event_t event, int data, void* pointer);

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
    static uint16_t buttonPushed() { return 0; }
};

extern SystemClass System;

/* the system calls registered handlers for an event */
void vdev_system_notify(system_event_t event, int data, void* pointer);

#define SYSTEM_MODE(mode) SystemClass SystemMode(mode);
/* retained variables get their own section; keeping it across resets is the
 * flash/retained-memory work (issue 6) -- until then they start afresh. */
#define retained __attribute__((section(".retained_user")))
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
