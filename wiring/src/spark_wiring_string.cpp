// vdev wiring: implementation of class String (Particle Device OS 1.4 API).
#include "spark_wiring_string.h"
#include "spark_wiring_print.h"
#include "spark_wiring_printable.h"

#include <cctype>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace {

// Writes the digits of `value` in `base` (2..36, lower case) followed by a NUL
// into the end of buf[size]; returns a pointer to the first character.
char* formatUnsigned(unsigned long long value, unsigned base, bool negative, char* buf, size_t size)
{
    if (base < 2 || base > 36) { base = 10; }
    char* p = buf + size - 1;
    *p = '\0';
    do {
        unsigned digit = static_cast<unsigned>(value % base);
        value /= base;
        *--p = static_cast<char>(digit < 10 ? '0' + digit : 'a' + digit - 10);
    } while (value != 0);
    if (negative) { *--p = '-'; }
    return p;
}

// Text of an integer. Signed values get a minus sign only in base 10; in other
// bases they show the two's complement bit pattern of their own width (bits).
class NumText {
public:
    NumText(unsigned long long v, unsigned base) : str(formatUnsigned(v, base, false, buf, sizeof(buf))) {}
    NumText(long long v, unsigned base, unsigned bits)
        : str(base == 10 && v < 0
                ? formatUnsigned(0ULL - static_cast<unsigned long long>(v), base, true, buf, sizeof(buf))
                : formatUnsigned(static_cast<unsigned long long>(v) & (bits >= 64 ? ~0ULL : (1ULL << bits) - 1),
                    base, false, buf, sizeof(buf)))
    {
    }
    char buf[8 * sizeof(unsigned long long) + 2];
    const char* str;
};

// Print adapter used to render a Printable into a String.
class StringPrinter : public Print {
public:
    explicit StringPrinter(String& s) : str_(s) {}
    size_t write(uint8_t c) override { return str_.concat(static_cast<char>(c)) ? 1 : 0; }

private:
    String& str_;
};

} // namespace

/* ---------------------------------------------------------------- */
/* construction                                                      */

void String::init()
{
    buffer = nullptr;
    capacity = 0;
    len = 0;
}

void String::invalidate()
{
    free(buffer);
    init();
}

String::String(const char* cstr)
{
    init();
    if (cstr) { copy(cstr, static_cast<unsigned int>(strlen(cstr))); }
}

String::String(const char* cstr, unsigned int length)
{
    init();
    if (cstr) { copy(cstr, length); }
}

String::String(const String& str)
{
    init();
    *this = str;
}

String::String(String&& rval)
{
    init();
    move(rval);
}

String::String(StringSumHelper&& rval)
{
    init();
    move(rval);
}

String::String(const __FlashStringHelper* str) : String(reinterpret_cast<const char*>(str))
{
}

String::String(const Printable& printable)
{
    init();
    copy("", 0);
    StringPrinter printer(*this);
    printable.printTo(printer);
}

String::String(char c)
{
    init();
    copy(&c, 1);
}

#define VDEV_SIGNED_CTOR(T) \
    String::String(T v, unsigned char base) : String(NumText(static_cast<long long>(v), base, 8 * sizeof(T)).str) {}
#define VDEV_UNSIGNED_CTOR(T) \
    String::String(T v, unsigned char base) : String(NumText(static_cast<unsigned long long>(v), base).str) {}
VDEV_UNSIGNED_CTOR(unsigned char)
VDEV_SIGNED_CTOR(int)
VDEV_UNSIGNED_CTOR(unsigned int)
VDEV_SIGNED_CTOR(long)
VDEV_UNSIGNED_CTOR(unsigned long)
VDEV_SIGNED_CTOR(long long)
VDEV_UNSIGNED_CTOR(unsigned long long)
#undef VDEV_SIGNED_CTOR
#undef VDEV_UNSIGNED_CTOR

String::String(float value, unsigned char decimalPlaces) : String(static_cast<double>(value), decimalPlaces)
{
}

String::String(double value, unsigned char decimalPlaces)
{
    init();
    char buf[340]; // room for DBL_MAX with up to 20 decimals
    int n = snprintf(buf, sizeof(buf), "%.*f", decimalPlaces > 20 ? 20 : static_cast<int>(decimalPlaces), value);
    copy(buf, n < 0 ? 0 : static_cast<unsigned int>(n) >= sizeof(buf) ? sizeof(buf) - 1 : static_cast<unsigned int>(n));
}

String::~String()
{
    free(buffer);
}

/* ---------------------------------------------------------------- */
/* memory management                                                 */

unsigned char String::reserve(unsigned int size)
{
    if (buffer && capacity >= size) { return 1; }
    if (changeBuffer(size)) {
        if (len == 0) { buffer[0] = '\0'; }
        return 1;
    }
    return 0;
}

unsigned char String::changeBuffer(unsigned int maxStrLen)
{
    char* newBuffer = static_cast<char*>(realloc(buffer, static_cast<size_t>(maxStrLen) + 1));
    if (!newBuffer) { return 0; }
    buffer = newBuffer;
    capacity = maxStrLen;
    return 1;
}

String& String::copy(const char* cstr, unsigned int length)
{
    // cstr may point into our own buffer (e.g. s = s.c_str() + 1): reserve()
    // never reallocates when length <= len <= capacity, and memmove copes
    // with the overlap.
    if (!reserve(length)) {
        invalidate();
        return *this;
    }
    len = length;
    memmove(buffer, cstr, length);
    buffer[len] = '\0';
    return *this;
}

void String::move(String& rhs)
{
    if (this == &rhs) { return; }
    free(buffer);
    buffer = rhs.buffer;
    capacity = rhs.capacity;
    len = rhs.len;
    rhs.init();
}

String& String::operator=(const String& rhs)
{
    if (this == &rhs) { return *this; }
    if (rhs.buffer) {
        copy(rhs.buffer, rhs.len);
    } else {
        invalidate();
    }
    return *this;
}

String& String::operator=(String&& rval)
{
    move(rval);
    return *this;
}

String& String::operator=(StringSumHelper&& rval)
{
    move(rval);
    return *this;
}

String& String::operator=(const char* cstr)
{
    if (cstr) {
        copy(cstr, static_cast<unsigned int>(strlen(cstr)));
    } else {
        invalidate();
    }
    return *this;
}

String& String::operator=(const __FlashStringHelper* str)
{
    return *this = reinterpret_cast<const char*>(str);
}

/* ---------------------------------------------------------------- */
/* concatenation                                                     */

unsigned char String::concat(const char* cstr, unsigned int length)
{
    if (!cstr) { return 0; }
    if (length == 0) {
        return 1; // as Arduino: nothing to add, validity unchanged
    }
    // Appending (part of) ourselves: remember the offset across realloc.
    const bool inside = buffer && cstr >= buffer && cstr <= buffer + capacity;
    const size_t offset = inside ? static_cast<size_t>(cstr - buffer) : 0;
    const unsigned int newLen = len + length;
    if (newLen < len || !reserve(newLen)) { return 0; }
    const char* src = inside ? buffer + offset : cstr;
    memmove(buffer + len, src, length);
    len = newLen;
    buffer[len] = '\0';
    return 1;
}

unsigned char String::concat(const String& str)
{
    if (!str.buffer) { return 0; }
    return concat(str.buffer, str.len);
}

unsigned char String::concat(const char* cstr)
{
    if (!cstr) { return 0; }
    return concat(cstr, static_cast<unsigned int>(strlen(cstr)));
}

unsigned char String::concat(const __FlashStringHelper* str)
{
    return concat(reinterpret_cast<const char*>(str));
}

unsigned char String::concat(char c)
{
    return concat(&c, 1);
}

unsigned char String::concat(unsigned char num) { return concat(String(num)); }
unsigned char String::concat(int num) { return concat(String(num)); }
unsigned char String::concat(unsigned int num) { return concat(String(num)); }
unsigned char String::concat(long num) { return concat(String(num)); }
unsigned char String::concat(unsigned long num) { return concat(String(num)); }
unsigned char String::concat(long long num) { return concat(String(num)); }
unsigned char String::concat(unsigned long long num) { return concat(String(num)); }
unsigned char String::concat(float num) { return concat(String(num)); }
unsigned char String::concat(double num) { return concat(String(num)); }

/* ---------------------------------------------------------------- */
/* comparison (NULL buffers compare as empty strings)                */

int String::compareTo(const String& s) const
{
    const unsigned int n = len < s.len ? len : s.len;
    if (n > 0) {
        int r = memcmp(buffer, s.buffer, n);
        if (r != 0) { return r; }
    }
    if (len == s.len) { return 0; }
    // mimic strcmp: difference of the first differing byte
    return len > s.len ? static_cast<unsigned char>(buffer[n]) : -static_cast<int>(static_cast<unsigned char>(s.buffer[n]));
}

unsigned char String::equals(const String& s) const
{
    return len == s.len && compareTo(s) == 0;
}

unsigned char String::equals(const char* cstr) const
{
    if (!cstr) { return len == 0; }
    if (len == 0) { return *cstr == '\0'; }
    return strlen(cstr) == len && memcmp(buffer, cstr, len) == 0;
}

unsigned char String::equalsIgnoreCase(const String& s) const
{
    if (this == &s) { return 1; }
    if (len != s.len) { return 0; }
    for (unsigned int i = 0; i < len; i++) {
        if (tolower(static_cast<unsigned char>(buffer[i])) != tolower(static_cast<unsigned char>(s.buffer[i]))) {
            return 0;
        }
    }
    return 1;
}

unsigned char String::startsWith(const String& prefix) const
{
    if (len < prefix.len) { return 0; }
    return startsWith(prefix, 0);
}

unsigned char String::startsWith(const String& prefix, unsigned int offset) const
{
    if (offset > len || prefix.len > len - offset) { return 0; }
    if (prefix.len == 0) { return 1; }
    return memcmp(buffer + offset, prefix.buffer, prefix.len) == 0;
}

unsigned char String::endsWith(const String& suffix) const
{
    if (len < suffix.len) { return 0; }
    if (suffix.len == 0) { return 1; }
    return memcmp(buffer + len - suffix.len, suffix.buffer, suffix.len) == 0;
}

/* ---------------------------------------------------------------- */
/* character access                                                  */

char String::charAt(unsigned int index) const
{
    if (index >= len || !buffer) { return 0; }
    return buffer[index];
}

void String::setCharAt(unsigned int index, char c)
{
    if (index < len) { buffer[index] = c; }
}

char& String::writableAt(unsigned int index)
{
    static char dummy;
    if (index >= len || !buffer) {
        dummy = 0;
        return dummy;
    }
    return buffer[index];
}

void String::getBytes(unsigned char* buf, unsigned int bufsize, unsigned int index) const
{
    if (!buf || bufsize == 0) { return; }
    if (index >= len) {
        buf[0] = 0;
        return;
    }
    unsigned int n = bufsize - 1;
    if (n > len - index) { n = len - index; }
    memcpy(buf, buffer + index, n);
    buf[n] = 0;
}

/* ---------------------------------------------------------------- */
/* search                                                            */

int String::indexOf(char ch) const
{
    return indexOf(ch, 0);
}

int String::indexOf(char ch, unsigned int fromIndex) const
{
    for (unsigned int i = fromIndex; i < len; i++) {
        if (buffer[i] == ch) { return static_cast<int>(i); }
    }
    return -1;
}

int String::indexOf(const String& str) const
{
    return indexOf(str, 0);
}

int String::indexOf(const String& str, unsigned int fromIndex) const
{
    if (fromIndex >= len || str.len > len) { return -1; }
    for (unsigned int i = fromIndex; i + str.len <= len; i++) {
        if (str.len == 0 || memcmp(buffer + i, str.buffer, str.len) == 0) { return static_cast<int>(i); }
    }
    return -1;
}

int String::lastIndexOf(char ch) const
{
    return len == 0 ? -1 : lastIndexOf(ch, len - 1);
}

int String::lastIndexOf(char ch, unsigned int fromIndex) const
{
    if (len == 0) { return -1; }
    if (fromIndex >= len) { fromIndex = len - 1; }
    for (unsigned int i = fromIndex + 1; i-- > 0;) {
        if (buffer[i] == ch) { return static_cast<int>(i); }
    }
    return -1;
}

int String::lastIndexOf(const String& str) const
{
    return len == 0 ? -1 : lastIndexOf(str, len - 1);
}

int String::lastIndexOf(const String& str, unsigned int fromIndex) const
{
    if (str.len == 0 || len == 0 || str.len > len) { return -1; }
    unsigned int start = len - str.len;
    if (fromIndex < start) { start = fromIndex; }
    for (unsigned int i = start + 1; i-- > 0;) {
        if (memcmp(buffer + i, str.buffer, str.len) == 0) { return static_cast<int>(i); }
    }
    return -1;
}

String String::substring(unsigned int beginIndex) const
{
    return substring(beginIndex, len);
}

String String::substring(unsigned int left, unsigned int right) const
{
    if (left > right) {
        unsigned int t = left;
        left = right;
        right = t;
    }
    if (left >= len) { return String(); }
    if (right > len) { right = len; }
    return String(buffer + left, right - left);
}

/* ---------------------------------------------------------------- */
/* modification                                                      */

String& String::replace(char find, char replace)
{
    for (unsigned int i = 0; i < len; i++) {
        if (buffer[i] == find) { buffer[i] = replace; }
    }
    return *this;
}

String& String::replace(const String& find, const String& replace)
{
    if (len == 0 || find.len == 0 || find.len > len) { return *this; }
    unsigned int count = 0;
    for (unsigned int i = 0; i + find.len <= len;) {
        if (memcmp(buffer + i, find.buffer, find.len) == 0) {
            count++;
            i += find.len;
        } else {
            i++;
        }
    }
    if (count == 0) { return *this; }
    const unsigned long long newLen = static_cast<unsigned long long>(len) - static_cast<unsigned long long>(count) * find.len
        + static_cast<unsigned long long>(count) * replace.len;
    if (newLen > 0xFFFFFFFEULL) { return *this; }
    // Build into a fresh buffer: find/replace may alias *this.
    char* out = static_cast<char*>(malloc(static_cast<size_t>(newLen) + 1));
    if (!out) { return *this; }
    unsigned int o = 0;
    for (unsigned int i = 0; i < len;) {
        if (i + find.len <= len && memcmp(buffer + i, find.buffer, find.len) == 0) {
            if (replace.len) { memcpy(out + o, replace.buffer, replace.len); }
            o += replace.len;
            i += find.len;
        } else {
            out[o++] = buffer[i++];
        }
    }
    out[o] = '\0';
    free(buffer);
    buffer = out;
    len = o;
    capacity = o;
    return *this;
}

String& String::remove(unsigned int index)
{
    return remove(index, static_cast<unsigned int>(-1));
}

String& String::remove(unsigned int index, unsigned int count)
{
    if (index >= len || count == 0) { return *this; }
    if (count > len - index) { count = len - index; }
    memmove(buffer + index, buffer + index + count, len - index - count);
    len -= count;
    buffer[len] = '\0';
    return *this;
}

String& String::toLowerCase()
{
    for (unsigned int i = 0; i < len; i++) {
        buffer[i] = static_cast<char>(tolower(static_cast<unsigned char>(buffer[i])));
    }
    return *this;
}

String& String::toUpperCase()
{
    for (unsigned int i = 0; i < len; i++) {
        buffer[i] = static_cast<char>(toupper(static_cast<unsigned char>(buffer[i])));
    }
    return *this;
}

String& String::trim()
{
    if (!buffer || len == 0) { return *this; }
    unsigned int begin = 0;
    while (begin < len && isspace(static_cast<unsigned char>(buffer[begin]))) { begin++; }
    unsigned int end = len;
    while (end > begin && isspace(static_cast<unsigned char>(buffer[end - 1]))) { end--; }
    len = end - begin;
    if (begin > 0) { memmove(buffer, buffer + begin, len); }
    buffer[len] = '\0';
    return *this;
}

/* ---------------------------------------------------------------- */
/* conversion                                                        */

long String::toInt() const
{
    return buffer ? atol(buffer) : 0;
}

float String::toFloat() const
{
    return buffer ? static_cast<float>(atof(buffer)) : 0.0f;
}

String String::format(const char* fmt, ...)
{
    if (!fmt) { return String(); }
    va_list args;
    va_start(args, fmt);
    va_list args2;
    va_copy(args2, args);
    char small[64];
    int n = vsnprintf(small, sizeof(small), fmt, args);
    va_end(args);
    String result;
    if (n < 0) {
        va_end(args2);
        return result;
    }
    if (static_cast<size_t>(n) < sizeof(small)) {
        result.copy(small, static_cast<unsigned int>(n));
    } else if (result.reserve(static_cast<unsigned int>(n))) {
        vsnprintf(result.buffer, static_cast<size_t>(n) + 1, fmt, args2);
        result.len = static_cast<unsigned int>(n);
    }
    va_end(args2);
    return result;
}
