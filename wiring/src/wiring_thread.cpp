// vdev wiring: Thread (std::function bodies) and Timer on the os_* HAL.
#include "application.h"

struct Thread::Data {
    wiring_thread_fn_t fn;
    volatile bool exited = false;
};

namespace {
void run_wiring_thread(void* param)
{
    Thread::Data* d = static_cast<Thread::Data*>(param);
    d->fn();
    d->exited = true;
}
} // namespace

Thread::Thread(const char* name, os_thread_fn_t function, void* function_param, os_thread_prio_t priority,
               size_t stack_size)
    : handle_(OS_THREAD_INVALID_HANDLE), data_(nullptr)
{
    os_thread_create(&handle_, name, priority, function, function_param, stack_size);
}

Thread::Thread(const char* name, wiring_thread_fn_t function, os_thread_prio_t priority, size_t stack_size)
    : handle_(OS_THREAD_INVALID_HANDLE), data_(nullptr)
{
    if (!function)
        return;
    data_ = new Data();
    data_->fn = function;
    if (os_thread_create(&handle_, name, priority, run_wiring_thread, data_, stack_size) != 0) {
        delete data_;
        data_ = nullptr;
        handle_ = OS_THREAD_INVALID_HANDLE;
    }
}

Thread& Thread::operator=(Thread&& other)
{
    if (this != &other) {
        dispose();
        handle_ = other.handle_;
        data_ = other.data_;
        other.handle_ = OS_THREAD_INVALID_HANDLE;
        other.data_ = nullptr;
    }
    return *this;
}

void Thread::dispose()
{
    if (!is_valid() || is_current())
        return;
    os_thread_join(handle_);
    os_thread_cleanup(handle_);
    delete data_;
    data_ = nullptr;
    handle_ = OS_THREAD_INVALID_HANDLE;
}

Timer::Timer(unsigned period, timer_callback_fn callback, bool one_shot)
    : running_(false), handle_(nullptr), callback_(callback)
{
    os_timer_create(&handle_, period, invoke_timer, this, one_shot, nullptr);
}

void Timer::invoke_timer(os_timer_t timer)
{
    void* id = nullptr;
    if (!os_timer_get_id(timer, &id) && id)
        static_cast<Timer*>(id)->timeout();
}

bool Timer::_start(unsigned block, bool fromISR)
{
    _stop(block, fromISR);
    return handle_ && !os_timer_change(handle_, OS_TIMER_CHANGE_START, fromISR, 0, block, nullptr);
}

bool Timer::_stop(unsigned block, bool fromISR)
{
    return handle_ && !os_timer_change(handle_, OS_TIMER_CHANGE_STOP, fromISR, 0, block, nullptr);
}

bool Timer::_reset(unsigned block, bool fromISR)
{
    return handle_ && !os_timer_change(handle_, OS_TIMER_CHANGE_RESET, fromISR, 0, block, nullptr);
}

bool Timer::_changePeriod(unsigned period, unsigned block, bool fromISR)
{
    return handle_ && !os_timer_change(handle_, OS_TIMER_CHANGE_PERIOD, fromISR, period, block, nullptr);
}

void Timer::dispose()
{
    if (!handle_)
        return;
    stop();
    while (running_ && !os_thread_is_current(cb_thread_)) // let a running callback finish
        delay(1);
    os_timer_destroy(handle_, nullptr);
    handle_ = nullptr;
}
