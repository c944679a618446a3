// vdev unit tests for the wiring text classes: String, Print, Printable and
// Stream (cmocka). Provides a fake millisecond clock and os_thread_yield.
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
// cmocka 1.1.5's header does not wrap its declarations in extern "C".
extern "C" {
#include <cmocka.h>
}

#include <cmath>
#include <cstdint>
#include <cstring>

#include "spark_wiring_print.h"
#include "spark_wiring_printable.h"
#include "spark_wiring_stream.h"
#include "spark_wiring_string.h"

/* ---------------------------------------------------------------- */
/* fakes for the platform functions Stream relies on                 */

static uint32_t g_fake_ms = 0;
static uint32_t g_clock_step = 7;
static unsigned g_yields = 0;

extern "C" uint32_t HAL_Timer_Get_Milli_Seconds(void)
{
    g_fake_ms += g_clock_step;
    return g_fake_ms;
}

extern "C" void os_thread_yield(void)
{
    g_yields++;
}

/* ---------------------------------------------------------------- */
/* helpers                                                           */

class BufPrint : public Print {
public:
    using Print::write;
    size_t write(uint8_t c) override
    {
        if (n_ + 1 >= sizeof(buf_)) {
            setWriteError();
            return 0;
        }
        buf_[n_++] = static_cast<char>(c);
        buf_[n_] = '\0';
        return 1;
    }
    const char* str() const { return buf_; }
    size_t size() const { return n_; }
    void reset() { buf_[n_ = 0] = '\0'; }
    void markError() { setWriteError(); }

private:
    char buf_[2048] = {0};
    size_t n_ = 0;
};

// Stream over a memory buffer; reads return -1 at the end. With every > 0
// one more character becomes readable every `every` yields, to check that
// timed reads yield and pick up data that arrives while waiting.
class MemStream : public Stream {
public:
    explicit MemStream(const char* data, unsigned every = 0)
        : data_(data), len_(strlen(data)), every_(every), base_(g_yields) {}
    int available() override { return static_cast<int>(ready() - pos_); }
    int read() override { return pos_ < ready() ? static_cast<unsigned char>(data_[pos_++]) : -1; }
    int peek() override { return pos_ < ready() ? static_cast<unsigned char>(data_[pos_]) : -1; }
    void flush() override {}
    size_t write(uint8_t) override { return 1; }

private:
    size_t ready() const
    {
        size_t n = every_ ? (g_yields - base_) / every_ : len_;
        return n < len_ ? n : len_;
    }
    const char* data_;
    size_t len_;
    unsigned every_;
    unsigned base_;
    size_t pos_ = 0;
};

class Point : public Printable {
public:
    Point(int x, int y) : x_(x), y_(y) {}
    size_t printTo(Print& p) const override
    {
        size_t n = p.print('(');
        n += p.print(x_), n += p.print(','), n += p.print(y_), n += p.print(')');
        return n;
    }

private:
    int x_, y_;
};

enum Color { RED = 3, GREEN = 12 };

#define assert_str(s, expected) assert_string_equal((s).c_str(), expected)
#define assert_printed(bp, expected) assert_string_equal((bp).str(), expected)

/* ---------------------------------------------------------------- */
/* String                                                            */

static void test_string_construct(void**)
{
    assert_str(String(), ""); assert_str(String("abc"), "abc");
    assert_str(String("abcdef", 3), "abc"); assert_str(String('x'), "x");
    assert_str(String(F("flash")), "flash"); assert_str(String((unsigned char)200), "200");
    assert_str(String((unsigned char)255, HEX), "ff"); assert_str(String(-42), "-42");
    assert_str(String(0), "0"); assert_str(String(-1, HEX), "ffffffff");
    assert_str(String(255, BIN), "11111111"); assert_str(String(8, OCT), "10");
    assert_str(String(35, 36), "z"); assert_str(String(4294967295u), "4294967295");
    assert_str(String(-5L), "-5");
    assert_str(String(-1L, HEX), "ffffffffffffffff"); // long is 64-bit here
    assert_str(String(123456789012LL), "123456789012"); assert_str(String(INT64_MIN), "-9223372036854775808");
    assert_str(String(UINT64_MAX), "18446744073709551615");
    assert_str(String(0xDEADBEEFCAFEULL, HEX), "deadbeefcafe");
    assert_str(String((int8_t)-3), "-3"); assert_str(String((uint16_t)0xBEEF, HEX), "beef");
    assert_str(String((int16_t)-2, DEC), "-2"); assert_str(String((uint32_t)1000), "1000");
    assert_str(String((size_t)77), "77"); assert_str(String(true), "1");
    assert_str(String(3.14159f), "3.141590"); // Particle default: 6 places
    assert_str(String(3.14159), "3.141590"); assert_str(String(3.14159, 2), "3.14");
    assert_str(String(2.5, 1), "2.5"); assert_str(String(-1.75f, 3), "-1.750");
    assert_str(String(7.0, 0), "7");

    String a("copy me");
    String b(a);
    assert_str(b, "copy me");
    String c(static_cast<String&&>(b));
    assert_str(c, "copy me");
    Point pt(1, 2);
    assert_str(String(pt), "(1,2)");
}

static void test_string_validity(void**)
{
    String empty;
    assert_true(empty ? true : false); assert_int_equal(empty.length(), 0);

    String invalid((const char*)nullptr);
    assert_false(invalid ? true : false); assert_null(invalid.c_str());
    assert_int_equal(invalid.length(), 0); assert_true(invalid.equals(""));
    assert_true(invalid == ""); assert_int_equal(invalid.toInt(), 0);
    assert_int_equal(invalid.indexOf('a'), -1); assert_int_equal(invalid.charAt(0), 0);
    invalid.trim().toUpperCase().replace("a", "b").remove(0);
    invalid += "abc";
    assert_true(invalid ? true : false); assert_str(invalid, "abc");

    String s = "x";
    s = (const char*)nullptr;
    assert_null(s.c_str());
    s = "back";
    assert_str(s, "back");

    BufPrint bp;
    assert_int_equal(bp.print(String((const char*)nullptr)), 0);
    assert_printed(bp, "");
}

static void test_string_assign(void**)
{
    String s("hello");
    String& self = s;
    s = self;
    assert_str(s, "hello");
    s = static_cast<String&&>(self);
    assert_str(s, "hello");
    s = s.c_str() + 2;
    assert_str(s, "llo");
    s = F("flash");
    assert_str(s, "flash");
    String t;
    t = s + "!";
    assert_str(t, "flash!"); assert_true(s.reserve(100));
    assert_str(s, "flash");
    for (int i = 0; i < 200; i++) { s += 'x'; }
    assert_int_equal(s.length(), 205); assert_int_equal(s.lastIndexOf('x'), 204);
}

static void test_string_concat(void**)
{
    assert_str(String("a") + 1 + 'c' + 2.5, "a1c2.500000");
    assert_str("pre" + String("fix"), "prefix");
    assert_str(String("n=") + 4294967295UL + "," + (long long)-7 + "," + (uint8_t)200, "n=4294967295,-7,200");
    assert_str(String("f") + F("lash") + 1.5f, "flash1.500000");
    assert_str(String("u") + (uint16_t)65535 + (int16_t)-1 + (uint64_t)1, "u65535-11");

    String s = "x";
    assert_true(s.concat(5));
    s += 'y';
    s += "z";
    s += String("w");
    s += 1.5f;
    s += (uint32_t)42;
    s += -3L;
    assert_str(s, "x5yzw1.50000042-3");

    String self("ab");
    self += self;
    assert_str(self, "abab");
    self += self.c_str() + 1;
    assert_str(self, "ababbab");
    self.concat(self);
    assert_str(self, "ababbabababbab");
    String sum = self + self;
    assert_int_equal(sum.length(), 28);

    String named("k");
    String r = named + ":" + named;
    assert_str(r, "k:k"); assert_str(named, "k");
    assert_false(named.concat((const char*)nullptr)); assert_str(named, "k");
}

static void test_string_compare(void**)
{
    String abc("abc");
    assert_true(abc == "abc"); assert_true("abc" == abc);
    assert_true(abc != "abd"); assert_true("abd" != abc);
    assert_true(abc == String("abc")); assert_true(abc < "abd");
    assert_true(abc < String("abcd")); assert_true(String("b") > abc);
    assert_true("abb" < abc); assert_true(abc <= "abc");
    assert_true(abc >= "abc"); assert_true(abc.compareTo("abd") < 0);
    assert_true(abc.compareTo("ab") > 0); assert_int_equal(abc.compareTo("abc"), 0);
    assert_true(String("").compareTo("a") < 0); assert_true((abc + "x") == "abcx");
    assert_true(abc.equals("abc")); assert_false(abc.equals("ab"));
    assert_true(abc.equalsIgnoreCase("ABC")); assert_false(abc.equalsIgnoreCase("ABD"));
    assert_false(abc.equalsIgnoreCase("AB")); assert_true(abc.startsWith("ab"));
    assert_true(abc.startsWith("")); assert_false(abc.startsWith("abcd"));
    assert_true(abc.startsWith("bc", 1)); assert_false(abc.startsWith("bc", 2));
    assert_false(abc.startsWith("c", 5)); assert_true(abc.endsWith("bc"));
    assert_true(abc.endsWith("")); assert_false(abc.endsWith("xabc"));
    assert_false(String("abc") == String("abc\0", 4));
}

static void test_string_access(void**)
{
    String s("hello");
    assert_int_equal(s.charAt(1), 'e'); assert_int_equal(s.charAt(99), 0);
    assert_int_equal(s[0], 'h'); assert_int_equal(s[4u], 'o');
    assert_int_equal(s[(size_t)1], 'e');
    s[0] = 'j';
    assert_str(s, "jello");
    s[100] = 'z'; // out of range writes go to a dummy
    assert_str(s, "jello");
    s.setCharAt(4, 'y');
    s.setCharAt(40, 'q');
    assert_str(s, "jelly");
    const String cs("const");
    assert_int_equal(cs[2], 'n');
    assert_int_equal(strlen(s), 5); // operator const char*
    const char* p = s;
    assert_string_equal(p, "jelly");

    char buf[4];
    s.toCharArray(buf, sizeof(buf));
    assert_string_equal(buf, "jel");
    s.toCharArray(buf, sizeof(buf), 3);
    assert_string_equal(buf, "ly");
    s.toCharArray(buf, sizeof(buf), 9);
    assert_string_equal(buf, "");
    unsigned char ubuf[8];
    s.getBytes(ubuf, sizeof(ubuf));
    assert_string_equal(reinterpret_cast<char*>(ubuf), "jelly");
}

static void test_string_search(void**)
{
    String s("one two one two");
    assert_int_equal(s.indexOf('o'), 0); assert_int_equal(s.indexOf('o', 1), 6);
    assert_int_equal(s.indexOf('z'), -1); assert_int_equal(s.indexOf("two"), 4);
    assert_int_equal(s.indexOf("two", 5), 12); assert_int_equal(s.indexOf("two", 13), -1);
    assert_int_equal(s.indexOf("two", 100), -1); assert_int_equal(s.indexOf(""), 0);
    assert_int_equal(s.lastIndexOf('o'), 14); assert_int_equal(s.lastIndexOf('o', 13), 8);
    assert_int_equal(s.lastIndexOf('o', 500), 14); assert_int_equal(s.lastIndexOf("one"), 8);
    assert_int_equal(s.lastIndexOf("one", 7), 0); assert_int_equal(s.lastIndexOf("xyz"), -1);
    assert_int_equal(s.lastIndexOf(""), -1); assert_int_equal(String("").lastIndexOf('a'), -1);
    assert_str(s.substring(4), "two one two"); assert_str(s.substring(4, 7), "two");
    assert_str(s.substring(7, 4), "two"); assert_str(s.substring(12, 100), "two");
    assert_str(s.substring(100), ""); assert_str(s.substring(3, 3), "");
}

static void test_string_modify(void**)
{
    String s("a-b-c");
    s.replace('-', '+');
    assert_str(s, "a+b+c");
    s.replace("+", "<>");
    assert_str(s, "a<>b<>c");
    s.replace("<>", "");
    assert_str(s, "abc");
    s.replace("", "x");
    assert_str(s, "abc");
    s.replace("abcd", "x");
    assert_str(s, "abc"); assert_str(String("aaa").replace("aa", "b"), "ba");
    String alias("xyz");
    alias.replace(alias, "q");
    assert_str(alias, "q");
    assert_str(String("hello world").replace("o", "0").toUpperCase(), "HELL0 W0RLD");

    String r("0123456789");
    r.remove(8);
    assert_str(r, "01234567");
    r.remove(2, 3);
    assert_str(r, "01567");
    r.remove(3, 100);
    assert_str(r, "015");
    r.remove(10);
    r.remove(1, 0);
    assert_str(r, "015");

    assert_str(String("MiXeD 1").toLowerCase(), "mixed 1");
    assert_str(String("MiXeD 1").toUpperCase(), "MIXED 1");
    assert_str(String("  \t padded \r\n").trim(), "padded");
    assert_str(String("   ").trim(), ""); assert_str(String("").trim(), "");
    assert_str(String("none").trim(), "none"); assert_str(String("x ").trim(), "x");
}

static void test_string_convert(void**)
{
    assert_int_equal(String("123abc").toInt(), 123); assert_int_equal(String("  -42").toInt(), -42);
    assert_int_equal(String("abc").toInt(), 0); assert_int_equal(String("").toInt(), 0);
    assert_true(fabsf(String("3.5").toFloat() - 3.5f) < 1e-6f);
    assert_true(fabsf(String("-0.25x").toFloat() + 0.25f) < 1e-6f);
    assert_true(fabsf(String("1e3").toFloat() - 1000.0f) < 1e-3f);
    assert_true(String("junk").toFloat() == 0.0f);

    assert_str(String::format("%d-%s-%.2f", 5, "x", 1.234), "5-x-1.23");
    assert_str(String::format("%s", ""), "");
    assert_str(String::format("%05u|%x", 42u, 255u), "00042|ff");
    char big[301];
    memset(big, 'q', 300);
    big[300] = '\0';
    String longer = String::format("<%s>", big);
    assert_int_equal(longer.length(), 302); assert_int_equal(longer[0], '<');
    assert_int_equal(longer[150], 'q'); assert_int_equal(longer[301], '>');
}

/* ---------------------------------------------------------------- */
/* Print                                                             */

static void test_print_integers(void**)
{
    BufPrint p;
#define CHECK_PRINT(expr, expected)          \
    do {                                     \
        p.reset();                           \
        size_t n_ = (expr);                  \
        assert_printed(p, expected);         \
        assert_int_equal(n_, strlen(expected)); \
    } while (0)
    CHECK_PRINT(p.print(0), "0");
    CHECK_PRINT(p.print(-123), "-123");
    CHECK_PRINT(p.print(123, HEX), "7B");
    CHECK_PRINT(p.print(255, OCT), "377");
    CHECK_PRINT(p.print(5, BIN), "101");
    CHECK_PRINT(p.print(35, 36), "Z");
    CHECK_PRINT(p.print(10, 1), "10"); // invalid base -> decimal
    CHECK_PRINT(p.print((int8_t)-1, HEX), "FF");
    CHECK_PRINT(p.print((int8_t)-128), "-128");
    CHECK_PRINT(p.print((int16_t)-1, HEX), "FFFF");
    CHECK_PRINT(p.print((int16_t)-32768), "-32768");
    CHECK_PRINT(p.print(-1, HEX), "FFFFFFFF");
    CHECK_PRINT(p.print((int32_t)INT32_MIN), "-2147483648");
    CHECK_PRINT(p.print(-1L, HEX), "FFFFFFFFFFFFFFFF");
    CHECK_PRINT(p.print(-1LL, BIN), "1111111111111111111111111111111111111111111111111111111111111111");
    CHECK_PRINT(p.print(INT64_MIN), "-9223372036854775808");
    CHECK_PRINT(p.print(UINT64_MAX), "18446744073709551615");
    CHECK_PRINT(p.print(UINT64_MAX, HEX), "FFFFFFFFFFFFFFFF");
    CHECK_PRINT(p.print((uint8_t)65), "65");
    CHECK_PRINT(p.print((uint8_t)0xAB, HEX), "AB");
    CHECK_PRINT(p.print((uint16_t)65535), "65535");
    CHECK_PRINT(p.print((uint32_t)4294967295u), "4294967295");
    CHECK_PRINT(p.print((size_t)12345), "12345");
    CHECK_PRINT(p.print('A'), "A");
    CHECK_PRINT(p.print('A', HEX), "41");
    CHECK_PRINT(p.print(65, 0), "A"); // base 0: raw byte
    CHECK_PRINT(p.print(true), "1");
    CHECK_PRINT(p.print(GREEN), "12");
    CHECK_PRINT(p.print(GREEN, HEX), "C");
    CHECK_PRINT(p.print((short)-7), "-7");
    CHECK_PRINT(p.println(42), "42\r\n");
    CHECK_PRINT(p.println(-42L, DEC), "-42\r\n");
    CHECK_PRINT(p.println((uint8_t)15, HEX), "F\r\n");
    CHECK_PRINT(p.println(), "\r\n");
    CHECK_PRINT(p.println('z'), "z\r\n");
}

static void test_print_floats(void**)
{
    BufPrint p;
    CHECK_PRINT(p.print(3.14159), "3.14");
    CHECK_PRINT(p.print(3.14159, 4), "3.1416");
    CHECK_PRINT(p.print(-2.5f), "-2.50");
    CHECK_PRINT(p.print(1.0, 0), "1");
    CHECK_PRINT(p.print(0.5, 0), "1");
    CHECK_PRINT(p.print(1.999, 2), "2.00");
    CHECK_PRINT(p.print(0.005, 2), "0.01");
    CHECK_PRINT(p.print(10.0f, 1), "10.0");
    CHECK_PRINT(p.print(-0.125, 3), "-0.125");
    CHECK_PRINT(p.print(123456.789, 3), "123456.789");
    CHECK_PRINT(p.print(4294967040.0, 0), "4294967040");
    CHECK_PRINT(p.print(5e9), "ovf");
    CHECK_PRINT(p.print(-5e9), "ovf");
    CHECK_PRINT(p.print(NAN), "nan");
    CHECK_PRINT(p.print(INFINITY), "inf");
    CHECK_PRINT(p.print(-INFINITY), "inf");
    CHECK_PRINT(p.print(2.5, -3), "3");
    CHECK_PRINT(p.println(1.5f), "1.50\r\n");
    CHECK_PRINT(p.println(2.26, 1), "2.3\r\n");
}

static void test_print_text(void**)
{
    BufPrint p;
    String s("str");
    CHECK_PRINT(p.print("hello"), "hello");
    CHECK_PRINT(p.print(s), "str");
    CHECK_PRINT(p.print(s + 1 + 'x'), "str1x");
    CHECK_PRINT(p.println(s), "str\r\n");
    CHECK_PRINT(p.print(F("flash")), "flash");
    CHECK_PRINT(p.println(F("flash")), "flash\r\n");
    CHECK_PRINT(p.print((const char*)nullptr), "");
    CHECK_PRINT(p.println("line"), "line\r\n");
    CHECK_PRINT(p.write("raw"), "raw");
    CHECK_PRINT(p.write("rawbytes", 3), "raw");
    CHECK_PRINT(p.write((uint8_t)'!'), "!");
    const uint8_t bytes[] = {'a', 'b', 'c'};
    CHECK_PRINT(p.write(bytes, sizeof(bytes)), "abc");

    Point pt(3, -4);
    CHECK_PRINT(p.print(pt), "(3,-4)");
    CHECK_PRINT(p.println(pt), "(3,-4)\r\n");
    const Printable& asBase = pt;
    CHECK_PRINT(p.print(asBase), "(3,-4)");

    assert_int_equal(p.getWriteError(), 0);
    p.markError();
    assert_int_equal(p.getWriteError(), 1);
    p.clearWriteError();
    assert_int_equal(p.getWriteError(), 0);
}

static void test_print_printf(void**)
{
    BufPrint p;
    CHECK_PRINT(p.printf("%d %s", 5, "ab"), "5 ab");
    CHECK_PRINT(p.printlnf("x=%u", 7u), "x=7\r\n");
    CHECK_PRINT(p.printf("%.3f|%c|%5s", 1.5, 'q', "r"), "1.500|q|    r");
    CHECK_PRINT(p.printf("no args"), "no args");
    CHECK_PRINT(p.printlnf(""), "\r\n");

    // longer than the internal stack buffer
    char big[601];
    for (int i = 0; i < 600; i++) { big[i] = static_cast<char>('a' + i % 26); }
    big[600] = '\0';
    p.reset();
    size_t n = p.printlnf("[%s]", big);
    assert_int_equal(n, 604); assert_int_equal(p.size(), 604);
    assert_int_equal(p.str()[0], '['); assert_memory_equal(p.str() + 1, big, 600);
    assert_string_equal(p.str() + 601, "]\r\n");
}

// Typical user code on x86_64 (long is 64-bit, system_tick_t is uint32_t):
// everything must compile without ambiguity and print sensibly.
static uint32_t fakeMillis() { return 123456u; }
static int32_t fakeAnalogRead() { return 4095; }

static void test_print_user_idioms(void**)
{
    BufPrint Serial;
    system_tick_t now = fakeMillis();
    Serial.print(fakeMillis());
    Serial.print(' ');
    Serial.println(fakeAnalogRead());
    Serial.print(now, HEX);
    Serial.print((uint8_t)0x0f, HEX);
    Serial.print(3.14159, 4);
    Serial.print(String("|") + now + "|");
    Serial.print(sizeof(int));
    Serial.print((unsigned long)7);
    Serial.println((long)-8, DEC);
    String reading = "T=" + String(21.5, 1) + "C";
    Serial.println(reading);
    assert_printed(Serial, "123456 4095\r\n1E240F3.1416|123456|47-8\r\nT=21.5C\r\n");
}

/* ---------------------------------------------------------------- */
/* Stream                                                            */

static void test_stream_parse_int(void**)
{
    MemStream s("abc -123 x 45,67 1,234");
    assert_int_equal(s.getTimeout(), 1000);
    s.setTimeout(50);
    assert_int_equal(s.getTimeout(), 50); assert_int_equal(s.parseInt(), -123);
    assert_int_equal(s.read(), ' '); assert_int_equal(s.parseInt(), 45);
    assert_int_equal(s.parseInt(), 67); assert_int_equal(s.parseInt(','), 1234);
    assert_int_equal(s.available(), 0);

    uint32_t before = g_fake_ms;
    unsigned yieldsBefore = g_yields;
    assert_int_equal(s.parseInt(), 0); // timeout
    assert_true(g_fake_ms - before >= 50); assert_true(g_yields > yieldsBefore);

    MemStream big("9000000000 -2147483649");
    big.setTimeout(10);
    assert_true(big.parseInt() == 9000000000L); assert_true(big.parseInt() == -2147483649L);
}

static void test_stream_parse_float(void**)
{
    MemStream s("  -3.25xyz .5 1.2.3 7 1,000.5");
    s.setTimeout(20);
    assert_true(fabsf(s.parseFloat() + 3.25f) < 1e-6f); assert_true(fabsf(s.parseFloat() - 0.5f) < 1e-6f);
    assert_true(fabsf(s.parseFloat() - 1.2f) < 1e-6f); assert_true(fabsf(s.parseFloat() - 0.3f) < 1e-6f);
    assert_true(fabsf(s.parseFloat() - 7.0f) < 1e-6f);
    assert_true(fabsf(s.parseFloat(',') - 1000.5f) < 1e-3f);
    assert_true(s.parseFloat() == 0.0f);
}

static void test_stream_read(void**)
{
    MemStream s("line1\nline2\nab,cdxyz123");
    s.setTimeout(30);
    assert_str(s.readStringUntil('\n'), "line1"); assert_str(s.readStringUntil('\n'), "line2");
    char buf[16];
    memset(buf, 0, sizeof(buf));
    assert_int_equal(s.readBytesUntil(',', buf, 10), 2); assert_string_equal(buf, "ab");
    memset(buf, 0, sizeof(buf));
    assert_int_equal(s.readBytesUntil('#', buf, 2), 2); assert_string_equal(buf, "cd");
    memset(buf, 0, sizeof(buf));
    assert_int_equal(s.readBytes(buf, 3), 3); assert_string_equal(buf, "xyz");
    assert_str(s.readString(), "123"); assert_int_equal(s.readBytes(buf, 4), 0);
    assert_str(s.readStringUntil('\n'), "");

    MemStream partial("pq");
    partial.setTimeout(25);
    uint8_t ubuf[8];
    uint32_t before = g_fake_ms;
    assert_int_equal(partial.readBytes(ubuf, sizeof(ubuf)), 2);
    assert_true(g_fake_ms - before >= 25); assert_memory_equal(ubuf, "pq", 2);
}

static void test_stream_find(void**)
{
    MemStream s("garbage OK rest");
    s.setTimeout(20);
    assert_true(s.find("OK")); assert_int_equal(s.read(), ' ');
    assert_true(s.find('s')); assert_int_equal(s.read(), 't');
    assert_false(s.find("zz")); assert_int_equal(s.available(), 0);

    MemStream overlap("xaaab!");
    overlap.setTimeout(20);
    assert_true(overlap.find("aab")); assert_int_equal(overlap.read(), '!');

    MemStream partialMatch("abababc.");
    partialMatch.setTimeout(20);
    assert_true(partialMatch.find("ababc", 5)); assert_int_equal(partialMatch.read(), '.');

    MemStream until("ERR\nOK");
    until.setTimeout(20);
    assert_false(until.findUntil("OK", "\n")); assert_int_equal(until.peek(), 'O');
    assert_true(until.findUntil("OK", "\n"));

    MemStream noTerm("abc");
    noTerm.setTimeout(20);
    assert_true(noTerm.findUntil("bc", nullptr)); assert_true(noTerm.find(""));
}

static void test_stream_timeout_yields(void**)
{
    // One character becomes readable every 3 yields; with a generous timeout
    // readStringUntil must keep yielding and collect all of it.
    MemStream slow("hi!\n", 3);
    slow.setTimeout(500);
    unsigned y0 = g_yields;
    assert_str(slow.readStringUntil('\n'), "hi!"); assert_true(g_yields - y0 >= 9);

    // With a timeout shorter than the gap between characters nothing arrives.
    g_clock_step = 50;
    MemStream slower("late", 10);
    slower.setTimeout(100);
    assert_str(slower.readString(), ""); assert_int_equal(slower.available(), 0);
    g_clock_step = 7;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_string_construct),
        cmocka_unit_test(test_string_validity),
        cmocka_unit_test(test_string_assign),
        cmocka_unit_test(test_string_concat),
        cmocka_unit_test(test_string_compare),
        cmocka_unit_test(test_string_access),
        cmocka_unit_test(test_string_search),
        cmocka_unit_test(test_string_modify),
        cmocka_unit_test(test_string_convert),
        cmocka_unit_test(test_print_integers),
        cmocka_unit_test(test_print_floats),
        cmocka_unit_test(test_print_text),
        cmocka_unit_test(test_print_printf),
        cmocka_unit_test(test_print_user_idioms),
        cmocka_unit_test(test_stream_parse_int),
        cmocka_unit_test(test_stream_parse_float),
        cmocka_unit_test(test_stream_read),
        cmocka_unit_test(test_stream_find),
        cmocka_unit_test(test_stream_timeout_yields),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
