// vdev wiring: the logging API -- Logger (the global `Log`), log handlers
// with category filters, StreamLogHandler's line format, SerialLogHandler and
// Serial1LogHandler, LogManager, and the LOG_* macros.
#ifndef SPARK_WIRING_LOGGING_H
#define SPARK_WIRING_LOGGING_H

#include "logging.h"
#include "spark_wiring_print.h"
#include "spark_wiring_string.h"
#include "spark_wiring_vector.h"

#include <cstdarg>

#ifndef LOG_MODULE_CATEGORY
#define LOG_MODULE_CATEGORY "app"
#endif

static const char* const _log_category = LOG_MODULE_CATEGORY;
#define LOG_THIS_CATEGORY() _log_category
#define LOG_CATEGORY(_name) static const char* const _log_category = _name
#define LOG_SOURCE_CATEGORY(_name) LOG_CATEGORY(_name)

#define LOG_C(_level, _category, _fmt, ...) \
    do { \
        if (LOG_LEVEL_##_level >= LOG_COMPILE_TIME_LEVEL) { \
            LogAttributes _attr = {}; \
            _attr.size = sizeof(LogAttributes); \
            log_message(LOG_LEVEL_##_level, _category, &_attr, nullptr, _fmt, ##__VA_ARGS__); \
        } \
    } while (0)
#define LOG_WRITE_C(_level, _category, _data, _size) log_write(LOG_LEVEL_##_level, _category, _data, _size, nullptr)
#define LOG_PRINT_C(_level, _category, _str) \
    do { \
        const char* const _s = _str; \
        log_write(LOG_LEVEL_##_level, _category, _s, strlen(_s), nullptr); \
    } while (0)
#define LOG_PRINTF_C(_level, _category, _fmt, ...) log_printf(LOG_LEVEL_##_level, _category, nullptr, _fmt, ##__VA_ARGS__)
#define LOG_DUMP_C(_level, _category, _data, _size) log_dump(LOG_LEVEL_##_level, _category, _data, _size, 0, nullptr)
#define LOG_ENABLED_C(_level, _category) \
    (LOG_LEVEL_##_level >= LOG_COMPILE_TIME_LEVEL && log_enabled(LOG_LEVEL_##_level, _category, nullptr))
#define LOG(_level, _fmt, ...) LOG_C(_level, LOG_THIS_CATEGORY(), _fmt, ##__VA_ARGS__)
#define LOG_WRITE(_level, _data, _size) LOG_WRITE_C(_level, LOG_THIS_CATEGORY(), _data, _size)
#define LOG_PRINT(_level, _str) LOG_PRINT_C(_level, LOG_THIS_CATEGORY(), _str)
#define LOG_PRINTF(_level, _fmt, ...) LOG_PRINTF_C(_level, LOG_THIS_CATEGORY(), _fmt, ##__VA_ARGS__)
#define LOG_DUMP(_level, _data, _size) LOG_DUMP_C(_level, LOG_THIS_CATEGORY(), _data, _size)
#define LOG_ENABLED(_level) LOG_ENABLED_C(_level, LOG_THIS_CATEGORY())
#define LOG_DEBUG(_level, _fmt, ...)
#define LOG_DEBUG_C(_level, _category, _fmt, ...)

namespace spark {

class LogCategoryFilter {
public:
    LogCategoryFilter() : level_(LOG_LEVEL_INFO) {}
    LogCategoryFilter(String category, LogLevel level) : cat_(category), level_(level) {}
    LogCategoryFilter(const char* category, LogLevel level) : cat_(category), level_(level) {}
    LogCategoryFilter(const char* category, size_t length, LogLevel level) : cat_(category, (unsigned)length), level_(level) {}
    const char* category() const { return cat_.c_str(); }
    LogLevel level() const { return level_; }

private:
    String cat_;
    LogLevel level_;
};

typedef Vector<LogCategoryFilter> LogCategoryFilters;

class LogHandler {
public:
    explicit LogHandler(LogLevel level = LOG_LEVEL_INFO) : level_(level) {}
    LogHandler(LogLevel level, LogCategoryFilters filters) : level_(level), filters_(filters) {}
    virtual ~LogHandler() = default;
    LogHandler(const LogHandler&) = delete;
    LogHandler& operator=(const LogHandler&) = delete;

    LogLevel level() const { return level_; }
    LogLevel level(const char* category) const;
    static const char* levelName(LogLevel level) { return log_level_name(level, nullptr); }

    void message(const char* msg, LogLevel level, const char* category, const LogAttributes& attr)
    {
        if (level >= this->level(category))
            logMessage(msg, level, category, attr);
    }
    void write(const char* data, size_t size, LogLevel level, const char* category)
    {
        if (level >= this->level(category))
            write(data, size);
    }

protected:
    virtual void logMessage(const char* msg, LogLevel level, const char* category, const LogAttributes& attr) = 0;
    virtual void write(const char* data, size_t size) { (void)data; (void)size; }

private:
    LogLevel level_;
    LogCategoryFilters filters_;
};

class StreamLogHandler : public LogHandler {
public:
    explicit StreamLogHandler(Print& stream, LogLevel level = LOG_LEVEL_INFO, LogCategoryFilters filters = {})
        : LogHandler(level, filters), stream_(&stream)
    {
    }
    Print* stream() const { return stream_; }

protected:
    virtual void logMessage(const char* msg, LogLevel level, const char* category, const LogAttributes& attr) override;
    virtual void write(const char* data, size_t size) override;
    void write(const char* str);
    void write(char c);
    void printf(const char* fmt, ...);

private:
    Print* stream_;
};

class SerialLogHandler : public StreamLogHandler {
public:
    explicit SerialLogHandler(LogLevel level = LOG_LEVEL_INFO, LogCategoryFilters filters = {});
    explicit SerialLogHandler(int baud, LogLevel level = LOG_LEVEL_INFO, LogCategoryFilters filters = {});
    virtual ~SerialLogHandler();
};

class Serial1LogHandler : public StreamLogHandler {
public:
    explicit Serial1LogHandler(LogLevel level = LOG_LEVEL_INFO, LogCategoryFilters filters = {});
    explicit Serial1LogHandler(int baud, LogLevel level = LOG_LEVEL_INFO, LogCategoryFilters filters = {});
    virtual ~Serial1LogHandler();
};

class AttributedLogger;

class Logger {
public:
    static const LogLevel DEFAULT_LEVEL = LOG_LEVEL_INFO;
    explicit Logger(const char* name = LOG_MODULE_CATEGORY) : name_(name) {}
    Logger(const Logger&) = delete;
    Logger& operator=(const Logger&) = delete;

    void trace(const char* fmt, ...) const __attribute__((format(printf, 2, 3)));
    void info(const char* fmt, ...) const __attribute__((format(printf, 2, 3)));
    void warn(const char* fmt, ...) const __attribute__((format(printf, 2, 3)));
    void error(const char* fmt, ...) const __attribute__((format(printf, 2, 3)));
    void log(const char* fmt, ...) const __attribute__((format(printf, 2, 3)));
    void log(LogLevel level, const char* fmt, ...) const __attribute__((format(printf, 3, 4)));
    void operator()(const char* fmt, ...) const __attribute__((format(printf, 2, 3)));
    void operator()(LogLevel level, const char* fmt, ...) const __attribute__((format(printf, 3, 4)));
    void printf(const char* fmt, ...) const __attribute__((format(printf, 2, 3)));
    void printf(LogLevel level, const char* fmt, ...) const __attribute__((format(printf, 3, 4)));
    void print(const char* str) const { print(DEFAULT_LEVEL, str); }
    void print(LogLevel level, const char* str) const;
    void write(const char* data, size_t size) const { write(DEFAULT_LEVEL, data, size); }
    void write(LogLevel level, const char* data, size_t size) const { log_write(level, name_, data, size, nullptr); }
    void dump(const void* data, size_t size) const { dump(DEFAULT_LEVEL, data, size); }
    void dump(LogLevel level, const void* data, size_t size) const { log_dump(level, name_, data, size, 0, nullptr); }
    bool isTraceEnabled() const { return isLevelEnabled(LOG_LEVEL_TRACE); }
    bool isInfoEnabled() const { return isLevelEnabled(LOG_LEVEL_INFO); }
    bool isWarnEnabled() const { return isLevelEnabled(LOG_LEVEL_WARN); }
    bool isErrorEnabled() const { return isLevelEnabled(LOG_LEVEL_ERROR); }
    bool isLevelEnabled(LogLevel level) const { return log_enabled(level, name_, nullptr); }
    const char* name() const { return name_; }
    AttributedLogger code(intptr_t code) const;
    AttributedLogger details(const char* str) const;

    static void logv(LogLevel level, const char* name, LogAttributes* attr, const char* fmt, va_list args);

private:
    const char* name_;
};

class AttributedLogger {
public:
    void trace(const char* fmt, ...) __attribute__((format(printf, 2, 3)));
    void info(const char* fmt, ...) __attribute__((format(printf, 2, 3)));
    void warn(const char* fmt, ...) __attribute__((format(printf, 2, 3)));
    void error(const char* fmt, ...) __attribute__((format(printf, 2, 3)));
    void log(const char* fmt, ...) __attribute__((format(printf, 2, 3)));
    void log(LogLevel level, const char* fmt, ...) __attribute__((format(printf, 3, 4)));
    AttributedLogger& code(intptr_t code)
    {
        LOG_ATTR_SET(attr_, code, code);
        return *this;
    }
    AttributedLogger& details(const char* str)
    {
        LOG_ATTR_SET(attr_, details, str);
        return *this;
    }

private:
    friend class Logger;
    explicit AttributedLogger(const char* name) : name_(name), attr_() { attr_.size = sizeof(attr_); }
    const char* name_;
    LogAttributes attr_;
};

class LogManager {
public:
    static LogManager* instance();
    bool addHandler(LogHandler* handler);
    void removeHandler(LogHandler* handler);

private:
    LogManager() = default;
    static void logMessage(const char* msg, int level, const char* category, const LogAttributes* attr, void* reserved);
    static void logWrite(const char* data, size_t size, int level, const char* category, void* reserved);
    static int logEnabled(int level, const char* category, void* reserved);
    Vector<LogHandler*> handlers_;
    bool active_ = false;
};

} // namespace spark

extern const spark::Logger Log;

#endif
