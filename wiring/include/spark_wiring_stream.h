// vdev wiring: class Stream (Particle Device OS 1.4 API): abstract byte
// source plus timed find/parse/read helpers built on top of it.
#ifndef SPARK_WIRING_STREAM_H
#define SPARK_WIRING_STREAM_H

#include <cstddef>
#include <cstdint>

#include "spark_wiring_print.h"
#include "spark_wiring_string.h"

#ifndef SYSTEM_TICK_T_DEFINED
#define SYSTEM_TICK_T_DEFINED
typedef uint32_t system_tick_t;
#endif

class Stream : public Print {
public:
    Stream() : _timeout(1000), _startMillis(0) {}

    virtual int available() = 0;
    virtual int read() = 0;
    virtual int peek() = 0;
    virtual void flush() = 0;

    // Maximum time (ms) to wait for each character in the timed helpers.
    void setTimeout(system_tick_t timeout) { _timeout = timeout; }
    system_tick_t getTimeout() { return _timeout; }

    // Read until the target is found (true) or a timeout occurs (false).
    bool find(const char* target);
    bool find(const char* target, size_t length);
    bool find(char target);
    // As find(), but also stops (false) when the terminator is found first.
    bool findUntil(const char* target, const char* terminator);
    bool findUntil(const char* target, size_t targetLen, const char* terminator, size_t termLen);

    // Skip to the first digit or '-' and parse a number; 0 on timeout.
    // Occurrences of skipChar inside the number are ignored (e.g. ',').
    long parseInt() { return parseInt(NO_SKIP_CHAR); }
    long parseInt(char skipChar);
    float parseFloat() { return parseFloat(NO_SKIP_CHAR); }
    float parseFloat(char skipChar);

    // Read up to length bytes, stopping on timeout (and after terminator,
    // which is consumed but not stored). No NUL terminator is added.
    size_t readBytes(char* buffer, size_t length);
    size_t readBytes(uint8_t* buffer, size_t length)
    {
        return readBytes(reinterpret_cast<char*>(buffer), length);
    }
    size_t readBytesUntil(char terminator, char* buffer, size_t length);
    size_t readBytesUntil(char terminator, uint8_t* buffer, size_t length)
    {
        return readBytesUntil(terminator, reinterpret_cast<char*>(buffer), length);
    }

    String readString();
    String readStringUntil(char terminator);

protected:
    static const char NO_SKIP_CHAR = '\x01';

    system_tick_t _timeout;     // milliseconds per character
    system_tick_t _startMillis; // start of the current timed wait

    int timedRead();
    int timedPeek();
    int peekNextDigit(bool allowDecimal);
};

#endif // SPARK_WIRING_STREAM_H
