// vdev wiring: ApplicationWatchdog (Device OS 1.4): a thread that calls a
// function (usually System.reset) once the app has not checked in for
// timeout_ms. The system checks in after every loop() and in
// Particle.process(); the app may call ApplicationWatchdog::checkin().
#ifndef SPARK_WIRING_WATCHDOG_H
#define SPARK_WIRING_WATCHDOG_H

#include "concurrent_hal.h"
#include "timer_hal.h"

#include <functional>

class ApplicationWatchdog {
public:
    static const unsigned DEFAULT_STACK_SIZE = 512;

    ApplicationWatchdog(unsigned timeout_ms, std::function<void(void)> fn, unsigned stack_size = DEFAULT_STACK_SIZE);
    // resolves overloaded functions such as System.reset
    ApplicationWatchdog(unsigned timeout_ms, void (*fn)(), unsigned stack_size = DEFAULT_STACK_SIZE)
        : ApplicationWatchdog(timeout_ms, std::function<void(void)>(fn), stack_size)
    {
    }
    // Waits for the thread, which may take up to the timeout.
    ~ApplicationWatchdog();
    ApplicationWatchdog(const ApplicationWatchdog&) = delete;
    ApplicationWatchdog& operator=(const ApplicationWatchdog&) = delete;

    // The thread has ended (it fired, or it was disposed of).
    bool isComplete() { return done_; }
    bool has_timedout() { return timeout_ && current_time() - last_checkin() >= timeout_; }
    // End the thread the next time it wakes, without calling the function.
    void dispose() { timeout_ = 0; }
    // The app is alive.
    static void checkin();
    static system_tick_t current_time() { return HAL_Timer_Get_Milli_Seconds(); }

private:
    static void run(void* self);
    static system_tick_t last_checkin();

    volatile system_tick_t timeout_;
    std::function<void(void)> fn_;
    os_thread_t thread_ = nullptr;
    volatile bool done_ = false;
};

inline void application_checkin() { ApplicationWatchdog::checkin(); }

#endif
