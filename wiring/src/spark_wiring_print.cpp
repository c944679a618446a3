// vdev wiring: implementation of class Print (number/float formatting,
// println, printf/printlnf).
#include "spark_wiring_print.h"

#include <cmath>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>

size_t Print::write(const uint8_t* buffer, size_t size)
{
    size_t n = 0;
    if (!buffer) { return 0; }
    while (size--) {
        if (write(*buffer++)) {
            n++;
        } else {
            break;
        }
    }
    return n;
}

size_t Print::write(const char* str)
{
    if (!str) { return 0; }
    return write(reinterpret_cast<const uint8_t*>(str), strlen(str));
}

size_t Print::print(const char str[])
{
    return write(str);
}

size_t Print::print(const String& s)
{
    if (s.length() == 0 || !s.c_str()) { return 0; }
    return write(s.c_str(), s.length());
}

size_t Print::print(char c)
{
    return write(static_cast<uint8_t>(c));
}

size_t Print::print(const Printable& p)
{
    return p.printTo(*this);
}

size_t Print::print(const __FlashStringHelper* str)
{
    return write(reinterpret_cast<const char*>(str));
}

size_t Print::println()
{
    return write("\r\n", 2);
}

size_t Print::printNumber(unsigned long long n, bool negative, uint8_t base)
{
    // 64 binary digits, optional sign, terminating NUL
    char buf[8 * sizeof(unsigned long long) + 2];
    char* p = &buf[sizeof(buf) - 1];
    *p = '\0';
    if (base < 2 || base > 36) { base = 10; }
    do {
        unsigned digit = static_cast<unsigned>(n % base);
        n /= base;
        *--p = static_cast<char>(digit < 10 ? '0' + digit : 'A' + digit - 10);
    } while (n != 0);
    if (negative) { *--p = '-'; }
    return write(p);
}

size_t Print::printFloat(double number, int digits)
{
    if (std::isnan(number)) { return write("nan"); }
    if (std::isinf(number)) { return write("inf"); }
    // Arduino prints only what fits a 32-bit integer part.
    if (number > 4294967040.0 || number < -4294967040.0) { return write("ovf"); }
    if (digits < 0) { digits = 0; }

    size_t n = 0;
    if (number < 0.0) {
        n += print('-');
        number = -number;
    }

    // Round half up at the last printed digit.
    double rounding = 0.5;
    for (int i = 0; i < digits; i++) { rounding /= 10.0; }
    number += rounding;

    const unsigned long intPart = static_cast<unsigned long>(number);
    double remainder = number - static_cast<double>(intPart);
    n += print(intPart);

    if (digits > 0) { n += print('.'); }
    while (digits-- > 0) {
        remainder *= 10.0;
        unsigned int digit = static_cast<unsigned int>(remainder);
        if (digit > 9) { digit = 9; }
        n += print(static_cast<char>('0' + digit));
        remainder -= digit;
    }
    return n;
}

size_t Print::vprintf_impl(bool newline, const char* format, va_list args)
{
    if (!format) { return newline ? println() : 0; }
    va_list args2;
    va_copy(args2, args);
    char small[128];
    size_t n = 0;
    int len = vsnprintf(small, sizeof(small), format, args);
    if (len >= 0) {
        if (static_cast<size_t>(len) < sizeof(small)) {
            n = write(small, static_cast<size_t>(len));
        } else {
            // Long output: format again into a heap buffer.
            char* big = static_cast<char*>(malloc(static_cast<size_t>(len) + 1));
            if (big) {
                vsnprintf(big, static_cast<size_t>(len) + 1, format, args2);
                n = write(big, static_cast<size_t>(len));
                free(big);
            } else {
                // Out of memory: emit the truncated prefix.
                n = write(small, sizeof(small) - 1);
            }
        }
    }
    va_end(args2);
    if (newline) { n += println(); }
    return n;
}

size_t Print::printf(const char* format, ...)
{
    va_list args;
    va_start(args, format);
    size_t n = vprintf_impl(false, format, args);
    va_end(args);
    return n;
}

size_t Print::printlnf(const char* format, ...)
{
    va_list args;
    va_start(args, format);
    size_t n = vprintf_impl(true, format, args);
    va_end(args);
    return n;
}
