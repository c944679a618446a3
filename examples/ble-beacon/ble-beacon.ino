// ble-beacon: an Apple iBeacon. The advertising data is the beacon's
// manufacturer data (company 0x004C, proximity UUID, major, minor and the
// RSSI measured at 1 m); the advertising is non-connectable and
// non-scannable, as beacons are. Prints the device's BLE address.

const char* const PROXIMITY_UUID = "1D2C4E7A-9B36-4F0E-8C5D-3A71B2E6F904";
const uint16_t MAJOR = 7;
const uint16_t MINOR = 42;
const int8_t POWER_AT_1M = -59; // dBm

void setup()
{
    Serial.begin(9600);
    iBeacon beacon(MAJOR, MINOR, PROXIMITY_UUID, POWER_AT_1M);
    BLE.setAdvertisingInterval(160); // 100 ms (0.625 ms units)
    BLE.setAdvertisingType(BleAdvertisingEventType::NON_CONNECTABLE_NON_SCANABLE_UNDIRECTED);
    int rc = BLE.advertise(beacon);
    Serial.printlnf("iBeacon %s major %u minor %u at %s: %s", PROXIMITY_UUID, MAJOR, MINOR,
                    BLE.address().toString().c_str(), rc == 0 ? "advertising" : "failed");
}

void loop()
{
}
