// Device OS's on-device no_fixture BLE tests (BLE_01..BLE_10) as vdev runs
// them on an Argon: `run-tests` in tests/scenarios/ble-no-fixture.yaml. One
// device, no peer: address, name, TX power, antenna, advertising parameters
// and data, advertising control (timeout, iBeacon), scanning parameters and
// local characteristics. BLE_11/12 add UUID conversions and address
// validity. BLE_10 must be the first test to add characteristics without
// UUIDs (the default UUIDs count up per device).
#include "Particle.h"
#include "unit-test.h"

UNIT_TEST_APP();

test(BLE_01_Set_BLE_Device_Address)
{
    BleAddress defaultAddr = BLE.address();
    // the boot address is random static: its two top bits are 11
    assertEqual(defaultAddr[5] & 0xC0, 0xC0);
    assertTrue(defaultAddr.type() == BleAddressType::RANDOM_STATIC);

    int ret = BLE.setAddress(BleAddress({0x00, 0x11, 0x22, 0x33, 0x44, 0x9b}));
    assertEqual(ret, 0);
    assertEqual(BLE.address().toString(), "9B:44:33:22:11:00");

    uint8_t mac[6] = {0x01, 0x11, 0x22, 0x33, 0x44, 0x9b};
    ret = BLE.setAddress(BleAddress(mac));
    assertEqual(ret, 0);
    assertEqual(BLE.address().toString(), "9B:44:33:22:11:01");

    // strings are most significant first
    ret = BLE.setAddress("9b:44:33:22:11:00");
    assertEqual(ret, 0);
    assertEqual(BLE.address().toString(), "9B:44:33:22:11:00");

    // a random static address must have its two top bits set
    ret = BLE.setAddress("9b:44:33:22:11:00", BleAddressType::RANDOM_STATIC);
    assertNotEqual(ret, 0);
    assertEqual(BLE.address().toString(), "9B:44:33:22:11:00");
    ret = BLE.setAddress("c5:44:33:22:11:00", BleAddressType::RANDOM_STATIC);
    assertEqual(ret, 0);
    assertEqual(BLE.address().toString(), "C5:44:33:22:11:00");
    assertTrue(BLE.address().type() == BleAddressType::RANDOM_STATIC);

    // nullptr restores the boot address
    ret = BLE.setAddress(nullptr);
    assertEqual(ret, 0);
    assertTrue(BLE.address() == defaultAddr);
}

test(BLE_02_Set_BLE_Device_Name)
{
    String defaultName = BLE.getDeviceName();
    assertMore(defaultName.length(), 0u);

    // the name read into a buffer is NUL-terminated
    char buf[BLE_MAX_DEV_NAME_LEN + 1];
    memset(buf, 'x', sizeof(buf));
    size_t len = BLE.getDeviceName(buf, sizeof(buf));
    assertEqual(len, defaultName.length());
    assertTrue(buf[len] == '\0');

    int ret = BLE.setDeviceName("Xenon-test1");
    assertEqual(ret, 0);
    assertEqual(BLE.getDeviceName(), "Xenon-test1");

    // 20 characters at most: longer names are cut
    ret = BLE.setDeviceName("Xenon-test01234567890123456789");
    assertEqual(ret, 0);
    assertEqual(BLE.getDeviceName(), "Xenon-test0123456789");

    // exactly 20 are kept whole
    ret = BLE.setDeviceName("01234567890123456789");
    assertEqual(ret, 0);
    assertEqual(BLE.getDeviceName(), "01234567890123456789");
    assertEqual(BLE.getDeviceName(buf, sizeof(buf)), 20);

    ret = BLE.setDeviceName("Xenon-test0123456789012", 5);
    assertEqual(ret, 0);
    assertEqual(BLE.getDeviceName(), "Xenon");

    ret = BLE.setDeviceName("Xenon-test2", BLE_MAX_DEV_NAME_LEN);
    assertEqual(ret, 0);
    assertEqual(BLE.getDeviceName(), "Xenon-test2");

    ret = BLE.setDeviceName(String("Xenon-test3"));
    assertEqual(ret, 0);
    assertEqual(BLE.getDeviceName(), "Xenon-test3");

    // nullptr restores the default name
    ret = BLE.setDeviceName(nullptr);
    assertEqual(ret, 0);
    assertEqual(BLE.getDeviceName(), defaultName);
}

test(BLE_03_Set_BLE_Tx_Power)
{
    // valid: -20, -16, -12, -8, -4, 0, 4, 8; others round up (8 at most)
    const int8_t set[] = {-25, -20, -18, -14, -10, -6, -2, 0, 2, 6, 8, 9, 100};
    const int8_t get[] = {-20, -20, -16, -12, -8, -4, 0, 0, 4, 8, 8, 8, 8};
    for (size_t i = 0; i < sizeof(set); i++) {
        int8_t txPower = 99;
        assertEqual(BLE.setTxPower(set[i]), 0);
        assertEqual(BLE.txPower(&txPower), 0);
        assertEqual(txPower, get[i]);
    }
    assertEqual(BLE.setTxPower(0), 0);
}

test(BLE_04_Select_BLE_Antenna)
{
    assertEqual(BLE.selectAntenna(BleAntennaType::EXTERNAL), 0);
    assertEqual(BLE.selectAntenna(BleAntennaType::INTERNAL), 0);
    assertEqual(BLE.selectAntenna(BleAntennaType::DEFAULT), 0);
}

test(BLE_05_Set_BLE_Advertising_Parameters)
{
    BleAdvertisingParams defaultAdvParams = {};
    BleAdvertisingParams getAdvParams = {};
    defaultAdvParams.size = sizeof(BleAdvertisingParams);
    assertEqual(BLE.getAdvertisingParameters(&defaultAdvParams), 0);

    assertEqual(BLE.setAdvertisingInterval(50), 0);  // 0.625 ms units
    assertEqual(BLE.setAdvertisingTimeout(1000), 0); // 10 ms units
    assertEqual(BLE.setAdvertisingType(BleAdvertisingEventType::SCANABLE_UNDIRECTED), 0);
    getAdvParams.size = sizeof(BleAdvertisingParams);
    assertEqual(BLE.getAdvertisingParameters(&getAdvParams), 0);
    assertEqual(getAdvParams.interval, 50);
    assertEqual(getAdvParams.timeout, 1000);
    assertTrue(getAdvParams.type == (uint8_t)BleAdvertisingEventType::SCANABLE_UNDIRECTED);

    assertEqual(BLE.setAdvertisingParameters(150, 2000, BleAdvertisingEventType::CONNECTABLE_UNDIRECTED), 0);
    assertEqual(BLE.getAdvertisingParameters(&getAdvParams), 0);
    assertEqual(getAdvParams.interval, 150);
    assertEqual(getAdvParams.timeout, 2000);
    assertTrue(getAdvParams.type == (uint8_t)BleAdvertisingEventType::CONNECTABLE_UNDIRECTED);

    BleAdvertisingParams setAdvParams = {};
    setAdvParams.size = sizeof(BleAdvertisingParams);
    setAdvParams.interval = 200;
    setAdvParams.timeout = 3000;
    setAdvParams.type = (hal_ble_adv_evt_type_t)BleAdvertisingEventType::NON_CONNECTABLE_NON_SCANABLE_UNDIRECTED;
    assertEqual(BLE.setAdvertisingParameters(&setAdvParams), 0);
    assertEqual(BLE.getAdvertisingParameters(&getAdvParams), 0);
    assertEqual(getAdvParams.interval, 200);
    assertEqual(getAdvParams.timeout, 3000);
    assertTrue(getAdvParams.type == (uint8_t)BleAdvertisingEventType::NON_CONNECTABLE_NON_SCANABLE_UNDIRECTED);

    // nullptr restores the defaults
    assertEqual(BLE.setAdvertisingParameters(nullptr), 0);
    assertEqual(BLE.getAdvertisingParameters(&getAdvParams), 0);
    assertEqual(getAdvParams.interval, defaultAdvParams.interval);
    assertEqual(getAdvParams.timeout, defaultAdvParams.timeout);
    assertTrue(getAdvParams.type == defaultAdvParams.type);
}

test(BLE_06_Set_BLE_Advertising_Data)
{
    BleAdvertisingData getAdvData = {};
    BleAdvertisingData setAdvData = {};
    setAdvData.appendServiceUUID("1234");
    assertEqual(BLE.setAdvertisingData(&setAdvData), 0);
    // FLAGS (3) and the 16-bit UUID (4)
    assertEqual(BLE.getAdvertisingData(&getAdvData), 7);
    assertEqual(getAdvData.length(), 7);
    BleUuid uuid;
    assertEqual(getAdvData.serviceUUID(&uuid, 1), 1);
    assertTrue(uuid == "1234");

    assertEqual(BLE.setAdvertisingData(nullptr), 0);
    assertEqual(BLE.getAdvertisingData(&getAdvData), 0);
    assertEqual(getAdvData.length(), 0);
}

test(BLE_07_Set_BLE_Scan_Response_Data)
{
    BleAdvertisingData getSrData = {};
    BleAdvertisingData setSrData = {};
    setSrData.appendServiceUUID("1234");
    assertEqual(BLE.setScanResponseData(&setSrData), 0);
    // a scan response has no FLAGS
    assertEqual(BLE.getScanResponseData(&getSrData), 4);
    assertEqual(getSrData.length(), 4);
    BleUuid uuid;
    assertEqual(getSrData.serviceUUID(&uuid, 1), 1);
    assertTrue(uuid == "1234");

    assertEqual(BLE.setScanResponseData(nullptr), 0);
    assertEqual(BLE.getScanResponseData(&getSrData), 0);
    assertEqual(getSrData.length(), 0);
}

test(BLE_08_BLE_Advertising_Control)
{
    BleAdvertisingData setAdvData;
    BleAdvertisingData setSrData;
    BleAdvertisingData getAdvData;
    BleAdvertisingData getSrData;
    setAdvData.appendLocalName("Argon");
    setSrData.appendServiceUUID("1234");

    assertEqual(BLE.setAdvertisingInterval(50), 0);
    assertEqual(BLE.setAdvertisingTimeout(100), 0); // 1 s
    assertEqual(BLE.advertise(&setAdvData, &setSrData), 0);
    assertTrue(BLE.advertising());
    assertEqual(BLE.getAdvertisingData(&getAdvData), 10);
    assertEqual(getAdvData.length(), 10);
    assertEqual(BLE.getScanResponseData(&getSrData), 4);
    assertEqual(getSrData.length(), 4);
    assertEqual(getAdvData.deviceName(), "Argon");
    BleUuid uuid;
    assertEqual(getSrData.serviceUUID(&uuid, 1), 1);
    assertTrue(uuid == "1234");

    // the timeout stops advertising
    delay(500);
    assertTrue(BLE.advertising());
    delay(1000);
    assertFalse(BLE.advertising());

    // advertise() keeps the last timeout
    assertEqual(BLE.advertise(), 0);
    assertTrue(BLE.advertising());
    delay(1500);
    assertFalse(BLE.advertising());

    iBeacon beacon(1, 2, "9c1b8bdc-5548-4e32-8a78-b9f524131206", -55);
    assertEqual(BLE.advertise(beacon), 0);
    assertTrue(BLE.advertising());
    assertEqual(BLE.getAdvertisingData(&getAdvData), 30);
    uint8_t custom[25];
    assertEqual(getAdvData.customData(custom, sizeof(custom)), 25);
    assertEqual(custom[0], 0x4C);
    assertEqual(custom[2], 0x02);
    assertEqual(custom[3], 0x15);
    assertEqual(BLE.stopAdvertising(), 0);
    assertFalse(BLE.advertising());
    assertEqual(BLE.setAdvertisingParameters(nullptr), 0);
}

test(BLE_09_Set_BLE_Scanning_Parameters)
{
    BleScanParams setScanParams = {};
    BleScanParams getScanParams = {};

    assertNotEqual(BLE.setScanParameters(nullptr), 0);

    setScanParams.size = sizeof(BleScanParams);
    setScanParams.interval = 50; // 0.625 ms units
    setScanParams.window = 25;
    setScanParams.timeout = 100; // 10 ms units
    setScanParams.active = false;
    setScanParams.filter_policy = BLE_SCAN_FP_ACCEPT_ALL;
    assertEqual(BLE.setScanParameters(&setScanParams), 0);
    getScanParams.size = sizeof(BleScanParams);
    assertEqual(BLE.getScanParameters(&getScanParams), 0);
    assertEqual(getScanParams.interval, setScanParams.interval);
    assertEqual(getScanParams.timeout, setScanParams.timeout);
    assertEqual(getScanParams.window, setScanParams.window);
    assertEqual(getScanParams.active, setScanParams.active);
    assertTrue(getScanParams.filter_policy == setScanParams.filter_policy);

    // the window cannot be longer than the interval
    setScanParams.interval = 25;
    setScanParams.window = 50;
    assertNotEqual(BLE.setScanParameters(&setScanParams), 0);
    assertEqual(BLE.getScanParameters(&getScanParams), 0);
    assertEqual(getScanParams.interval, 50);

    setScanParams.interval = 100;
    setScanParams.window = 50;
    assertEqual(BLE.setScanParameters(&setScanParams), 0);
    assertEqual(BLE.setScanTimeout(1000), 0);
    assertEqual(BLE.getScanParameters(&getScanParams), 0);
    assertEqual(getScanParams.timeout, 1000);
    assertEqual(getScanParams.interval, 100);
}

test(BLE_10_Add_BLE_Local_Characteristics)
{
    // Particle's default UUIDs: service F5720000-..., characteristics from F5720001
    BleCharacteristic characteristic("char1", BleCharacteristicProperty::NOTIFY);
    BleCharacteristic char1 = BLE.addCharacteristic(characteristic);
    assertTrue(char1.valid());
    assertTrue(char1.UUID() == "F5720001-13A9-49DD-AC15-F87B7427E37B");
    assertTrue(char1.properties() == BleCharacteristicProperty::NOTIFY);
    assertEqual(char1.description(), "char1");

    BleCharacteristic char2 = BLE.addCharacteristic("char2", BleCharacteristicProperty::READ);
    assertTrue(char2.UUID() == "F5720002-13A9-49DD-AC15-F87B7427E37B");
    assertTrue(char2.properties() == BleCharacteristicProperty::READ);
    assertEqual(char2.description(), "char2");

    BleCharacteristic char3 = BLE.addCharacteristic("char3", BleCharacteristicProperty::WRITE, 0x1234, 0x5678);
    assertTrue(char3.valid());
    assertTrue(char3.UUID() == 0x1234);
    assertTrue(char3.properties() == BleCharacteristicProperty::WRITE);
    assertEqual(char3.description(), "char3");

    BleCharacteristic char4 =
        BLE.addCharacteristic("char4", BleCharacteristicProperty::WRITE_WO_RSP, "8a37dbf2-c931-4102-9068-4bed3643e726",
                              "58850a2a-38f6-4188-9f19-d867f02a028c ");
    assertTrue(char4.valid());
    assertTrue(char4.UUID() == "8A37DBF2-C931-4102-9068-4BED3643E726");
    // read back upper case
    assertEqual(char4.UUID().toString(), "8A37DBF2-C931-4102-9068-4BED3643E726");
    assertTrue(char4.properties() == BleCharacteristicProperty::WRITE_WO_RSP);
    assertEqual(char4.description(), "char4");

    // the same characteristic again is refused
    BleCharacteristic again = BLE.addCharacteristic("char3", BleCharacteristicProperty::WRITE, 0x1234, 0x5678);
    assertFalse(again.valid());
}

test(BLE_11_BLE_UUID_Conversion)
{
    const char* longUuidStr = "6E401234-B5A3-F393-E0A9-E50E24DCCA9E";
    const uint8_t longUuidArray[] = {0x9E, 0xCA, 0xDC, 0x24, 0x0E, 0xE5, 0xA9, 0xE0,
                                     0x93, 0xF3, 0xA3, 0xB5, 0x34, 0x12, 0x40, 0x6E};
    const uint8_t extendedShortUUID[] = {0xFB, 0x34, 0x9B, 0x5F, 0x80, 0x00, 0x00, 0x80,
                                         0x00, 0x10, 0x00, 0x00, 0x78, 0x56, 0x00, 0x00};
    uint8_t buffer[16];

    BleUuid longUuidFromArray(longUuidArray);
    assertTrue(longUuidFromArray.shorted() == 0x1234);
    assertEqual(longUuidFromArray.toString(), longUuidStr);

    BleUuid longUuidFromString(longUuidStr);
    assertEqual(longUuidFromString.rawBytes(buffer), 16u);
    assertEqual(memcmp(buffer, longUuidArray, 16), 0);
    assertEqual(memcmp(longUuidFromString.rawBytes(), longUuidArray, 16), 0);

    BleUuid shortUuidFromUint16((uint16_t)0x5678);
    assertTrue(shortUuidFromUint16.shorted() == 0x5678);
    assertEqual(shortUuidFromUint16.toString(), "5678");

    BleUuid shortUuidFromString("5678");
    assertEqual(shortUuidFromString.rawBytes(buffer), 16u);
    assertEqual(memcmp(buffer, extendedShortUUID, 16), 0);
}

test(BLE_12_BLE_Address_Validation)
{
    BleAddress address;
    assertFalse(address.valid());
    address = "44:14:0A:9F:F2:96";
    assertTrue(address.valid());
    address = "00:00:00:00:00:00"; // at least one bit set
    assertFalse(address.valid());
    address = "FF:FF:FF:FF:FF:FF"; // at least one bit clear
    assertFalse(address.valid());
}
