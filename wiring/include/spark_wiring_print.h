// vdev wiring: class Print (Particle Device OS 1.4 API: write/print/println,
// printf/printlnf, write error state) and the DEC/HEX/OCT/BIN constants.
#ifndef SPARK_WIRING_PRINT_H
#define SPARK_WIRING_PRINT_H

#include <cstdarg>
#include <cstddef>
#include <cstdint>
#include <type_traits>

#include "spark_wiring_printable.h"
#include "spark_wiring_string.h"

#ifndef DEC
#define DEC 10
#endif
#ifndef HEX
#define HEX 16
#endif
#ifndef OCT
#define OCT 8
#endif
#ifndef BIN
#define BIN 2
#endif

namespace vdev_print_detail {
// Maps a printable integral/enum type to the integer type used to print it.
template <typename T, bool IsEnum = std::is_enum<T>::value>
struct IntOf {
    typedef T type;
};
template <typename T>
struct IntOf<T, true> {
    typedef typename std::underlying_type<T>::type type;
};
template <>
struct IntOf<bool, false> {
    typedef unsigned char type;
};

template <typename I>
inline bool isNegative(I v, std::true_type) { return v < 0; }
template <typename I>
inline bool isNegative(I, std::false_type) { return false; }
} // namespace vdev_print_detail

class Print {
public:
    Print() : write_error(0) {}
    virtual ~Print() {}

    int getWriteError() { return write_error; }
    void clearWriteError() { setWriteError(0); }

    virtual size_t write(uint8_t c) = 0;
    virtual size_t write(const uint8_t* buffer, size_t size);
    size_t write(const char* str);
    size_t write(const char* buffer, size_t size)
    {
        return write(reinterpret_cast<const uint8_t*>(buffer), size);
    }

    size_t print(const char str[]);
    size_t print(const String& s);
    size_t print(char c);
    size_t print(float n, int digits = 2) { return printFloat(static_cast<double>(n), digits); }
    size_t print(double n, int digits = 2) { return printFloat(n, digits); }
    size_t print(const Printable& p);
    size_t print(const __FlashStringHelper* str);

    // Every integer type (and unscoped/scoped enums): `base` is DEC, HEX, OCT,
    // BIN (any 2..36), or 0 to write the value as a raw byte.  Negative
    // values get a '-' in base 10 and are printed as the unsigned value of
    // the argument's own width in other bases.
    template <typename T, typename std::enable_if<std::is_integral<T>::value || std::is_enum<T>::value, int>::type = 0>
    size_t print(T n, int base = DEC)
    {
        typedef typename vdev_print_detail::IntOf<T>::type I;
        typedef typename std::make_unsigned<I>::type U;
        const I v = static_cast<I>(n);
        if (base == 0) {
            return write(static_cast<uint8_t>(v));
        }
        if (base < 2 || base > 36) {
            base = DEC;
        }
        U mag = static_cast<U>(v);
        bool negative = false;
        if (base == DEC && vdev_print_detail::isNegative(v, std::integral_constant<bool, std::is_signed<I>::value>())) {
            negative = true;
            mag = static_cast<U>(U(0) - mag);
        }
        return printNumber(static_cast<unsigned long long>(mag), negative, static_cast<uint8_t>(base));
    }

    size_t println();
    size_t println(const char str[]) { return finishLine(print(str)); }
    size_t println(const String& s) { return finishLine(print(s)); }
    size_t println(char c) { return finishLine(print(c)); }
    size_t println(float n, int digits = 2) { return finishLine(print(n, digits)); }
    size_t println(double n, int digits = 2) { return finishLine(print(n, digits)); }
    size_t println(const Printable& p) { return finishLine(print(p)); }
    size_t println(const __FlashStringHelper* str) { return finishLine(print(str)); }
    template <typename T, typename std::enable_if<std::is_integral<T>::value || std::is_enum<T>::value, int>::type = 0>
    size_t println(T n, int base = DEC)
    {
        return finishLine(print(n, base));
    }

    // Particle extensions: printf-style output (printlnf appends "\r\n").
    size_t printf(const char* format, ...);
    size_t printlnf(const char* format, ...);

protected:
    void setWriteError(int err = 1) { write_error = err; }
    size_t vprintf_impl(bool newline, const char* format, va_list args);

private:
    int write_error;

    size_t printNumber(unsigned long long n, bool negative, uint8_t base);
    size_t printFloat(double number, int digits);
    size_t finishLine(size_t n) { return n + println(); }
};

#endif // SPARK_WIRING_PRINT_H
