// The BLE API on a Photon (no BLE radio): the calls compile and return
// SYSTEM_ERROR_NOT_SUPPORTED (-120). tests/scenarios/ble-photon.yaml.
#include "Particle.h"

void setup()
{
    Serial.begin(9600);
    Serial.printlnf("advertise %d", BLE.advertise());
    Serial.printlnf("setTxPower %d", BLE.setTxPower(4));
    BleCharacteristic c = BLE.addCharacteristic("c", BleCharacteristicProperty::READ);
    Serial.printlnf("valid %d", (int)c.valid());
    Serial.printlnf("scan %d", BLE.scan([](const BleScanResult*, void*) {}, nullptr));
    Serial.println("done");
}

void loop()
{
}
