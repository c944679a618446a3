// The twin of compile-fail-ble-layout with a standard-layout type: it must
// compile (so the failing twin fails for the right reason).
#include "Particle.h"

struct Sample {
    int value = 1;
};

BleCharacteristic characteristic("sample", BleCharacteristicProperty::NOTIFY);

void setup()
{
    Sample s;
    characteristic.setValue(s); // BLE_LAYOUT_LINE
    characteristic.getValue(&s);
}

void loop()
{
}
