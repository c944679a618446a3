// The scanner half of the BLE scanner/broadcaster suite (see
// ../broadcaster/broadcaster.cpp). An active scan with a 3 s timeout, done
// three ways: with a callback, into an array, and into a Vector. Each finds
// at least one advertiser, and the broadcaster's iBeacon (UUID, major and
// minor in its manufacturer data) among them.
#include "Particle.h"
#include "unit-test.h"

#include "../common.h"

SYSTEM_MODE(MANUAL);

UNIT_TEST_APP();

namespace {

using namespace suite;

const uint16_t SCAN_TIMEOUT = 300; // 10 ms units: 3 s

struct CallbackTally {
    int results;
    bool beacon;
};

void onScanResult(const BleScanResult* result, void* context)
{
    CallbackTally* tally = static_cast<CallbackTally*>(context);
    tally->results++;
    if (isOurBeacon(result->advertisingData)) {
        tally->beacon = true;
    }
}

} // namespace

test(BLE_01_Scanner_Active_Scan_Parameters)
{
    BleScanParams params = {};
    params.size = sizeof(params);
    assertEqual(BLE.getScanParameters(&params), 0);
    params.active = true;
    params.timeout = SCAN_TIMEOUT;
    assertEqual(BLE.setScanParameters(&params), 0);

    BleScanParams check = {};
    check.size = sizeof(check);
    assertEqual(BLE.getScanParameters(&check), 0);
    assertTrue(check.active);
    assertEqual(check.timeout, SCAN_TIMEOUT);
}

test(BLE_02_Scanner_Scan_With_Callback)
{
    CallbackTally tally = {0, false};
    int count = BLE.scan(onScanResult, &tally);
    assertMore(count, 0);
    assertEqual(count, tally.results);
    assertTrue(tally.beacon);
}

test(BLE_03_Scanner_Scan_Into_Array)
{
    BleScanResult results[10];
    int count = BLE.scan(results, 10);
    assertMore(count, 0);
    bool beacon = false;
    for (int i = 0; i < count; i++) {
        beacon = beacon || isOurBeacon(results[i].advertisingData);
    }
    assertTrue(beacon);
}

test(BLE_04_Scanner_Scan_Into_Vector)
{
    Vector<BleScanResult> results = BLE.scan();
    assertMore(results.size(), 0);
    bool beacon = false;
    for (const BleScanResult& r : results) {
        beacon = beacon || isOurBeacon(r.advertisingData);
    }
    assertTrue(beacon);
}
