/* system/include/logging.h - the logging core (Device OS services/logging.h
 * C API): levels, attributes, log_message/log_write/log_dump, callbacks. */
#ifndef VDEV_LOGGING_H
#define VDEV_LOGGING_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum LogLevel {
    LOG_LEVEL_ALL = 1,
    LOG_LEVEL_TRACE = 1,
    LOG_LEVEL_INFO = 30,
    LOG_LEVEL_WARN = 40,
    LOG_LEVEL_ERROR = 50,
    LOG_LEVEL_PANIC = 60,
    LOG_LEVEL_NONE = 70,
    DEFAULT_LEVEL = 0,
    ALL_LEVEL = LOG_LEVEL_ALL,
    TRACE_LEVEL = LOG_LEVEL_TRACE,
    LOG_LEVEL = LOG_LEVEL_TRACE,
    DEBUG_LEVEL = LOG_LEVEL_TRACE,
    INFO_LEVEL = LOG_LEVEL_INFO,
    WARN_LEVEL = LOG_LEVEL_WARN,
    ERROR_LEVEL = LOG_LEVEL_ERROR,
    PANIC_LEVEL = LOG_LEVEL_PANIC,
    NO_LOG_LEVEL = LOG_LEVEL_NONE
} LogLevel;

typedef struct LogAttributes {
    size_t size;
    union {
        uint32_t flags;
        struct {
            unsigned has_file : 1;
            unsigned has_line : 1;
            unsigned has_function : 1;
            unsigned has_time : 1;
            unsigned has_code : 1;
            unsigned has_details : 1;
            unsigned has_end : 1;
        };
    };
    const char *file;
    int line;
    const char *function;
    uint32_t time;
    intptr_t code;
    const char *details;
} LogAttributes;

#define LOG_ATTR_SET(_attr, _name, _val) \
    do { \
        (_attr)._name = _val; \
        (_attr).has_##_name = 1; \
    } while (0)

#define LOG_MAX_STRING_LENGTH 160
#ifndef LOG_COMPILE_TIME_LEVEL
#define LOG_COMPILE_TIME_LEVEL LOG_LEVEL_ALL
#endif

typedef void (*log_message_callback_type)(const char *msg, int level, const char *category,
                                          const LogAttributes *attr, void *reserved);
typedef void (*log_write_callback_type)(const char *data, size_t size, int level, const char *category,
                                        void *reserved);
typedef int (*log_enabled_callback_type)(int level, const char *category, void *reserved);

void log_message(int level, const char *category, LogAttributes *attr, void *reserved, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
void log_message_v(int level, const char *category, LogAttributes *attr, void *reserved, const char *fmt,
                   va_list args);
void log_write(int level, const char *category, const char *data, size_t size, void *reserved);
void log_printf(int level, const char *category, void *reserved, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void log_printf_v(int level, const char *category, void *reserved, const char *fmt, va_list args);
void log_dump(int level, const char *category, const void *data, size_t size, int flags, void *reserved);
int log_enabled(int level, const char *category, void *reserved);
const char *log_level_name(int level, void *reserved);
void log_set_callbacks(log_message_callback_type log_msg, log_write_callback_type log_write,
                       log_enabled_callback_type log_enabled, void *reserved);

#ifdef __cplusplus
}
#endif
#endif
