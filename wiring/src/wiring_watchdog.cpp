// vdev wiring: ApplicationWatchdog's thread and the check-in time it
// watches (one for all watchdogs, as in Device OS).
#include "spark_wiring_watchdog.h"

#include "system_lifecycle.h"

namespace {
volatile system_tick_t checked_in_at = 0;
} // namespace

void ApplicationWatchdog::checkin() { checked_in_at = current_time(); }
system_tick_t ApplicationWatchdog::last_checkin() { return checked_in_at; }

ApplicationWatchdog::ApplicationWatchdog(unsigned timeout_ms, std::function<void(void)> fn, unsigned stack_size)
    : timeout_(timeout_ms), fn_(std::move(fn))
{
    checkin();
    if (os_thread_create(&thread_, "appwdt", OS_THREAD_PRIORITY_CRITICAL, run, this, stack_size) != 0) {
        thread_ = nullptr;
        done_ = true;
    }
}

ApplicationWatchdog::~ApplicationWatchdog()
{
    dispose();
    if (thread_) {
        os_thread_join(thread_);
        os_thread_cleanup(thread_);
    }
}

// Sleep until the check-in would be timeout_ old; fire if it is.
void ApplicationWatchdog::run(void* self)
{
    ApplicationWatchdog* w = static_cast<ApplicationWatchdog*>(self);
    for (;;) {
        system_tick_t timeout = w->timeout_;
        if (!timeout)
            break; // disposed of
        system_tick_t since = current_time() - checked_in_at;
        if (since >= timeout) {
            vdev_system_watchdog_expired(timeout);
            if (w->fn_)
                w->fn_();
            break;
        }
        HAL_Delay_Milliseconds(timeout - since);
    }
    w->done_ = true;
}
