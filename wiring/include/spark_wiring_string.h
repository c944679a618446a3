// vdev wiring: class String (Particle Device OS 1.4 compatible, an extended
// Arduino WString), StringSumHelper, __FlashStringHelper / F() / PSTR.
#ifndef SPARK_WIRING_STRING_H
#define SPARK_WIRING_STRING_H

#include <cstddef>
#include <cstdint>
#include <type_traits>

// Flash-string helpers: on the host there is no separate flash space, so F()
// and PSTR() are no-ops that only change the pointer type.
class __FlashStringHelper;
#ifndef F
#define F(string_literal) (reinterpret_cast<const __FlashStringHelper*>(string_literal))
#endif
#ifndef PSTR
#define PSTR(s) (s)
#endif

class Printable;
class StringSumHelper;

class String {
public:
    // A NULL const char* yields an *invalid* String (no buffer), as Arduino.
    String(const char* cstr = "");
    String(const char* cstr, unsigned int length);
    String(const String& str);
    String(String&& rval);
    String(StringSumHelper&& rval);
    String(const __FlashStringHelper* str);
    String(const Printable& printable);
    explicit String(char c);
    explicit String(unsigned char value, unsigned char base = 10);
    explicit String(int value, unsigned char base = 10);
    explicit String(unsigned int value, unsigned char base = 10);
    explicit String(long value, unsigned char base = 10);
    explicit String(unsigned long value, unsigned char base = 10);
    explicit String(long long value, unsigned char base = 10);
    explicit String(unsigned long long value, unsigned char base = 10);
    explicit String(float value, unsigned char decimalPlaces = 6);
    explicit String(double value, unsigned char decimalPlaces = 6);
    ~String();

    // memory management: returns 1 on success, 0 on allocation failure
    unsigned char reserve(unsigned int size);
    unsigned int length() const { return len; }

    String& operator=(const String& rhs);
    String& operator=(const char* cstr);
    String& operator=(const __FlashStringHelper* str);
    String& operator=(String&& rval);
    String& operator=(StringSumHelper&& rval);

    // concatenation: returns 1 on success, 0 on failure (string unchanged)
    unsigned char concat(const String& str);
    unsigned char concat(const char* cstr);
    unsigned char concat(const __FlashStringHelper* str);
    unsigned char concat(char c);
    unsigned char concat(unsigned char num);
    unsigned char concat(int num);
    unsigned char concat(unsigned int num);
    unsigned char concat(long num);
    unsigned char concat(unsigned long num);
    unsigned char concat(long long num);
    unsigned char concat(unsigned long long num);
    unsigned char concat(float num);
    unsigned char concat(double num);

    template <typename T>
    String& operator+=(const T& rhs) { concat(rhs); return *this; }
    String& operator+=(const char* cstr) { concat(cstr); return *this; }

    // validity: an invalid String (NULL input or failed allocation) has
    // c_str() == NULL, so `if (str)` is false through operator const char*.
    const char* c_str() const { return buffer; }
    operator const char*() const { return c_str(); }

    // comparison
    int compareTo(const String& s) const;
    unsigned char equals(const String& s) const;
    unsigned char equals(const char* cstr) const;
    bool operator==(const String& rhs) const { return equals(rhs); }
    bool operator==(const char* cstr) const { return equals(cstr); }
    bool operator!=(const String& rhs) const { return !equals(rhs); }
    bool operator!=(const char* cstr) const { return !equals(cstr); }
    bool operator<(const String& rhs) const { return compareTo(rhs) < 0; }
    bool operator>(const String& rhs) const { return compareTo(rhs) > 0; }
    bool operator<=(const String& rhs) const { return compareTo(rhs) <= 0; }
    bool operator>=(const String& rhs) const { return compareTo(rhs) >= 0; }
    bool operator<(const char* rhs) const { return compareTo(String(rhs)) < 0; }
    bool operator>(const char* rhs) const { return compareTo(String(rhs)) > 0; }
    bool operator<=(const char* rhs) const { return compareTo(String(rhs)) <= 0; }
    bool operator>=(const char* rhs) const { return compareTo(String(rhs)) >= 0; }
    unsigned char equalsIgnoreCase(const String& s) const;
    unsigned char startsWith(const String& prefix) const;
    unsigned char startsWith(const String& prefix, unsigned int offset) const;
    unsigned char endsWith(const String& suffix) const;

    // character access (index is templated so `s[0]` is not ambiguous with
    // the built-in subscript on operator const char*)
    char charAt(unsigned int index) const;
    void setCharAt(unsigned int index, char c);
    template <typename I, typename std::enable_if<std::is_integral<I>::value, int>::type = 0>
    char operator[](I index) const { return charAt(static_cast<unsigned int>(index)); }
    template <typename I, typename std::enable_if<std::is_integral<I>::value, int>::type = 0>
    char& operator[](I index) { return writableAt(static_cast<unsigned int>(index)); }
    void getBytes(unsigned char* buf, unsigned int bufsize, unsigned int index = 0) const;
    void toCharArray(char* buf, unsigned int bufsize, unsigned int index = 0) const
    {
        getBytes(reinterpret_cast<unsigned char*>(buf), bufsize, index);
    }

    // search
    int indexOf(char ch) const;
    int indexOf(char ch, unsigned int fromIndex) const;
    int indexOf(const String& str) const;
    int indexOf(const String& str, unsigned int fromIndex) const;
    int lastIndexOf(char ch) const;
    int lastIndexOf(char ch, unsigned int fromIndex) const;
    int lastIndexOf(const String& str) const;
    int lastIndexOf(const String& str, unsigned int fromIndex) const;
    String substring(unsigned int beginIndex) const;
    String substring(unsigned int beginIndex, unsigned int endIndex) const;

    // modification (Particle returns String& for chaining)
    String& replace(char find, char replace);
    String& replace(const String& find, const String& replace);
    String& remove(unsigned int index);
    String& remove(unsigned int index, unsigned int count);
    String& toLowerCase();
    String& toUpperCase();
    String& trim();

    // parsing / conversion
    long toInt() const;
    float toFloat() const;

    // printf-style construction
    static String format(const char* format, ...);

protected:
    char* buffer;          // NULL when invalid
    unsigned int capacity; // usable chars, excluding the terminating NUL
    unsigned int len;

    void init();
    void invalidate();
    unsigned char changeBuffer(unsigned int maxStrLen);
    unsigned char concat(const char* cstr, unsigned int length);
    String& copy(const char* cstr, unsigned int length);
    void move(String& rhs);
    char& writableAt(unsigned int index);
};

// Temporary produced by operator+; chains append in place.
class StringSumHelper : public String {
public:
    explicit StringSumHelper(const String& s) : String(s) {}
    explicit StringSumHelper(String&& s) : String(static_cast<String&&>(s)) {}
    StringSumHelper(StringSumHelper&& s) = default;
    StringSumHelper(const StringSumHelper& s) = default;
};

#define VDEV_STRING_SUM_OPS(T)                                          \
    inline StringSumHelper operator+(const String& lhs, T rhs)          \
    {                                                                   \
        StringSumHelper r(lhs);                                         \
        r.concat(rhs);                                                  \
        return r;                                                       \
    }                                                                   \
    inline StringSumHelper operator+(StringSumHelper&& lhs, T rhs)      \
    {                                                                   \
        lhs.concat(rhs);                                                \
        return static_cast<StringSumHelper&&>(lhs);                     \
    }
VDEV_STRING_SUM_OPS(const String&)
VDEV_STRING_SUM_OPS(const char*)
VDEV_STRING_SUM_OPS(const __FlashStringHelper*)
VDEV_STRING_SUM_OPS(char)
VDEV_STRING_SUM_OPS(unsigned char)
VDEV_STRING_SUM_OPS(int)
VDEV_STRING_SUM_OPS(unsigned int)
VDEV_STRING_SUM_OPS(long)
VDEV_STRING_SUM_OPS(unsigned long)
VDEV_STRING_SUM_OPS(long long)
VDEV_STRING_SUM_OPS(unsigned long long)
VDEV_STRING_SUM_OPS(float)
VDEV_STRING_SUM_OPS(double)
#undef VDEV_STRING_SUM_OPS

// C string on the left-hand side of a comparison (avoids pointer comparison
// through operator const char*).
inline bool operator==(const char* lhs, const String& rhs) { return rhs.equals(lhs); }
inline bool operator!=(const char* lhs, const String& rhs) { return !rhs.equals(lhs); }
inline bool operator<(const char* lhs, const String& rhs) { return rhs > lhs; }
inline bool operator>(const char* lhs, const String& rhs) { return rhs < lhs; }
inline bool operator<=(const char* lhs, const String& rhs) { return rhs >= lhs; }
inline bool operator>=(const char* lhs, const String& rhs) { return rhs <= lhs; }

#endif // SPARK_WIRING_STRING_H
