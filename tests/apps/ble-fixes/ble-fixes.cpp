// The single-device parts of the Device OS 1.4.0 BLE fixes, as named
// regression tests (tests/scenarios/ble-fixes.yaml, Argon):
//   #1890 BLE.begin()/end(): end() stops everything and returns 0; off()/on()
//         (local characteristics still work after them)
//   #1891 default address, 20-character names, BleCharacteristicProperty &,
//         advertising / scan response lengths read back
//   #1901 setValue()/getValue() of standard-layout types in native byte
//         order; what setValue() returns for each BleTxRxType on local
//         characteristics
//   #1902 UUID comparisons with strings; characteristic constructors with two
//         UUIDs of different types
#include "Particle.h"
#include "unit-test.h"

UNIT_TEST_APP();

namespace {

struct Reading {
    uint16_t id;
    int16_t celsius;
    uint32_t stamp;
};

const char* const SVC = "6E400001-B5A3-F393-E0A9-E50E24DCCA9E";

} // namespace

test(FIX_1890_begin_end_and_off_on)
{
    assertEqual(BLE.begin(), 0);
    assertEqual(BLE.advertise(), 0);
    assertTrue(BLE.advertising());
    assertEqual(BLE.end(), 0);
    assertFalse(BLE.advertising());
    assertFalse(BLE.connected());
    // end() is harmless when nothing runs
    assertEqual(BLE.end(), 0);

    assertEqual(BLE.off(), 0);
    assertEqual(BLE.on(), 0);
    assertEqual(BLE.advertise(), 0);
    assertTrue(BLE.advertising());
    assertEqual(BLE.stopAdvertising(), 0);
    assertFalse(BLE.advertising());
}

// Local characteristics still work after BLE.off() and BLE.on() (on a
// device the GATT server outlives a stop of the radio).
test(FIX_1890_local_characteristics_survive_off_on)
{
    static BleCharacteristic c = BLE.addCharacteristic("kept", BleCharacteristicProperty::READ,
                                                       "6E400030-B5A3-F393-E0A9-E50E24DCCA9E", SVC);
    assertTrue(c.valid());
    assertEqual(c.setValue("before"), 6);
    assertEqual(BLE.off(), 0);
    assertEqual(BLE.on(), 0);
    assertTrue(c.valid());
    assertEqual(c.setValue("after"), 5);
    String s;
    assertEqual(c.getValue(s), 5);
    assertEqual(s, "after");
}

test(FIX_1891_default_address_is_random_static)
{
    BleAddress addr = BLE.address();
    assertTrue(addr.valid());
    assertEqual(addr[5] & 0xC0, 0xC0);
    assertTrue(addr.type() == BleAddressType::RANDOM_STATIC);
}

test(FIX_1891_name_of_20_characters_reads_back_whole)
{
    assertEqual(BLE.setDeviceName("ABCDEFGHIJKLMNOPQRST"), 0);
    assertEqual(BLE.getDeviceName(), "ABCDEFGHIJKLMNOPQRST");
    char buf[BLE_MAX_DEV_NAME_LEN + 1];
    assertEqual(BLE.getDeviceName(buf, sizeof(buf)), 20);
    assertEqual(buf, "ABCDEFGHIJKLMNOPQRST");
    assertEqual(BLE.setDeviceName("ABCDEFGHIJKLMNOPQRSTU"), 0);
    assertEqual(BLE.getDeviceName(), "ABCDEFGHIJKLMNOPQRST");
    assertEqual(BLE.setDeviceName(nullptr), 0);
}

test(FIX_1891_property_and_is_an_and)
{
    BleCharacteristicProperty p = BleCharacteristicProperty::READ | BleCharacteristicProperty::NOTIFY;
    assertTrue((p & BleCharacteristicProperty::WRITE) == BleCharacteristicProperty::NONE);
    assertTrue((p & BleCharacteristicProperty::NOTIFY) == BleCharacteristicProperty::NOTIFY);
    assertEqual((uint8_t)(p & BleCharacteristicProperty::READ), BLE_SIG_CHAR_PROP_READ);
}

test(FIX_1891_advertising_and_scan_response_lengths)
{
    BleAdvertisingData set;
    BleAdvertisingData get;
    set.appendServiceUUID("1234");
    assertEqual(BLE.setAdvertisingData(&set), 0);
    assertEqual(BLE.getAdvertisingData(&get), 7);
    assertEqual(get.length(), 7);
    assertEqual(BLE.setScanResponseData(&set), 0);
    assertEqual(BLE.getScanResponseData(&get), 4);
    assertEqual(get.length(), 4);
    assertEqual(BLE.setAdvertisingData(nullptr), 0);
    assertEqual(BLE.setScanResponseData(nullptr), 0);
}

test(FIX_1901_standard_layout_values_round_trip_in_native_order)
{
    // added once: the tests may run again ("t"), and a UUID is added only once
    static BleCharacteristic c = BLE.addCharacteristic("value", BleCharacteristicProperty::READ | BleCharacteristicProperty::WRITE,
                                                "6E400010-B5A3-F393-E0A9-E50E24DCCA9E", SVC);
    assertTrue(c.valid());
    assertEqual(c.setValue((uint32_t)0x11223344), 4);
    uint8_t bytes[4] = {};
    assertEqual(c.getValue(bytes, sizeof(bytes)), 4);
    assertEqual(bytes[0], 0x44);
    assertEqual(bytes[1], 0x33);
    assertEqual(bytes[2], 0x22);
    assertEqual(bytes[3], 0x11);
    uint32_t u = 0;
    assertEqual(c.getValue(&u), 4);
    assertEqual(u, 0x11223344u);

    Reading r = {7, -12, 123456789};
    assertEqual(c.setValue(r), (int)sizeof(Reading));
    Reading back = {};
    assertEqual(c.getValue(&back), (int)sizeof(Reading));
    assertEqual(back.id, 7);
    assertEqual(back.celsius, -12);
    assertEqual(back.stamp, 123456789u);

    String s;
    assertEqual(c.setValue("hello"), 5);
    assertEqual(c.getValue(s), 5);
    assertEqual(s, "hello");
}

// Local characteristics: NOTIFY sends with AUTO and NACK, refuses ACK;
// INDICATE sends with ACK only, AUTO only stores the value (1.4.0), NACK is
// refused; with both, AUTO and NACK notify and ACK indicates.
test(FIX_1901_setValue_return_values_on_local_characteristics)
{
    const int NS = SYSTEM_ERROR_NOT_SUPPORTED;
    static BleCharacteristic notify = BLE.addCharacteristic("n", BleCharacteristicProperty::NOTIFY,
                                                     "6E400011-B5A3-F393-E0A9-E50E24DCCA9E", SVC);
    static BleCharacteristic indicate = BLE.addCharacteristic("i", BleCharacteristicProperty::INDICATE | BleCharacteristicProperty::READ,
                                                       "6E400012-B5A3-F393-E0A9-E50E24DCCA9E", SVC);
    static BleCharacteristic both = BLE.addCharacteristic(
        "b", BleCharacteristicProperty::NOTIFY | BleCharacteristicProperty::INDICATE, "6E400013-B5A3-F393-E0A9-E50E24DCCA9E", SVC);
    static BleCharacteristic readOnly = BLE.addCharacteristic("r", BleCharacteristicProperty::READ,
                                                       "6E400014-B5A3-F393-E0A9-E50E24DCCA9E", SVC);
    assertTrue(notify.valid() && indicate.valid() && both.valid() && readOnly.valid());

    assertEqual(notify.setValue("abc"), 3);
    assertEqual(notify.setValue("abc", BleTxRxType::NACK), 3);
    assertEqual(notify.setValue("abc", BleTxRxType::ACK), NS);

    assertEqual(indicate.setValue("stored"), 6);
    String s;
    assertEqual(indicate.getValue(s), 6);
    assertEqual(s, "stored");
    assertEqual(indicate.setValue("abcd", BleTxRxType::ACK), 4);
    assertEqual(indicate.setValue("abcd", BleTxRxType::NACK), NS);

    assertEqual(both.setValue("xy"), 2);
    assertEqual(both.setValue("xy", BleTxRxType::NACK), 2);
    assertEqual(both.setValue("xy", BleTxRxType::ACK), 2);

    assertEqual(readOnly.setValue("q"), 1);
    assertEqual(readOnly.setValue("q", BleTxRxType::ACK), NS);
    assertEqual(readOnly.setValue("q", BleTxRxType::NACK), NS);

    // not added: no value to set
    BleCharacteristic loose("loose", BleCharacteristicProperty::READ);
    assertFalse(loose.valid());
    assertEqual(loose.setValue("q"), SYSTEM_ERROR_INVALID_STATE);
}

test(FIX_1902_uuid_compares_with_strings_by_value)
{
    BleUuid l("6e400001-b5a3-f393-e0a9-e50e24dcca9e");
    assertTrue(l == SVC);
    assertTrue(l == "6E400001B5A3F393E0A9E50E24DCCA9E");
    assertTrue(l == String("6e400001-B5A3-f393-E0A9-e50e24dcca9e"));
    assertFalse(l != SVC);
    assertTrue(l != "6E400002-B5A3-F393-E0A9-E50E24DCCA9E");
    assertEqual(l.toString(), SVC);

    BleUuid s((uint16_t)0x2a37);
    assertTrue(s == "2A37");
    assertTrue(s == "2a37");
    assertTrue(s == 0x2A37);
    assertFalse(s == "2A38");
    assertTrue(s == "00002A37-0000-1000-8000-00805F9B34FB");
}

test(FIX_1902_characteristic_with_uuids_of_different_types)
{
    BleCharacteristic a("a", BleCharacteristicProperty::READ, 0x2A37, SVC);
    assertTrue(a.UUID() == 0x2A37);
    BleCharacteristic b("b", BleCharacteristicProperty::READ, "6E400020-B5A3-F393-E0A9-E50E24DCCA9E", (uint16_t)0x180D);
    assertTrue(b.UUID() == "6E400020-B5A3-F393-E0A9-E50E24DCCA9E");
    BleCharacteristic c("c", BleCharacteristicProperty::READ, BleUuid((uint16_t)0x2A38), String(SVC));
    assertTrue(c.UUID() == 0x2A38);

    static BleCharacteristic added = BLE.addCharacteristic(a);
    assertTrue(added.valid());
    static BleCharacteristic d = BLE.addCharacteristic("d", BleCharacteristicProperty::NOTIFY, (uint16_t)0x2A39, SVC);
    assertTrue(d.valid());
    assertTrue(d.UUID() == "2a39");
    static BleCharacteristic e = BLE.addCharacteristic("e", BleCharacteristicProperty::READ, "6E400021-B5A3-F393-E0A9-E50E24DCCA9E",
                                                0x180D);
    assertTrue(e.valid());
}
