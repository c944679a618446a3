// vdev wiring: implementation of class Stream's timed helpers (find, parse,
// readBytes/readString); waits yield to other simulated threads.
#include "spark_wiring_stream.h"

#include <cstring>

extern "C" uint32_t HAL_Timer_Get_Milli_Seconds(void);
extern "C" void os_thread_yield(void);

namespace {

bool isDigit(int c)
{
    return c >= '0' && c <= '9';
}

// Incremental substring matcher for a stream that cannot be rewound: on a
// mismatch it falls back to the longest prefix of the target that is also a
// suffix of what has been matched so far (so "aab" is found in "aaab").
class Matcher {
public:
    Matcher(const char* s, size_t len) : s_(s), len_(s ? len : 0), idx_(0) {}

    bool empty() const { return len_ == 0; }

    // Feeds one character; true when the whole target has just matched.
    bool feed(char c)
    {
        if (len_ == 0) { return false; }
        for (;;) {
            if (s_[idx_] == c) {
                if (++idx_ == len_) {
                    idx_ = border(idx_);
                    return true;
                }
                return false;
            }
            if (idx_ == 0) { return false; }
            idx_ = border(idx_);
        }
    }

private:
    // Length of the longest proper prefix of s_[0..k) that is also its suffix.
    size_t border(size_t k) const
    {
        for (size_t b = k - 1; b > 0; b--) {
            if (memcmp(s_, s_ + k - b, b) == 0) { return b; }
        }
        return 0;
    }

    const char* s_;
    size_t len_;
    size_t idx_;
};

} // namespace

int Stream::timedRead()
{
    _startMillis = HAL_Timer_Get_Milli_Seconds();
    for (;;) {
        int c = read();
        if (c >= 0) { return c; }
        if (HAL_Timer_Get_Milli_Seconds() - _startMillis >= _timeout) { return -1; }
        os_thread_yield();
    }
}

int Stream::timedPeek()
{
    _startMillis = HAL_Timer_Get_Milli_Seconds();
    for (;;) {
        int c = peek();
        if (c >= 0) { return c; }
        if (HAL_Timer_Get_Milli_Seconds() - _startMillis >= _timeout) { return -1; }
        os_thread_yield();
    }
}

// Discards characters until a digit, '-' (or '.' when allowed) is next;
// returns that character (not consumed) or -1 on timeout.
int Stream::peekNextDigit(bool allowDecimal)
{
    for (;;) {
        int c = timedPeek();
        if (c < 0 || c == '-' || isDigit(c) || (allowDecimal && c == '.')) { return c; }
        read();
    }
}

bool Stream::find(const char* target)
{
    if (!target) { return false; }
    return findUntil(target, strlen(target), nullptr, 0);
}

bool Stream::find(const char* target, size_t length)
{
    return findUntil(target, length, nullptr, 0);
}

bool Stream::find(char target)
{
    return findUntil(&target, 1, nullptr, 0);
}

bool Stream::findUntil(const char* target, const char* terminator)
{
    if (!target) { return false; }
    return findUntil(target, strlen(target), terminator, terminator ? strlen(terminator) : 0);
}

bool Stream::findUntil(const char* target, size_t targetLen, const char* terminator, size_t termLen)
{
    if (!target) { return false; }
    Matcher want(target, targetLen);
    Matcher stop(terminator, termLen);
    if (want.empty()) { return true; }
    for (;;) {
        int c = timedRead();
        if (c < 0) { return false; }
        if (want.feed(static_cast<char>(c))) { return true; }
        if (!stop.empty() && stop.feed(static_cast<char>(c))) { return false; }
    }
}

long Stream::parseInt(char skipChar)
{
    const int skip = static_cast<unsigned char>(skipChar);
    int c = peekNextDigit(false);
    if (c < 0) {
        return 0; // timeout
    }
    bool negative = false;
    unsigned long value = 0;
    do {
        if (c == skip) {
            // ignored (e.g. thousands separator)
        } else if (c == '-') {
            negative = true;
        } else if (isDigit(c)) {
            value = value * 10 + static_cast<unsigned long>(c - '0');
        }
        read(); // consume the character obtained by peek
        c = timedPeek();
    } while (isDigit(c) || c == skip);
    return negative ? static_cast<long>(0UL - value) : static_cast<long>(value);
}

float Stream::parseFloat(char skipChar)
{
    const int skip = static_cast<unsigned char>(skipChar);
    int c = peekNextDigit(true);
    if (c < 0) {
        return 0.0f; // timeout
    }
    bool negative = false;
    bool fraction = false;
    double mantissa = 0.0;
    double divisor = 1.0;
    do {
        if (c == skip) {
            // ignored
        } else if (c == '-') {
            negative = true;
        } else if (c == '.') {
            fraction = true;
        } else if (isDigit(c)) {
            mantissa = mantissa * 10.0 + (c - '0');
            if (fraction) { divisor *= 10.0; }
        }
        read();
        c = timedPeek();
    } while (isDigit(c) || (c == '.' && !fraction) || c == skip);
    double value = mantissa / divisor;
    return static_cast<float>(negative ? -value : value);
}

size_t Stream::readBytes(char* buffer, size_t length)
{
    size_t count = 0;
    if (!buffer) { return 0; }
    while (count < length) {
        int c = timedRead();
        if (c < 0) { break; }
        buffer[count++] = static_cast<char>(c);
    }
    return count;
}

size_t Stream::readBytesUntil(char terminator, char* buffer, size_t length)
{
    size_t count = 0;
    if (!buffer) { return 0; }
    while (count < length) {
        int c = timedRead();
        if (c < 0 || c == static_cast<unsigned char>(terminator)) { break; }
        buffer[count++] = static_cast<char>(c);
    }
    return count;
}

String Stream::readString()
{
    String ret;
    int c = timedRead();
    while (c >= 0) {
        ret += static_cast<char>(c);
        c = timedRead();
    }
    return ret;
}

String Stream::readStringUntil(char terminator)
{
    String ret;
    int c = timedRead();
    while (c >= 0 && c != static_cast<unsigned char>(terminator)) {
        ret += static_cast<char>(c);
        c = timedRead();
    }
    return ret;
}
