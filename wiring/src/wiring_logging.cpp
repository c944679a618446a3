// vdev wiring: LogManager, the category filters of LogHandler, the
// StreamLogHandler line format, Serial log handlers, Logger and
// AttributedLogger. A handler that writes to USB Serial is silent while
// listening mode owns Serial (Device OS 1.4.0 fix #1909).
#include "application.h"
#include "system_listen.h"

#include <cstdio>

const spark::Logger Log("app");

namespace spark {

// The level for a category: the deepest filter matching whole dotted
// components ("app" matches "app" and "app.net", not "application").
LogLevel LogHandler::level(const char* category) const
{
    LogLevel lvl = level_;
    if (!category)
        return lvl;
    size_t best = 0;
    for (const LogCategoryFilter& f : filters_) {
        const char* fc = f.category();
        size_t n = strlen(fc);
        if (!n || strncmp(category, fc, n) != 0 || (category[n] != '\0' && category[n] != '.'))
            continue;
        if (n >= best) {
            best = n;
            lvl = f.level();
        }
    }
    return lvl;
}

// listening mode's console has USB Serial to itself (fix #1909)
static bool console_owns(const Print* stream) { return stream == static_cast<Print*>(&Serial) && vdev_listening(); }

void StreamLogHandler::write(const char* data, size_t size)
{
    if (!console_owns(stream_))
        stream_->write((const uint8_t*)data, size);
}

void StreamLogHandler::write(const char* str) { write(str, strlen(str)); }
void StreamLogHandler::write(char c) { write(&c, 1); }

void StreamLogHandler::printf(const char* fmt, ...)
{
    char buf[32];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    if (n > 0)
        write(buf, (size_t)n < sizeof(buf) ? (size_t)n : sizeof(buf) - 1);
}

static const char* base_name(const char* path)
{
    const char* s = strrchr(path, '/');
    return s ? s + 1 : path;
}

// "int Foo::bar(int) const" -> "Foo::bar"
static void func_name(const char* fn, const char** start, size_t* len)
{
    const char* paren = strchr(fn, '(');
    const char* end = paren ? paren : fn + strlen(fn);
    const char* s = end;
    while (s > fn && s[-1] != ' ' && s[-1] != '*' && s[-1] != '&')
        s--;
    *start = s;
    *len = (size_t)(end - s);
}

void StreamLogHandler::logMessage(const char* msg, LogLevel level, const char* category, const LogAttributes& attr)
{
    String line;
    char num[32];
    if (attr.has_time) {
        snprintf(num, sizeof(num), "%010u ", (unsigned)attr.time);
        line += num;
    }
    if (category) {
        line += '[';
        line += category;
        line += "] ";
    }
    if (attr.has_file) {
        line += base_name(attr.file);
        if (attr.has_line) {
            snprintf(num, sizeof(num), ":%d", attr.line);
            line += num;
        }
        line += attr.has_function ? ", " : ": ";
    }
    if (attr.has_function) {
        const char* s;
        size_t n;
        func_name(attr.function, &s, &n);
        line += String(s, (unsigned)n);
        line += "(): ";
    }
    line += levelName(level);
    line += ": ";
    if (msg)
        line += msg;
    if (attr.has_code || attr.has_details) {
        line += " [";
        if (attr.has_code) {
            snprintf(num, sizeof(num), "code = %ld", (long)attr.code);
            line += num;
        }
        if (attr.has_details) {
            if (attr.has_code)
                line += ", ";
            line += "details = ";
            line += attr.details;
        }
        line += ']';
    }
    line += "\r\n";
    write(line.c_str(), line.length());
}

SerialLogHandler::SerialLogHandler(LogLevel level, LogCategoryFilters filters) : StreamLogHandler(Serial, level, filters)
{
    Serial.begin();
    LogManager::instance()->addHandler(this);
}

SerialLogHandler::SerialLogHandler(int baud, LogLevel level, LogCategoryFilters filters)
    : StreamLogHandler(Serial, level, filters)
{
    Serial.begin(baud);
    LogManager::instance()->addHandler(this);
}

SerialLogHandler::~SerialLogHandler() { LogManager::instance()->removeHandler(this); }

Serial1LogHandler::Serial1LogHandler(LogLevel level, LogCategoryFilters filters)
    : StreamLogHandler(Serial1, level, filters)
{
    Serial1.begin(9600);
    LogManager::instance()->addHandler(this);
}

Serial1LogHandler::Serial1LogHandler(int baud, LogLevel level, LogCategoryFilters filters)
    : StreamLogHandler(Serial1, level, filters)
{
    Serial1.begin(baud);
    LogManager::instance()->addHandler(this);
}

Serial1LogHandler::~Serial1LogHandler() { LogManager::instance()->removeHandler(this); }

// ---- LogManager ----

LogManager* LogManager::instance()
{
    static LogManager mgr;
    return &mgr;
}

bool LogManager::addHandler(LogHandler* handler)
{
    if (!handler || handlers_.contains(handler) || !handlers_.append(handler))
        return false;
    if (handlers_.size() == 1)
        log_set_callbacks(logMessage, logWrite, logEnabled, nullptr);
    return true;
}

void LogManager::removeHandler(LogHandler* handler)
{
    handlers_.removeOne(handler);
    if (handlers_.isEmpty())
        log_set_callbacks(nullptr, nullptr, nullptr, nullptr);
}

void LogManager::logMessage(const char* msg, int level, const char* category, const LogAttributes* attr, void*)
{
    LogManager* m = instance();
    if (m->active_ || HAL_IsISR()) // re-entrant logging and logging from ISRs are dropped
        return;
    m->active_ = true;
    for (LogHandler* h : m->handlers_)
        h->message(msg, (LogLevel)level, category, *attr);
    m->active_ = false;
}

void LogManager::logWrite(const char* data, size_t size, int level, const char* category, void*)
{
    LogManager* m = instance();
    if (m->active_ || HAL_IsISR())
        return;
    m->active_ = true;
    for (LogHandler* h : m->handlers_)
        h->write(data, size, (LogLevel)level, category);
    m->active_ = false;
}

int LogManager::logEnabled(int level, const char* category, void*)
{
    for (LogHandler* h : instance()->handlers_)
        if (level >= h->level(category))
            return 1;
    return 0;
}

// ---- Logger ----

void Logger::logv(LogLevel level, const char* name, LogAttributes* attr, const char* fmt, va_list args)
{
    LogAttributes a = {};
    a.size = sizeof(a);
    log_message_v(level, name, attr ? attr : &a, nullptr, fmt, args);
}

#define LOGGER_METHOD(method, level) \
    void Logger::method(const char* fmt, ...) const \
    { \
        va_list ap; \
        va_start(ap, fmt); \
        logv(level, name_, nullptr, fmt, ap); \
        va_end(ap); \
    }
LOGGER_METHOD(trace, LOG_LEVEL_TRACE)
LOGGER_METHOD(info, LOG_LEVEL_INFO)
LOGGER_METHOD(warn, LOG_LEVEL_WARN)
LOGGER_METHOD(error, LOG_LEVEL_ERROR)
LOGGER_METHOD(log, DEFAULT_LEVEL)
LOGGER_METHOD(operator(), DEFAULT_LEVEL)
#undef LOGGER_METHOD

void Logger::log(LogLevel level, const char* fmt, ...) const
{
    va_list ap;
    va_start(ap, fmt);
    logv(level, name_, nullptr, fmt, ap);
    va_end(ap);
}

void Logger::operator()(LogLevel level, const char* fmt, ...) const
{
    va_list ap;
    va_start(ap, fmt);
    logv(level, name_, nullptr, fmt, ap);
    va_end(ap);
}

void Logger::printf(const char* fmt, ...) const
{
    va_list ap;
    va_start(ap, fmt);
    log_printf_v(DEFAULT_LEVEL, name_, nullptr, fmt, ap);
    va_end(ap);
}

void Logger::printf(LogLevel level, const char* fmt, ...) const
{
    va_list ap;
    va_start(ap, fmt);
    log_printf_v(level, name_, nullptr, fmt, ap);
    va_end(ap);
}

void Logger::print(LogLevel level, const char* str) const
{
    if (str)
        log_write(level, name_, str, strlen(str), nullptr);
}

AttributedLogger Logger::code(intptr_t c) const { return AttributedLogger(name_).code(c); }
AttributedLogger Logger::details(const char* s) const { return AttributedLogger(name_).details(s); }

#define ALOGGER_METHOD(method, level) \
    void AttributedLogger::method(const char* fmt, ...) \
    { \
        va_list ap; \
        va_start(ap, fmt); \
        Logger::logv(level, name_, &attr_, fmt, ap); \
        va_end(ap); \
    }
ALOGGER_METHOD(trace, LOG_LEVEL_TRACE)
ALOGGER_METHOD(info, LOG_LEVEL_INFO)
ALOGGER_METHOD(warn, LOG_LEVEL_WARN)
ALOGGER_METHOD(error, LOG_LEVEL_ERROR)
ALOGGER_METHOD(log, Logger::DEFAULT_LEVEL)
#undef ALOGGER_METHOD

void AttributedLogger::log(LogLevel level, const char* fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    Logger::logv(level, name_, &attr_, fmt, ap);
    va_end(ap);
}

} // namespace spark
