// The hub (central) of tests/scenarios/ble-two-peripherals.yaml, written as
// Device OS's BLE tutorial writes a central for several peripherals: every
// second, while a slot is free, it scans for 500 ms with the default scan
// parameters (100 ms interval, 50 ms window) and connects the first
// advertiser of the service it is not yet connected to. Both buttons must be
// found although each scan starts a whole number of scan intervals after the
// last (advertising events drift by their advDelay on a real air). Once
// connected it writes "on" to the button's WRITE-only characteristic with a
// plain setValue() (AUTO: a write with response).
#include "Particle.h"

SYSTEM_MODE(MANUAL);

namespace {

const BleUuid SERVICE("3e1f0a00-6c2b-4f55-9a0e-5d1c7b2f4a10");
const BleUuid PRESSED("3e1f0a01-6c2b-4f55-9a0e-5d1c7b2f4a10");
const BleUuid LED("3e1f0a02-6c2b-4f55-9a0e-5d1c7b2f4a10");
const size_t SLOTS = 2;
BlePeerDevice peers[SLOTS];
BleCharacteristic pressed[SLOTS];
BleScanResult results[10];
unsigned long lastScan = 0;

void onPressed(const uint8_t* data, size_t len, const BlePeerDevice& peer, void* context)
{
    uint32_t id = 0;
    memcpy(&id, data, len < sizeof(id) ? len : sizeof(id));
    Serial.printlnf("slot %d: button %lu pressed", (int)(intptr_t)context, (unsigned long)id);
}

} // namespace

void setup()
{
    Serial.begin();
    for (size_t i = 0; i < SLOTS; i++) {
        pressed[i].onDataReceived(onPressed, (void*)(intptr_t)i);
    }
    BLE.setScanTimeout(BLE_MSEC_TO_UNITS(500, BLE_UNIT_10_MS)); // 50
}

void loop()
{
    if (millis() - lastScan < 1000) {
        return;
    }
    lastScan = millis();
    int slot = -1;
    for (size_t i = 0; i < SLOTS && slot < 0; i++) {
        if (!peers[i].connected()) {
            slot = (int)i;
        }
    }
    if (slot < 0) {
        return;
    }
    int n = BLE.scan(results, sizeof(results) / sizeof(results[0]));
    for (int i = 0; i < n; i++) {
        BleUuid svc;
        if (results[i].advertisingData.serviceUUID(&svc, 1) != 1 || svc != SERVICE) {
            continue;
        }
        BlePeerDevice peer = BLE.connect(results[i].address);
        if (peer.connected() && peer.getCharacteristicByUUID(pressed[slot], PRESSED)) {
            peers[slot] = peer;
            Serial.printlnf("slot %d: connected", slot);
            BleCharacteristic led;
            if (peer.getCharacteristicByUUID(led, LED)) {
                Serial.printlnf("slot %d: led write %d", slot, (int)led.setValue("on"));
            }
        }
        break;
    }
}
