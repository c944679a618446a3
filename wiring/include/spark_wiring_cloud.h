// vdev wiring: the Particle cloud object: publish (Future<bool>), subscribe,
// function, variable, connect/disconnect/process/syncTime, on the simulated
// cloud session (system_cloud.h).
#ifndef SPARK_WIRING_CLOUD_H
#define SPARK_WIRING_CLOUD_H

#include "spark_wiring_string.h"
#include "system_cloud.h"
#include "timer_hal.h"

#include <ctime>
#include <functional>
#include <type_traits>

namespace particle {

template <typename T>
class Future {
public:
    Future() : done_(false), ok_(false), value_() {}
    static Future completed(T value)
    {
        Future f;
        f.done_ = f.ok_ = true;
        f.value_ = value;
        return f;
    }
    static Future failed(int error)
    {
        Future f;
        f.done_ = true;
        f.error_ = error;
        return f;
    }
    bool isDone() const { return done_; }
    bool isSucceeded() const { return done_ && ok_; }
    bool isFailed() const { return done_ && !ok_; }
    bool isCancelled() const { return false; }
    int error() const { return error_; }
    T result() const { return value_; }
    T wait() const { return value_; }
    operator T() const { return ok_ ? value_ : T(); }
    template <typename F>
    Future& onSuccess(F fn)
    {
        if (ok_)
            fn(value_);
        return *this;
    }
    template <typename F>
    Future& onError(F fn)
    {
        if (done_ && !ok_)
            fn(error_);
        return *this;
    }

private:
    bool done_, ok_;
    T value_;
    int error_ = 0;
};

} // namespace particle

// A publish flag is a class type (as in Device OS), not an int: PRIVATE
// must never be taken for a TTL.
class PublishFlag {
public:
    constexpr explicit PublishFlag(int v) : v_(v) {}
    constexpr int value() const { return v_; }

private:
    int v_;
};
constexpr PublishFlag PUBLIC(0x0);
constexpr PublishFlag PRIVATE(0x1);
constexpr PublishFlag NO_ACK(0x2);
constexpr PublishFlag WITH_ACK(0x8);

class PublishFlags {
public:
    constexpr PublishFlags() : v_(0) {}
    constexpr PublishFlags(PublishFlag f) : v_(f.value()) {}
    constexpr explicit PublishFlags(int v) : v_(v) {}
    constexpr int value() const { return v_; }
    constexpr PublishFlags operator|(PublishFlags o) const { return PublishFlags(v_ | o.v_); }

private:
    int v_;
};
constexpr PublishFlags operator|(PublishFlag a, PublishFlag b) { return PublishFlags(a) | PublishFlags(b); }

typedef enum { MY_DEVICES = 0, ALL_DEVICES = 1 } Spark_Subscription_Scope_TypeDef;
typedef void (*EventHandler)(const char* name, const char* data);
typedef std::function<void(const char*, const char*)> wiring_event_handler_t;
typedef int (*user_function_int_str_t)(String paramString);
typedef std::function<int(String)> user_std_function_int_str_t;

typedef enum { CLOUD_VAR_BOOLEAN = 1, CLOUD_VAR_INT = 2, CLOUD_VAR_STRING = 4, CLOUD_VAR_DOUBLE = 9 } Spark_Data_TypeDef;
#define BOOLEAN CLOUD_VAR_BOOLEAN
#define INT CLOUD_VAR_INT
#define STRING CLOUD_VAR_STRING
#define DOUBLE CLOUD_VAR_DOUBLE
#define DEFAULT_CLOUD_EVENT_TTL 60

class CloudClass {
public:
    // Device OS 1.4's forms; a String converts to const char*. Without
    // flags an event is PUBLIC (deprecated in Device OS, still accepted).
    static particle::Future<bool> publish(const char* name) { return publish(name, nullptr); }
    static particle::Future<bool> publish(const char* name, const char* data) { return publish(name, data, DEFAULT_CLOUD_EVENT_TTL); }
    static particle::Future<bool> publish(const char* name, const char* data, int ttl) { return publish_(name, data, ttl, PublishFlags(PUBLIC)); }
    static particle::Future<bool> publish(const char* name, PublishFlags f1, PublishFlags f2 = PublishFlags()) { return publish_(name, nullptr, DEFAULT_CLOUD_EVENT_TTL, f1 | f2); }
    static particle::Future<bool> publish(const char* name, const char* data, PublishFlags f1, PublishFlags f2 = PublishFlags()) { return publish_(name, data, DEFAULT_CLOUD_EVENT_TTL, f1 | f2); }
    static particle::Future<bool> publish(const char* name, const char* data, int ttl, PublishFlags f1, PublishFlags f2 = PublishFlags()) { return publish_(name, data, ttl, f1 | f2); }

    static bool subscribe(const char* name, EventHandler handler, Spark_Subscription_Scope_TypeDef scope = ALL_DEVICES);
    static bool subscribe(const char* name, EventHandler handler, const char* deviceID);
    static bool subscribe(const char* name, wiring_event_handler_t handler, Spark_Subscription_Scope_TypeDef scope = ALL_DEVICES);
    static bool subscribe(const char* name, wiring_event_handler_t handler, const char* deviceID);
    template <typename T>
    static bool subscribe(const char* name, void (T::*handler)(const char*, const char*), T* instance,
                          Spark_Subscription_Scope_TypeDef scope = ALL_DEVICES)
    {
        using namespace std::placeholders;
        return subscribe(name, wiring_event_handler_t(std::bind(handler, instance, _1, _2)), scope);
    }
    static void unsubscribe() { vdev_cloud_unsubscribe(); }

    static bool function(const char* name, user_std_function_int_str_t fn, void* reserved = nullptr) { (void)reserved; return register_function(name, fn); }
    template <typename T>
    static bool function(const char* name, int (T::*fn)(String), T* instance)
    {
        using namespace std::placeholders;
        return register_function(name, user_std_function_int_str_t(std::bind(fn, instance, _1)));
    }
    static bool function(const String& name, user_std_function_int_str_t fn) { return function(name.c_str(), fn); }

    static bool variable(const char* name, const bool& var) { return register_variable(name, "bool", &var); }
    static bool variable(const char* name, const int& var) { return register_variable(name, "int", &var); }
    static bool variable(const char* name, const uint32_t& var) { return register_variable(name, "uint32", &var); }
    static bool variable(const char* name, const long& var) { return register_variable(name, "int", &var); }
    static bool variable(const char* name, const double& var) { return register_variable(name, "double", &var); }
    static bool variable(const char* name, const String& var) { return register_variable(name, "string", &var); }
    static bool variable(const char* name, const char* var) { return register_variable(name, "string", var); }
    static bool variable(const char* name, const char* var, Spark_Data_TypeDef) { return variable(name, var); }
    template <typename T>
    static bool variable(const char* name, const T* var, Spark_Data_TypeDef type)
    {
        return register_variable(name, type == CLOUD_VAR_DOUBLE ? "double" : type == CLOUD_VAR_BOOLEAN ? "bool" : type == CLOUD_VAR_STRING ? "string" : "int", var);
    }
    template <typename N, typename T, typename = typename std::enable_if<std::is_same<N, String>::value>::type>
    static bool variable(const N& name, const T& var) { return variable(name.c_str(), var); }

    static bool connected() { return vdev_cloud_connected(); }
    static bool disconnected() { return !connected(); }
    static void connect();
    static void disconnect() { vdev_cloud_disconnect(); }
    static bool process();
    static bool syncTime() { return vdev_cloud_sync_time() == 1; }
    static bool syncTimePending() { return false; }
    static bool syncTimeDone() { return !syncTimePending(); }
    static system_tick_t timeSyncedLast() { return vdev_cloud_last_sync(nullptr); }
    static system_tick_t timeSyncedLast(time_t& tm)
    {
        int64_t t = 0;
        system_tick_t ms = vdev_cloud_last_sync(&t);
        tm = (time_t)t;
        return ms;
    }
    static String deviceID();
    static void keepAlive(unsigned sec) { (void)sec; }

private:
    static particle::Future<bool> publish_(const char* name, const char* data, int ttl, PublishFlags flags);
    static bool register_function(const char* name, user_std_function_int_str_t fn);
    static bool register_variable(const char* name, const char* type, const void* var);
};

extern CloudClass Particle;
#define Spark Particle

#endif
