// vdev unit tests for IPAddress alone (cmocka): construction, octets, bool
// (IPv4, and IPv6 per Device OS 1.4.0 fix #1912), equality, text forms.
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
// cmocka 1.1.5's header does not wrap its declarations in extern "C".
extern "C" {
#include <cmocka.h>
}

#include <cstdint>
#include <cstring>

#include "spark_wiring_ipaddress.h"
#include "spark_wiring_print.h"
#include "spark_wiring_string.h"

class BufPrint : public Print {
public:
    using Print::write;
    size_t write(uint8_t c) override
    {
        if (n_ + 1 >= sizeof(buf_))
            return 0;
        buf_[n_++] = static_cast<char>(c);
        buf_[n_] = 0;
        return 1;
    }
    const char* str() const { return buf_; }

private:
    char buf_[128] = { 0 };
    size_t n_ = 0;
};

static IPAddress v6(const uint8_t (&b)[16])
{
    IPAddress ip;
    ip.set_ipv6(b);
    return ip;
}

static const uint8_t V6_DOC1[16] = { 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 };

static void test_v4_construction(void** state)
{
    (void)state;
    IPAddress a(192, 168, 1, 20);
    assert_int_equal(a.version(), 4);
    assert_int_equal(a[0], 192);
    assert_int_equal(a[1], 168);
    assert_int_equal(a[2], 1);
    assert_int_equal(a[3], 20);
    assert_true(a == 0xC0A80114u);
    assert_true(a != 0xC0A80115u);
    assert_int_equal(a.raw().ipv4, 0xC0A80114u);

    IPAddress b(0x7F000001u);
    assert_int_equal(b[0], 127);
    assert_int_equal(b[3], 1);
    assert_true(b == IPAddress(127, 0, 0, 1));

    const uint8_t bytes[4] = { 10, 0, 0, 7 };
    IPAddress c(bytes);
    assert_true(c == IPAddress(10, 0, 0, 7));
    assert_true(c == bytes);
    const uint8_t other[4] = { 10, 0, 0, 8 };
    assert_true(c != other);

    IPAddress d;
    d[0] = 1;
    d[1] = 2;
    d[2] = 3;
    d[3] = 4;
    assert_true(d == IPAddress(1, 2, 3, 4));
    assert_string_equal(d.toString().c_str(), "1.2.3.4");

    IPAddress e;
    e = bytes;
    assert_true(e == c);
    e = 0x01020304u;
    assert_true(e == d);
}

static void test_v4_bool(void** state)
{
    (void)state;
    assert_false((bool)IPAddress());
    assert_false((bool)IPAddress(0, 0, 0, 0));
    assert_false((bool)IPAddress(0u));
    assert_true((bool)IPAddress(0, 0, 0, 1));
    assert_true((bool)IPAddress(255, 255, 255, 255));
    IPAddress ip(8, 8, 8, 8);
    bool taken = false;
    if (ip)
        taken = true;
    assert_true(taken);
    assert_false(!ip);
    ip.clear();
    assert_false((bool)ip);
}

static void test_v6_bool_fix1912(void** state)
{
    (void)state;
    // 2001:db8::1 has zero words in the middle: still true (1.3 said false)
    assert_true((bool)v6(V6_DOC1));
    uint8_t zero[16] = { 0 };
    assert_false((bool)v6(zero));
    // a single non-zero word anywhere makes it true
    for (int w = 0; w < 4; w++) {
        uint8_t b[16] = { 0 };
        b[4 * w + 3] = 1;
        assert_true((bool)v6(b));
    }
    uint8_t loop[16] = { 0 };
    loop[15] = 1;
    assert_true((bool)v6(loop));
    assert_int_equal(v6(loop).version(), 6);
}

static void test_equality(void** state)
{
    (void)state;
    assert_true(IPAddress(1, 2, 3, 4) == IPAddress(1, 2, 3, 4));
    assert_false(IPAddress(1, 2, 3, 4) != IPAddress(1, 2, 3, 4));
    assert_true(IPAddress(1, 2, 3, 4) != IPAddress(1, 2, 3, 5));
    // a default address equals 0.0.0.0
    assert_true(IPAddress() == IPAddress(0, 0, 0, 0));
    assert_true(v6(V6_DOC1) == v6(V6_DOC1));
    uint8_t other[16];
    std::memcpy(other, V6_DOC1, 16);
    other[15] = 2;
    assert_true(v6(V6_DOC1) != v6(other));
    // versions differ: never equal, even for all-zero addresses
    uint8_t zero[16] = { 0 };
    assert_true(v6(zero) != IPAddress(0, 0, 0, 0));
    const uint8_t four[4] = { 0x20, 0x01, 0x0d, 0xb8 };
    assert_false(v6(V6_DOC1) == four);
}

static void check_v6_text(const uint8_t (&b)[16], const char* want)
{
    assert_string_equal(v6(b).toString().c_str(), want);
}

static void test_v6_text(void** state)
{
    (void)state;
    check_v6_text(V6_DOC1, "2001:db8::1");
    const uint8_t zero[16] = { 0 };
    check_v6_text(zero, "::");
    const uint8_t loop[16] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 };
    check_v6_text(loop, "::1");
    const uint8_t ll[16] = { 0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0x02, 0x1a, 0x2b, 0xff, 0xfe, 0x3c, 0x4d, 0x5e };
    check_v6_text(ll, "fe80::21a:2bff:fe3c:4d5e");
    // a single zero group is not compressed
    const uint8_t one0[16] = { 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1 };
    check_v6_text(one0, "2001:db8:0:1:1:1:1:1");
    // the longest run wins; the first on a tie
    const uint8_t runs[16] = { 0x20, 0x01, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1 };
    check_v6_text(runs, "2001:0:0:1::1");
    const uint8_t tie[16] = { 0x20, 0x01, 0, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 1 };
    check_v6_text(tie, "2001::1:1:0:0:1");
    const uint8_t trailing[16] = { 0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 };
    check_v6_text(trailing, "ff02::");
    const uint8_t full[16] = { 0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0,
                               0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0 };
    check_v6_text(full, "1234:5678:9abc:def0:1234:5678:9abc:def0");
}

static void test_v4_text_and_print(void** state)
{
    (void)state;
    assert_string_equal(IPAddress().toString().c_str(), "0.0.0.0");
    assert_string_equal(IPAddress(255, 255, 255, 255).toString().c_str(), "255.255.255.255");
    BufPrint p;
    size_t n = p.print(IPAddress(10, 1, 2, 3));
    assert_int_equal(n, 8);
    assert_string_equal(p.str(), "10.1.2.3");
    BufPrint q;
    q.println(v6(V6_DOC1));
    assert_string_equal(q.str(), "2001:db8::1\r\n");
    String s = String("ip=") + IPAddress(1, 2, 3, 4).toString();
    assert_string_equal(s.c_str(), "ip=1.2.3.4");
    assert_string_equal(String(IPAddress(4, 3, 2, 1)).c_str(), "4.3.2.1");
    char small[6];
    assert_int_equal(IPAddress(10, 1, 2, 3).format(small, sizeof(small)), 8);
    assert_string_equal(small, "10.1.");
}

static void test_vdev_ip(void** state)
{
    (void)state;
    vdev_ip in;
    std::memset(&in, 0, sizeof(in));
    assert_false((bool)IPAddress(in));
    in.version = 4;
    in.bytes[0] = 172;
    in.bytes[1] = 16;
    in.bytes[2] = 5;
    in.bytes[3] = 9;
    IPAddress a(in);
    assert_true(a == IPAddress(172, 16, 5, 9));
    vdev_ip out = a.to_vdev_ip();
    assert_int_equal(out.version, 4);
    assert_memory_equal(out.bytes, in.bytes, 4);

    in.version = 6;
    std::memcpy(in.bytes, V6_DOC1, 16);
    IPAddress b(in);
    assert_int_equal(b.version(), 6);
    assert_true(b == v6(V6_DOC1));
    out = b.to_vdev_ip();
    assert_int_equal(out.version, 6);
    assert_memory_equal(out.bytes, V6_DOC1, 16);

    HAL_IPAddress raw = b.raw();
    IPAddress c(raw);
    assert_true(c == b);
    IPAddress d;
    d = IPAddress(9, 9, 9, 9).raw();
    assert_true(d == IPAddress(9, 9, 9, 9));
    assert_false(b == 0u);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_v4_construction), cmocka_unit_test(test_v4_bool),
        cmocka_unit_test(test_v6_bool_fix1912), cmocka_unit_test(test_equality),
        cmocka_unit_test(test_v6_text),         cmocka_unit_test(test_v4_text_and_print),
        cmocka_unit_test(test_vdev_ip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
