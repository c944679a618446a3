// The broadcaster half of the BLE scanner/broadcaster suite (Device OS's
// two-device BLE tests, as vdev runs them: tests/scenarios/
// ble-scanner-broadcaster.yaml). Its tests start advertising the iBeacon of
// common.h and check the advertising data; it keeps advertising after the
// run, while ../scanner runs its tests.
#include "Particle.h"
#include "unit-test.h"

#include "../common.h"

SYSTEM_MODE(MANUAL);

UNIT_TEST_APP();

using namespace suite;

test(BLE_01_Broadcaster_Advertises_iBeacon)
{
    iBeacon beacon(BEACON_MAJOR, BEACON_MINOR, BEACON_UUID, BEACON_POWER);
    assertEqual(BLE.advertise(beacon), 0);
    assertTrue(BLE.advertising());
}

test(BLE_02_Broadcaster_Advertising_Data_Is_The_iBeacon)
{
    BleAdvertisingData data;
    assertMore(BLE.getAdvertisingData(&data), 0);
    BeaconFields f;
    assertTrue(decodeBeacon(data, &f));
    assertEqual(f.major, BEACON_MAJOR);
    assertEqual(f.minor, BEACON_MINOR);
    assertEqual(f.power, BEACON_POWER);
    assertTrue(isOurBeacon(data));
}
