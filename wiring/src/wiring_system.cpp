// vdev wiring: the System, Time and Particle objects, System.on() event
// handlers, and SYSTEM_THREAD's switch.
#include "application.h"
#include "system_event.h"

#include <cstring>
#include <ctime>

SystemClass System;
TimeClass Time;
CloudClass Particle;

extern "C" void system_thread_set_state(spark::feature::State state, void*)
{
    vdev_system_set_threaded(state == spark::feature::ENABLED);
}

// ---- System ----

void SystemClass::ticksDelay(uint32_t duration) { HAL_Delay_Microseconds(duration / SYSTEM_US_TICKS); }
String SystemClass::version() { return String(SYSTEM_VERSION_STRING); }

static String device_id_string()
{
    uint8_t id[12];
    HAL_device_ID(id, sizeof(id));
    char hex[25];
    for (int i = 0; i < 12; i++)
        snprintf(hex + 2 * i, 3, "%02x", id[i]);
    return String(hex);
}

String SystemClass::deviceID() { return device_id_string(); }

int SystemClass::resetReason()
{
    int reason = RESET_REASON_NONE;
    if (HAL_Feature_Get(FEATURE_RESET_INFO))
        HAL_Core_Get_Last_Reset_Info(&reason, nullptr, nullptr);
    return reason;
}

uint32_t SystemClass::resetReasonData()
{
    uint32_t data = 0;
    if (HAL_Feature_Get(FEATURE_RESET_INFO))
        HAL_Core_Get_Last_Reset_Info(nullptr, &data, nullptr);
    return data;
}

namespace {
struct EventSub {
    system_event_t events;
    void (*h3)(system_event_t, int, void*);
    void (*h2)(system_event_t, int);
    void (*h1)(system_event_t);
    void (*h0)();
};
spark::Vector<EventSub> subs;

bool add_sub(const EventSub& s)
{
    return (s.h3 || s.h2 || s.h1 || s.h0) && subs.append(s);
}
} // namespace

bool SystemClass::on(system_event_t e, void (*h)(system_event_t, int, void*)) { return add_sub({ e, h, nullptr, nullptr, nullptr }); }
bool SystemClass::on(system_event_t e, void (*h)(system_event_t, int)) { return add_sub({ e, nullptr, h, nullptr, nullptr }); }
bool SystemClass::on(system_event_t e, void (*h)(system_event_t)) { return add_sub({ e, nullptr, nullptr, h, nullptr }); }
bool SystemClass::on(system_event_t e, void (*h)()) { return add_sub({ e, nullptr, nullptr, nullptr, h }); }

void SystemClass::off(system_event_t events)
{
    for (int i = subs.size() - 1; i >= 0; i--) {
        subs[i].events &= ~events;
        if (!subs[i].events)
            subs.removeAt(i);
    }
}

void SystemClass::off(void (*h)(system_event_t, int, void*))
{
    for (int i = subs.size() - 1; i >= 0; i--)
        if (subs[i].h3 == h)
            subs.removeAt(i);
}

void SystemClass::off(system_event_t events, void (*h)(system_event_t, int, void*))
{
    for (int i = subs.size() - 1; i >= 0; i--)
        if (subs[i].h3 == h && (subs[i].events &= ~events) == 0)
            subs.removeAt(i);
}

namespace {
// the system raises events; these are the app's handlers
struct EventDispatch {
    EventDispatch()
    {
        vdev_system_set_event_callback([](uint64_t event, int data, void* pointer) {
            vdev_system_notify(event, data, pointer);
        });
    }
} event_dispatch;
} // namespace

void vdev_system_notify(system_event_t event, int data, void* pointer)
{
    for (int i = 0; i < subs.size(); i++) {
        EventSub s = subs[i];
        if (!(s.events & event))
            continue;
        if (s.h3)
            s.h3(event, data, pointer);
        else if (s.h2)
            s.h2(event, data);
        else if (s.h1)
            s.h1(event);
        else
            s.h0();
    }
}

// ---- Time ----

namespace {
float tz_offset = 0, dst_offset = 1;
bool dst_on = false;
String time_format = TIME_FORMAT_DEFAULT;

time_t local_time(time_t t) { return t + (time_t)((tz_offset + (dst_on ? dst_offset : 0)) * 3600); }

struct tm calendar(time_t t)
{
    struct tm tmv;
    time_t lt = local_time(t);
    gmtime_r(&lt, &tmv);
    return tmv;
}
} // namespace

time_t TimeClass::now() { return HAL_RTC_Get_UnixTime(); }
time_t TimeClass::local() { return local_time(now()); }
int TimeClass::hour() { return hour(now()); }
int TimeClass::hour(time_t t) { return calendar(t).tm_hour; }
int TimeClass::hourFormat12() { return hourFormat12(now()); }

int TimeClass::hourFormat12(time_t t)
{
    int h = hour(t) % 12;
    return h == 0 ? 12 : h;
}

uint8_t TimeClass::isAM() { return isAM(now()); }
uint8_t TimeClass::isAM(time_t t) { return hour(t) < 12; }
uint8_t TimeClass::isPM() { return isPM(now()); }
uint8_t TimeClass::isPM(time_t t) { return hour(t) >= 12; }
int TimeClass::minute() { return minute(now()); }
int TimeClass::minute(time_t t) { return calendar(t).tm_min; }
int TimeClass::second() { return second(now()); }
int TimeClass::second(time_t t) { return calendar(t).tm_sec; }
int TimeClass::day() { return day(now()); }
int TimeClass::day(time_t t) { return calendar(t).tm_mday; }
int TimeClass::weekday() { return weekday(now()); }
int TimeClass::weekday(time_t t) { return calendar(t).tm_wday + 1; }
int TimeClass::month() { return month(now()); }
int TimeClass::month(time_t t) { return calendar(t).tm_mon + 1; }
int TimeClass::year() { return year(now()); }
int TimeClass::year(time_t t) { return calendar(t).tm_year + 1900; }

void TimeClass::zone(float offset)
{
    if (offset >= -12 && offset <= 14)
        tz_offset = offset;
}

float TimeClass::zone() { return tz_offset; }
bool TimeClass::isValid() { return HAL_RTC_Time_Is_Valid(nullptr); }

void TimeClass::setTime(time_t t)
{
    HAL_RTC_Set_UnixTime(t);
    vdev_system_notify(time_changed, 0, nullptr);
}

void TimeClass::setDSTOffset(float offset)
{
    if (offset >= 0 && offset <= 2)
        dst_offset = offset;
}

float TimeClass::getDSTOffset() { return dst_offset; }
void TimeClass::beginDST() { dst_on = true; }
void TimeClass::endDST() { dst_on = false; }
bool TimeClass::isDST() { return dst_on; }

String TimeClass::timeStr(time_t t)
{
    struct tm tmv = calendar(t ? t : now());
    char buf[32];
    strftime(buf, sizeof(buf), "%a %b %e %H:%M:%S %Y", &tmv);
    return String(buf);
}

String TimeClass::format(time_t t, const char* spec)
{
    if (!spec)
        spec = time_format.c_str();
    if (!strcmp(spec, TIME_FORMAT_DEFAULT))
        return timeStr(t);
    // %z becomes "Z" at UTC, else "+hh:mm"
    String fmt;
    for (const char* p = spec; *p; p++) {
        if (p[0] == '%' && p[1] == 'z') {
            float off = tz_offset + (dst_on ? dst_offset : 0);
            if (off == 0) {
                fmt += 'Z';
            } else {
                int mins = (int)(off * 60);
                char z[16];
                snprintf(z, sizeof(z), "%c%02d:%02d", mins < 0 ? '-' : '+', abs(mins) / 60, abs(mins) % 60);
                fmt += z;
            }
            p++;
        } else {
            fmt += *p;
        }
    }
    struct tm tmv = calendar(t);
    char buf[128];
    size_t n = strftime(buf, sizeof(buf), fmt.c_str(), &tmv);
    buf[n] = 0;
    return String(buf);
}

void TimeClass::setFormat(const char* format) { time_format = format ? format : TIME_FORMAT_DEFAULT; }
const char* TimeClass::getFormat() { return time_format.c_str(); }

// ---- Particle ----

particle::Future<bool> CloudClass::publish_(const char* name, const char* data, int ttl, PublishFlags flags)
{
    int rc = vdev_cloud_publish(name, data, ttl, flags.value());
    return rc == 0 ? particle::Future<bool>::completed(true) : particle::Future<bool>::failed(rc);
}

bool CloudClass::subscribe(const char* name, EventHandler handler, Spark_Subscription_Scope_TypeDef scope)
{
    return handler && vdev_cloud_subscribe(name, scope) == 0;
}

bool CloudClass::subscribe(const char* name, EventHandler handler, const char*)
{
    return handler && vdev_cloud_subscribe(name, MY_DEVICES) == 0;
}

bool CloudClass::subscribe(const char* name, wiring_event_handler_t handler, Spark_Subscription_Scope_TypeDef scope)
{
    return handler && vdev_cloud_subscribe(name, scope) == 0;
}

bool CloudClass::subscribe(const char* name, wiring_event_handler_t handler, const char*)
{
    return handler && vdev_cloud_subscribe(name, MY_DEVICES) == 0;
}

bool CloudClass::register_function(const char* name, user_std_function_int_str_t fn)
{
    return fn && vdev_cloud_register_function(name) == 0;
}

bool CloudClass::register_variable(const char* name, const char* type, const void* var)
{
    return var && vdev_cloud_register_variable(name, type) == 0;
}

bool CloudClass::process()
{
    application_checkin();
    vdev_system_process();
    return true;
}

void CloudClass::connect()
{
    vdev_cloud_connect();
    // as Device OS: blocking in SEMI_AUTOMATIC mode without the system thread
    if (!vdev_system_threaded() && system_mode() == SEMI_AUTOMATIC)
        waitUntil(Particle.connected);
}

String CloudClass::deviceID() { return device_id_string(); }
