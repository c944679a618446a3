// bench: the peripheral of the BLE notification benchmark. When the central
// writes a count N to "ctl", it notifies N values of 244 bytes on "data" as
// fast as the link takes them.
SYSTEM_MODE(MANUAL);

const BleUuid SERVICE("7e1a0001-7b1b-4b6b-9b2a-51e5b0c0a001");
BleCharacteristic data("data", BleCharacteristicProperty::NOTIFY, BleUuid("7e1a0002-7b1b-4b6b-9b2a-51e5b0c0a001"), SERVICE);
BleCharacteristic ctl;
volatile long wanted = -1;

void onCtl(const uint8_t* bytes, size_t len, const BlePeerDevice& peer, void* context) {
    char text[16] = {0};
    memcpy(text, bytes, len < sizeof(text) - 1 ? len : sizeof(text) - 1);
    wanted = atol(text);
}

void setup() {
    BLE.addCharacteristic(data);
    ctl = BleCharacteristic("ctl", BleCharacteristicProperty::WRITE, BleUuid("7e1a0003-7b1b-4b6b-9b2a-51e5b0c0a001"), SERVICE, onCtl, nullptr);
    BLE.addCharacteristic(ctl);
    BleAdvertisingData adv;
    adv.appendServiceUUID(SERVICE);
    BLE.advertise(&adv);
}

void loop() {
    if (wanted < 0)
        return;
    long n = wanted;
    wanted = -1;
    uint8_t value[244];
    for (long i = 0; i < n; i++) {
        memset(value, (int)(i & 0xFF), sizeof(value));
        data.setValue(value, sizeof(value));
    }
    Serial.printlnf("sent %ld", n);
}
