// vdev wiring: Thread, Mutex, RecursiveMutex, SingleThreadedSection and the
// SINGLE_THREADED_BLOCK / WITH_LOCK / TRY_LOCK helpers, on os_* (sim scheduler).
#ifndef SPARK_WIRING_THREAD_H
#define SPARK_WIRING_THREAD_H

#include "concurrent_hal.h"

#include <functional>
#include <mutex>
#include <type_traits>

typedef std::function<os_thread_return_t(void)> wiring_thread_fn_t;

class SingleThreadedSection {
public:
    SingleThreadedSection() { os_thread_scheduling(false, nullptr); }
    ~SingleThreadedSection() { os_thread_scheduling(true, nullptr); }
};

#define SINGLE_THREADED_SECTION() SingleThreadedSection __cs;
#define SINGLE_THREADED_BLOCK() for (bool __todo = true; __todo;) for (SingleThreadedSection __cs; __todo; __todo = 0)
#define WITH_LOCK(lock) \
    for (bool __todo = true; __todo;) \
        for (std::lock_guard<typename std::remove_reference<decltype(lock)>::type> __lock((lock)); __todo; __todo = 0)
#define TRY_LOCK(lock) \
    for (bool __todo = true; __todo;) \
        for (std::unique_lock<typename std::remove_reference<decltype(lock)>::type> __lock##lock((lock), std::try_to_lock); \
             __todo &= bool(__lock##lock); __todo = 0)

class Thread {
public:
    Thread() : handle_(OS_THREAD_INVALID_HANDLE), data_(nullptr) {}
    Thread(const char* name, os_thread_fn_t function, void* function_param = nullptr,
           os_thread_prio_t priority = OS_THREAD_PRIORITY_DEFAULT, size_t stack_size = OS_THREAD_STACK_SIZE_DEFAULT);
    Thread(const char* name, wiring_thread_fn_t function, os_thread_prio_t priority = OS_THREAD_PRIORITY_DEFAULT,
           size_t stack_size = OS_THREAD_STACK_SIZE_DEFAULT);
    ~Thread() { dispose(); }
    Thread(const Thread&) = delete;
    Thread(Thread&& other) : handle_(other.handle_), data_(other.data_)
    {
        other.handle_ = OS_THREAD_INVALID_HANDLE;
        other.data_ = nullptr;
    }
    Thread& operator=(Thread&& other);
    void dispose();
    bool join() { return is_valid() && os_thread_join(handle_) == 0; }
    bool cancel() { return is_valid() && os_thread_exit(handle_) == 0; }
    bool is_valid() const { return handle_ != OS_THREAD_INVALID_HANDLE; }
    bool is_current() const { return os_thread_is_current(handle_); }

    struct Data;

private:
    os_thread_t handle_;
    Data* data_;
};

class Mutex {
public:
    Mutex() : handle_(nullptr) { os_mutex_create(&handle_); }
    explicit Mutex(os_mutex_t handle) : handle_(handle) {}
    void dispose()
    {
        if (handle_) {
            os_mutex_destroy(handle_);
            handle_ = nullptr;
        }
    }
    void lock() { os_mutex_lock(handle_); }
    bool trylock() { return os_mutex_trylock(handle_) == 0; }
    bool try_lock() { return trylock(); }
    void unlock() { os_mutex_unlock(handle_); }

private:
    os_mutex_t handle_;
};

class RecursiveMutex {
public:
    RecursiveMutex() : handle_(nullptr) { os_mutex_recursive_create(&handle_); }
    explicit RecursiveMutex(os_mutex_recursive_t handle) : handle_(handle) {}
    void dispose()
    {
        if (handle_) {
            os_mutex_recursive_destroy(handle_);
            handle_ = nullptr;
        }
    }
    void lock() { os_mutex_recursive_lock(handle_); }
    bool trylock() { return os_mutex_recursive_trylock(handle_) == 0; }
    bool try_lock() { return trylock(); }
    void unlock() { os_mutex_recursive_unlock(handle_); }

private:
    os_mutex_recursive_t handle_;
};

#endif
