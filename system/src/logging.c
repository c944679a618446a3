/* system/src/logging.c - the logging core: formats messages (160 characters
 * at most, `~` marking a cut), stamps them with millis(), emits a `log`
 * event for each, and hands them to the log handlers through the callbacks
 * the wiring layer's LogManager installs. */
#include "../include/logging.h"

#include "../../hal-posix/include/timer_hal.h"
#include "../../sim/events.h"

#include <stdio.h>
#include <string.h>

static struct {
    log_message_callback_type msg;
    log_write_callback_type write;
    log_enabled_callback_type enabled;
} L;

void log_set_callbacks(log_message_callback_type log_msg, log_write_callback_type log_wr,
                       log_enabled_callback_type log_en, void *reserved)
{
    (void)reserved;
    L.msg = log_msg;
    L.write = log_wr;
    L.enabled = log_en;
}

const char *log_level_name(int level, void *reserved)
{
    (void)reserved;
    if (level >= LOG_LEVEL_NONE)
        return "NONE";
    if (level >= LOG_LEVEL_PANIC)
        return "PANIC";
    if (level >= LOG_LEVEL_ERROR)
        return "ERROR";
    if (level >= LOG_LEVEL_WARN)
        return "WARN";
    if (level >= LOG_LEVEL_INFO)
        return "INFO";
    return "TRACE";
}

void log_message_v(int level, const char *category, LogAttributes *attr, void *reserved, const char *fmt,
                   va_list args)
{
    char buf[LOG_MAX_STRING_LENGTH];
    int n = vsnprintf(buf, sizeof(buf), fmt ? fmt : "", args);
    if (n < 0)
        buf[0] = 0;
    else if (n > (int)sizeof(buf) - 1)
        buf[sizeof(buf) - 2] = '~';
    LogAttributes local;
    if (!attr) {
        memset(&local, 0, sizeof(local));
        local.size = sizeof(local);
        attr = &local;
    }
    if (!attr->has_time)
        LOG_ATTR_SET(*attr, time, HAL_Timer_Get_Milli_Seconds());
    const char *lvl = log_level_name(level, NULL), *cat = category ? category : "";
    if (attr->has_code && attr->has_details)
        vdev_event("log", "{s:s,s:s,s:s,s:I,s:s}", "level", lvl, "category", cat, "message", buf, "code",
                   (long long)attr->code, "details", attr->details ? attr->details : "");
    else if (attr->has_code)
        vdev_event("log", "{s:s,s:s,s:s,s:I}", "level", lvl, "category", cat, "message", buf, "code",
                   (long long)attr->code);
    else if (attr->has_details)
        vdev_event("log", "{s:s,s:s,s:s,s:s}", "level", lvl, "category", cat, "message", buf, "details",
                   attr->details ? attr->details : "");
    else
        vdev_event("log", "{s:s,s:s,s:s}", "level", lvl, "category", cat, "message", buf);
    if (L.msg)
        L.msg(buf, level, category, attr, reserved);
}

void log_message(int level, const char *category, LogAttributes *attr, void *reserved, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    log_message_v(level, category, attr, reserved, fmt, ap);
    va_end(ap);
}

void log_write(int level, const char *category, const char *data, size_t size, void *reserved)
{
    if (L.write && data && size)
        L.write(data, size, level, category, reserved);
}

void log_printf_v(int level, const char *category, void *reserved, const char *fmt, va_list args)
{
    char buf[LOG_MAX_STRING_LENGTH];
    int n = vsnprintf(buf, sizeof(buf), fmt ? fmt : "", args);
    if (n < 0)
        return;
    if (n > (int)sizeof(buf) - 1) {
        buf[sizeof(buf) - 2] = '~';
        n = (int)sizeof(buf) - 1;
    }
    log_write(level, category, buf, (size_t)n, reserved);
}

void log_printf(int level, const char *category, void *reserved, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    log_printf_v(level, category, reserved, fmt, ap);
    va_end(ap);
}

void log_dump(int level, const char *category, const void *data, size_t size, int flags, void *reserved)
{
    (void)flags;
    static const char hex[] = "0123456789abcdef";
    const unsigned char *p = data;
    char buf[64];
    size_t n = 0;
    for (size_t i = 0; p && i < size; i++) {
        buf[n++] = hex[p[i] >> 4];
        buf[n++] = hex[p[i] & 15];
        if (n == sizeof(buf)) {
            log_write(level, category, buf, n, reserved);
            n = 0;
        }
    }
    if (n)
        log_write(level, category, buf, n, reserved);
}

int log_enabled(int level, const char *category, void *reserved)
{
    if (!L.enabled)
        return 0;
    return L.enabled(level, category, reserved);
}
