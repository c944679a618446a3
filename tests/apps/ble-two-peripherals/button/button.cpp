// A "button" peripheral for tests/scenarios/ble-two-peripherals.yaml: it
// advertises one service (100 ms interval, the default), notifies its 4-byte
// id on its characteristic when "p" arrives on Serial and prints what the
// central writes to its WRITE-only "led" characteristic.
#include "Particle.h"

SYSTEM_MODE(MANUAL);

namespace {

const BleUuid SERVICE("3e1f0a00-6c2b-4f55-9a0e-5d1c7b2f4a10");
const BleUuid PRESSED("3e1f0a01-6c2b-4f55-9a0e-5d1c7b2f4a10");
const BleUuid LED("3e1f0a02-6c2b-4f55-9a0e-5d1c7b2f4a10");
BleCharacteristic pressed("pressed", BleCharacteristicProperty::NOTIFY, PRESSED, SERVICE);
uint32_t id = 0;
String led;
volatile bool ledWritten = false;

void onLed(const uint8_t* data, size_t len, const BlePeerDevice& peer, void* context)
{
    led = String(reinterpret_cast<const char*>(data), len);
    ledWritten = true;
}

BleCharacteristic ledChar("led", BleCharacteristicProperty::WRITE, LED, SERVICE, onLed, nullptr);

} // namespace

void setup()
{
    Serial.begin();
    id = BLE.address()[0];
    BLE.addCharacteristic(pressed);
    BLE.addCharacteristic(ledChar);
    BleAdvertisingData data;
    data.appendServiceUUID(SERVICE);
    BLE.advertise(&data);
    Serial.printlnf("button %lu ready", (unsigned long)id);
}

void loop()
{
    if (ledWritten) {
        ledWritten = false;
        Serial.printlnf("led %s", led.c_str());
    }
    while (Serial.available()) {
        if (Serial.read() == 'p' && BLE.connected()) {
            Serial.printlnf("pressed %d", (int)pressed.setValue(id));
        }
    }
}
