// A "button" peripheral for tests/scenarios/ble-two-peripherals.yaml: it
// advertises one service (100 ms interval, the default) and notifies its
// 4-byte id on its characteristic when "p" arrives on Serial.
#include "Particle.h"

SYSTEM_MODE(MANUAL);

namespace {

const BleUuid SERVICE("3e1f0a00-6c2b-4f55-9a0e-5d1c7b2f4a10");
const BleUuid PRESSED("3e1f0a01-6c2b-4f55-9a0e-5d1c7b2f4a10");
BleCharacteristic pressed("pressed", BleCharacteristicProperty::NOTIFY, PRESSED, SERVICE);
uint32_t id = 0;

} // namespace

void setup()
{
    Serial.begin();
    id = BLE.address()[0];
    BLE.addCharacteristic(pressed);
    BleAdvertisingData data;
    data.appendServiceUUID(SERVICE);
    BLE.advertise(&data);
    Serial.printlnf("button %lu ready", (unsigned long)id);
}

void loop()
{
    while (Serial.available()) {
        if (Serial.read() == 'p' && BLE.connected()) {
            Serial.printlnf("pressed %d", (int)pressed.setValue(id));
        }
    }
}
