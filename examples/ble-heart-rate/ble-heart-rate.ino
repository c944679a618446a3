// ble-heart-rate: a heart rate monitor as the Bluetooth SIG defines it, so
// any phone app that knows the Heart Rate service shows it.
//
//   Heart Rate service           0x180D (advertised, with the appearance
//                                        "heart rate sensor" and a name)
//   Heart Rate Measurement       0x2A37  NOTIFY  flags (0x00: the rate is a
//                                        uint8, no sensor contact, no energy,
//                                        no RR intervals) then the rate (bpm)
//   Body Sensor Location         0x2A38  READ    1 (chest)
//
// The rate is made up: at second k after boot it is 60 bpm rising by 1 each
// second to 89, then falling back to 60, and so on. It is notified once a
// second while a central is connected.

const BleUuid HEART_RATE_SERVICE(0x180D);

BleCharacteristic measurement("measurement", BleCharacteristicProperty::NOTIFY, BleUuid(0x2A37), HEART_RATE_SERVICE);
BleCharacteristic location("location", BleCharacteristicProperty::READ, BleUuid(0x2A38), HEART_RATE_SERVICE);

const uint8_t LOCATION_CHEST = 1;
const uint16_t APPEARANCE_HEART_RATE_SENSOR = 0x0340;

system_tick_t nextBeat = 1000;
bool wasConnected = false;

uint8_t rateAt(unsigned second)
{
    unsigned k = second % 60;
    return (uint8_t)(k < 30 ? 60 + k : 120 - k);
}

void setup()
{
    Serial.begin(9600);
    BLE.addCharacteristic(measurement);
    BLE.addCharacteristic(location);
    location.setValue(LOCATION_CHEST);

    BleAdvertisingData adv;
    adv.appendServiceUUID(HEART_RATE_SERVICE);
    adv.appendAppearance(APPEARANCE_HEART_RATE_SENSOR);
    adv.appendLocalName("vdev HRM");
    BLE.advertise(&adv);
    Serial.printlnf("heart rate monitor %s advertising", BLE.address().toString().c_str());
}

void loop()
{
    bool connected = BLE.connected();
    if (connected != wasConnected) {
        wasConnected = connected;
        Serial.println(connected ? "connected" : "disconnected");
    }
    if (millis() < nextBeat) {
        return;
    }
    unsigned second = nextBeat / 1000;
    nextBeat += 1000;
    if (!connected) {
        return;
    }
    uint8_t value[2] = {0x00, rateAt(second)};
    measurement.setValue(value, sizeof(value));
    Serial.printlnf("%u bpm", value[1]);
}
