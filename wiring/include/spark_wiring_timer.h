// vdev wiring: software timers (class Timer) on os_timer_*; callbacks run on
// the timer thread, as on a device.
#ifndef SPARK_WIRING_TIMER_H
#define SPARK_WIRING_TIMER_H

#include "concurrent_hal.h"

#include <functional>

class Timer {
public:
    typedef std::function<void(void)> timer_callback_fn;
    static const unsigned default_wait = 0x7FFFFFFF;

    Timer(unsigned period, timer_callback_fn callback, bool one_shot = false);
    template <typename T>
    Timer(unsigned period, void (T::*handler)(), T& instance, bool one_shot = false)
        : Timer(period, timer_callback_fn(std::bind(handler, &instance)), one_shot)
    {
    }
    virtual ~Timer() { dispose(); }
    Timer(const Timer&) = delete;
    Timer& operator=(const Timer&) = delete;

    bool start(unsigned block = default_wait) { return _start(block, false); }
    bool stop(unsigned block = default_wait) { return _stop(block, false); }
    bool reset(unsigned block = default_wait) { return _reset(block, false); }
    bool changePeriod(unsigned period, unsigned block = default_wait) { return _changePeriod(period, block, false); }
    bool startFromISR() { return _start(0, true); }
    bool stopFromISR() { return _stop(0, true); }
    bool resetFromISR() { return _reset(0, true); }
    bool changePeriodFromISR(unsigned period) { return _changePeriod(period, 0, true); }
    bool isValid() const { return handle_ != nullptr; }
    bool isActive() const { return isValid() && os_timer_is_active(handle_, nullptr); }
    void dispose();

    bool _start(unsigned block, bool fromISR = false);
    bool _stop(unsigned block, bool fromISR = false);
    bool _reset(unsigned block, bool fromISR = false);
    bool _changePeriod(unsigned period, unsigned block, bool fromISR = false);

    virtual void timeout()
    {
        running_ = true;
        cb_thread_ = os_thread_current(nullptr);
        if (callback_)
            callback_();
        running_ = false;
    }

private:
    static void invoke_timer(os_timer_t timer);
    volatile bool running_;
    os_thread_t cb_thread_ = nullptr;
    os_timer_t handle_;
    timer_callback_fn callback_;
};

#endif
