// vdev unit tests for the BLE value types that need no radio: BleUuid
// (parsing, toString, the 1.4.0 #1902 comparisons), BleAddress,
// BleAdvertisingData (building, parsing, the iBeacon layout) and the
// BleCharacteristicProperty operators (#1891: & is an AND). cmocka.
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
// cmocka 1.1.5's header does not wrap its declarations in extern "C".
extern "C" {
#include <cmocka.h>
}

#include <cstdint>
#include <cstring>

#include "spark_wiring_ble_types.h"

using namespace particle;

// Stream/Print need no clock here; String needs nothing else.

static const char* LONG_STR = "6E401234-B5A3-F393-E0A9-E50E24DCCA9E";
static const uint8_t LONG_LSB[16] = {0x9E, 0xCA, 0xDC, 0x24, 0x0E, 0xE5, 0xA9, 0xE0,
                                     0x93, 0xF3, 0xA3, 0xB5, 0x34, 0x12, 0x40, 0x6E};
static const uint8_t BASE_5678[16] = {0xFB, 0x34, 0x9B, 0x5F, 0x80, 0x00, 0x00, 0x80,
                                      0x00, 0x10, 0x00, 0x00, 0x78, 0x56, 0x00, 0x00};

static void uuid_short_from_string(void** state)
{
    (void)state;
    BleUuid u("5678");
    assert_true(u.isValid());
    assert_int_equal((int)u.type(), (int)BleUuidType::SHORT);
    assert_int_equal(u.shorted(), 0x5678);
    assert_string_equal(u.toString().c_str(), "5678");
    uint8_t raw[16];
    assert_int_equal(u.rawBytes(raw), 16);
    assert_memory_equal(raw, BASE_5678, 16);
    assert_memory_equal(u.rawBytes(), BASE_5678, 16);
    hal_ble_uuid_t h = u.halUUID();
    assert_int_equal(h.type, BLE_UUID_TYPE_16BIT);
    assert_int_equal(h.uuid16, 0x5678);
    // lower case and from a 16-bit number
    assert_true(BleUuid("ab0c").shorted() == 0xAB0C);
    assert_string_equal(BleUuid((uint16_t)0xab0c).toString().c_str(), "AB0C");
}

static void uuid_long_from_string(void** state)
{
    (void)state;
    BleUuid dashed("6e401234-b5a3-f393-e0a9-e50e24dcca9e");
    BleUuid plain("6E401234B5A3F393E0A9E50E24DCCA9E");
    assert_int_equal((int)dashed.type(), (int)BleUuidType::LONG);
    assert_memory_equal(dashed.rawBytes(), LONG_LSB, 16);
    assert_memory_equal(plain.rawBytes(), LONG_LSB, 16);
    assert_int_equal(dashed.shorted(), 0x1234);
    assert_string_equal(dashed.toString().c_str(), LONG_STR);
    // 1.4.0: the String form ignores `stripped`; the buffer form honours it
    assert_string_equal(dashed.toString(true).c_str(), LONG_STR);
    char buf[40];
    assert_int_equal(dashed.toString(buf, sizeof(buf), true), 32);
    assert_string_equal(buf, "6E401234B5A3F393E0A9E50E24DCCA9E");
    assert_int_equal(dashed.toString(buf, sizeof(buf)), 36);
    assert_string_equal(buf, LONG_STR);
    assert_int_equal(dashed.toString(buf, 9), 8);
    assert_string_equal(buf, "6E401234");
    // a trailing blank (Device OS's BLE_10 passes one) is ignored
    assert_true(BleUuid("58850a2a-38f6-4188-9f19-d867f02a028c ").isValid());
    hal_ble_uuid_t h = dashed.halUUID();
    assert_int_equal(h.type, BLE_UUID_TYPE_128BIT);
    assert_memory_equal(h.uuid128, LONG_LSB, 16);
    assert_true(BleUuid(h) == dashed);
}

static void uuid_from_bytes(void** state)
{
    (void)state;
    BleUuid lsb(LONG_LSB);
    assert_string_equal(lsb.toString().c_str(), LONG_STR);
    uint8_t msb[16];
    for (int i = 0; i < 16; i++) {
        msb[i] = LONG_LSB[15 - i];
    }
    assert_true(BleUuid(msb, BleUuidOrder::MSB) == lsb);
    assert_false(BleUuid(msb, BleUuidOrder::LSB) == lsb);
    BleUuid with16(LONG_LSB, (uint16_t)0xBEEF);
    assert_string_equal(with16.toString().c_str(), "6E40BEEF-B5A3-F393-E0A9-E50E24DCCA9E");
    assert_int_equal((int)with16.type(), (int)BleUuidType::LONG);
    assert_int_equal(lsb[0], 0x9E);
    assert_int_equal(lsb[15], 0x6E);
    assert_int_equal(lsb[16], 0);
}

static void uuid_invalid(void** state)
{
    (void)state;
    assert_false(BleUuid().isValid());
    assert_false(BleUuid((const char*)nullptr).isValid());
    assert_false(BleUuid("").isValid());
    assert_false(BleUuid("123").isValid());
    assert_false(BleUuid("12345").isValid());
    assert_false(BleUuid("zz-top").isValid());
    assert_false(BleUuid("0000").isValid());
    assert_false(BleUuid("00000000-0000-0000-0000-000000000000").isValid());
    assert_false(BleUuid("6E401234-B5A3-F393-E0A9-E50E24DCCA9E00").isValid()); // 34 digits
    assert_true(BleUuid((uint16_t)1).isValid());
}

// 1.4.0 fix #1902: comparing with a string parses it.
static void uuid_compare_1902(void** state)
{
    (void)state;
    BleUuid l(LONG_STR);
    assert_true(l == "6e401234-b5a3-f393-e0a9-e50e24dcca9e");
    assert_true(l == "6E401234B5A3F393E0A9E50E24DCCA9E");
    assert_true(l == String("6e401234b5a3f393e0a9e50e24dcca9e"));
    assert_true(l == LONG_LSB);
    assert_false(l == "6E401235-B5A3-F393-E0A9-E50E24DCCA9E");
    assert_true(l != "6E401235-B5A3-F393-E0A9-E50E24DCCA9E");
    assert_false(l != LONG_STR);
    assert_false(l == "1234"); // same 16 bits, another base

    BleUuid s("1234");
    assert_true(s == "1234");
    assert_true(s == String("1234"));
    assert_true(s == 0x1234);
    assert_true(s == (uint16_t)0x1234);
    assert_false(s == 0x1235);
    assert_true(s != 0x1235);
    assert_false(s == "12345");
    // a 16-bit UUID is its 128-bit form on the Bluetooth base UUID
    assert_true(s == "00001234-0000-1000-8000-00805F9B34FB");
    assert_true(BleUuid((uint16_t)0x1234) == s);
    BleUuid assigned;
    assigned = "f5720001-13a9-49dd-ac15-f87b7427e37b";
    assert_true(assigned == "F5720001-13A9-49DD-AC15-F87B7427E37B");
}

static void address_basics(void** state)
{
    (void)state;
    uint8_t mac[6] = {0x00, 0x11, 0x22, 0x33, 0x44, 0x9b};
    BleAddress a(mac);
    assert_string_equal(a.toString().c_str(), "9B:44:33:22:11:00");
    assert_string_equal(a.toString(true).c_str(), "9B4433221100");
    assert_int_equal(a[0], 0x00);
    assert_int_equal(a[5], 0x9B);
    assert_int_equal((int)a.type(), (int)BleAddressType::PUBLIC);
    BleAddress braced({0x00, 0x11, 0x22, 0x33, 0x44, 0x9b});
    assert_true(braced == a);
    assert_true(a == "9b:44:33:22:11:00");
    assert_true(a == String("9B4433221100"));
    assert_false(a != "9B:44:33:22:11:00");
    assert_true(a != "9B:44:33:22:11:01");
    BleAddress s("c5:44:33:22:11:00", BleAddressType::RANDOM_STATIC);
    assert_int_equal((int)s.type(), (int)BleAddressType::RANDOM_STATIC);
    hal_ble_addr_t h = s.halAddress();
    assert_int_equal(h.addr[5], 0xC5);
    assert_int_equal(h.addr[0], 0x00);
    assert_int_equal(h.addr_type, BLE_SIG_ADDR_TYPE_RANDOM_STATIC);
    uint8_t out[6];
    s.octets(out);
    assert_int_equal(out[5], 0xC5);
    char buf[8];
    assert_int_equal(a.toString(buf, sizeof(buf)), 7);
    assert_string_equal(buf, "9B:44:3");
}

static void address_parsing(void** state)
{
    (void)state;
    assert_string_equal(BleAddress("9b44:33:22/11:00").toString().c_str(), "9B:44:33:22:11:00");
    assert_string_equal(BleAddress("9b44:33:22/x;11").toString().c_str(), "9B:44:33:22:11:00");
    assert_string_equal(BleAddress("9b44:33:22/11:00:43gd34").toString().c_str(), "9B:44:33:22:11:00");
    assert_string_equal(BleAddress("9b4k:33:2,/11:00:43gd34").toString().c_str(), "9B:40:33:20:11:00");
    assert_false(BleAddress().isValid());
    assert_false(BleAddress("00:00:00:00:00:00").isValid());
    assert_false(BleAddress("FF:FF:FF:FF:FF:FF").isValid());
    assert_true(BleAddress("44:14:0A:9F:F2:96").isValid());
    BleAddress x;
    x = "01:02:03:04:05:06";
    assert_string_equal(x.toString().c_str(), "01:02:03:04:05:06");
    x.clear();
    assert_false(x.isValid());
}

static void adv_data_building(void** state)
{
    (void)state;
    BleAdvertisingData d;
    assert_int_equal(d.length(), 3); // FLAGS
    const uint8_t flags[] = {0x02, 0x01, 0x06};
    assert_memory_equal(d.data(), flags, 3);
    assert_int_equal(d.appendServiceUUID("1234"), 7);
    const uint8_t svc[] = {0x02, 0x01, 0x06, 0x03, 0x03, 0x34, 0x12};
    assert_memory_equal(d.data(), svc, 7);
    BleUuid u;
    assert_int_equal(d.serviceUUID(&u, 1), 1);
    assert_true(u == "1234");
    assert_int_equal(d.appendLocalName("Argon"), 14);
    assert_string_equal(d.deviceName().c_str(), "Argon");
    char name[4];
    assert_int_equal(d.deviceName(name, sizeof(name)), 3);
    assert_string_equal(name, "Arg");
    // replacing keeps one structure
    assert_int_equal(d.appendLocalName("Xenon1"), 15);
    assert_string_equal(d.deviceName().c_str(), "Xenon1");
    assert_true(d.contains(BleAdvertisingDataType::COMPLETE_LOCAL_NAME));
    assert_false(d.contains(BleAdvertisingDataType::APPEARANCE));
    // forced: a second 16-bit UUID structure
    assert_int_equal(d.appendServiceUUID(0xABCD, true), 19);
    BleUuid two[3];
    assert_int_equal(d.serviceUUID(two, 3), 2);
    assert_true(two[0] == 0x1234);
    assert_true(two[1] == 0xABCD);
    // a 128-bit one does not fit any more (19 + 18 > 31)
    assert_int_equal(d.appendServiceUUID(LONG_STR), 19);
    d.remove(BleAdvertisingDataType::SERVICE_UUID_16BIT_COMPLETE);
    assert_int_equal(d.length(), 11);
    assert_int_equal(d.appendServiceUUID(LONG_STR), 29);
    assert_int_equal(d.serviceUUID(two, 3), 1);
    assert_true(two[0] == LONG_STR);
    d.remove(BleAdvertisingDataType::FLAGS);
    assert_int_equal(d.length(), 26);
    assert_int_equal(d[0], 7);
    assert_int_equal(d[1], BLE_SIG_AD_TYPE_COMPLETE_LOCAL_NAME);
}

static void adv_data_raw(void** state)
{
    (void)state;
    BleAdvertisingData d;
    const uint8_t custom[] = {0x4C, 0x00, 0x01, 0x02};
    assert_int_equal(d.appendCustomData(custom, sizeof(custom)), 9);
    uint8_t out[8];
    assert_int_equal(d.customData(out, sizeof(out)), 4);
    assert_memory_equal(out, custom, 4);
    assert_int_equal(d.customData(out, 2), 2);
    assert_int_equal(d.get(BleAdvertisingDataType::MANUFACTURER_SPECIFIC_DATA, nullptr, 0), 4);
    assert_int_equal(d.get(nullptr, 0), 9);
    assert_int_equal(d.get(out, 5), 5);
    assert_int_equal(d.appendAppearance(BLE_SIG_APPEARANCE_GENERIC_TAG), 13);
    assert_int_equal(d.appearance(), 512);
    uint8_t big[40];
    memset(big, 0xAA, sizeof(big));
    assert_int_equal(d.set(big, sizeof(big)), 31);
    assert_int_equal(d.length(), 31);
    assert_int_equal(d.resize(4), 4);
    assert_int_equal(d.resize(100), 31);
    assert_int_equal(d[30], 0); // grown bytes are zero
    d.clear();
    assert_int_equal(d.length(), 0);
    assert_false(d.contains(BleAdvertisingDataType::FLAGS));
    assert_int_equal(d.appendLocalName("0123456789012345678901234567890"), 0); // 33 bytes: refused
    // malformed data is not read past its end
    const uint8_t bad[] = {0x02, 0x01, 0x06, 0x09, 0x09, 'A'};
    d.set(bad, sizeof(bad));
    assert_false(d.contains(BleAdvertisingDataType::COMPLETE_LOCAL_NAME));
    assert_string_equal(d.deviceName().c_str(), "");
}

static void ibeacon_layout(void** state)
{
    (void)state;
    iBeacon beacon(1, 2, "9c1b8bdc-5548-4e32-8a78-b9f524131206", -55);
    BleAdvertisingData d(beacon);
    const uint8_t expect[30] = {0x02, 0x01, 0x06, 0x1A, 0xFF, 0x4C, 0x00, 0x02, 0x15, 0x9C, 0x1B, 0x8B, 0xDC, 0x55, 0x48,
                                0x4E, 0x32, 0x8A, 0x78, 0xB9, 0xF5, 0x24, 0x13, 0x12, 0x06, 0x00, 0x01, 0x00, 0x02, 0xC9};
    assert_int_equal(d.length(), 30);
    assert_memory_equal(d.data(), expect, 30);
    beacon.major = 0x1234;
    beacon.minor = 0xABCD;
    d.set(beacon);
    assert_int_equal(d[25], 0x12);
    assert_int_equal(d[26], 0x34);
    assert_int_equal(d[27], 0xAB);
    assert_int_equal(d[28], 0xCD);
    uint8_t custom[32];
    assert_int_equal(d.customData(custom, sizeof(custom)), 25);
    assert_int_equal(custom[0], 0x4C);
    // a 16-bit UUID makes no beacon
    iBeacon shortOne(1, 2, (uint16_t)0x1234, -55);
    assert_int_equal(BleAdvertisingData(shortOne).length(), 0);
}

// 1.4.0 fix #1891: & is an AND.
static void property_operators(void** state)
{
    (void)state;
    BleCharacteristicProperty p = BleCharacteristicProperty::READ | BleCharacteristicProperty::NOTIFY;
    assert_int_equal((int)p, BLE_SIG_CHAR_PROP_READ | BLE_SIG_CHAR_PROP_NOTIFY);
    assert_true((p & BleCharacteristicProperty::NOTIFY) == BleCharacteristicProperty::NOTIFY);
    assert_true((p & BleCharacteristicProperty::WRITE) == BleCharacteristicProperty::NONE);
    assert_true((p & BleCharacteristicProperty::INDICATE) != BleCharacteristicProperty::INDICATE);
    p |= BleCharacteristicProperty::INDICATE;
    assert_int_equal((int)p, 0x32);
    p &= BleCharacteristicProperty::INDICATE;
    assert_true(p == BleCharacteristicProperty::INDICATE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(uuid_short_from_string), cmocka_unit_test(uuid_long_from_string),
        cmocka_unit_test(uuid_from_bytes),        cmocka_unit_test(uuid_invalid),
        cmocka_unit_test(uuid_compare_1902),      cmocka_unit_test(address_basics),
        cmocka_unit_test(address_parsing),        cmocka_unit_test(adv_data_building),
        cmocka_unit_test(adv_data_raw),           cmocka_unit_test(ibeacon_layout),
        cmocka_unit_test(property_operators),
    };
    return cmocka_run_group_tests(tests, nullptr, nullptr);
}
