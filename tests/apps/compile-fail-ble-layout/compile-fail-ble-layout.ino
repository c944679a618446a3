// Must NOT compile (1.4.0 fix #1901): BleCharacteristic::setValue() takes
// only standard-layout types; this one has a virtual function.
// tests/ble/compile_fail.sh checks the error points at the setValue line.
#include "Particle.h"

struct Sample {
    virtual ~Sample() {}
    int value = 1;
};

BleCharacteristic characteristic("sample", BleCharacteristicProperty::NOTIFY);

void setup()
{
    Sample s;
    characteristic.setValue(s); // BLE_LAYOUT_LINE
}

void loop()
{
}
