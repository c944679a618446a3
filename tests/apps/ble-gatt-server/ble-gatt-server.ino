// A small GATT server for the scripted-phone and hostile-peer scenarios:
// Battery service 0x180F with "level" (0x2A19, READ|NOTIFY, starts at 77),
// and a custom service with "cmd" (WRITE|WRITE_WO_RSP, printed on Serial)
// "ind" (READ|INDICATE) and "both" (NOTIFY|INDICATE). Typing "n TEXT" on
// Serial notifies TEXT on level; "i TEXT" indicates it on ind; "b TEXT" sends
// it on both with ACK (an indication).
SYSTEM_MODE(MANUAL);

const char* CUSTOM = "5a7e0001-1d2c-4f3b-8a49-0c6e2f1b9d01";
BleCharacteristic level("level", BleCharacteristicProperty::READ | BleCharacteristicProperty::NOTIFY, BleUuid(0x2A19), BleUuid(0x180F));
BleCharacteristic cmd;
BleCharacteristic ind("ind", BleCharacteristicProperty::READ | BleCharacteristicProperty::INDICATE, "5a7e0003-1d2c-4f3b-8a49-0c6e2f1b9d01", CUSTOM);
BleCharacteristic both("both", BleCharacteristicProperty::NOTIFY | BleCharacteristicProperty::INDICATE, "5a7e0004-1d2c-4f3b-8a49-0c6e2f1b9d01", CUSTOM);

void onCmd(const uint8_t* data, size_t len, const BlePeerDevice& peer, void* context) {
    Serial.printlnf("cmd %u: %.*s", (unsigned)len, (int)len, (const char*)data);
}

void onConnected(const BlePeerDevice& peer, void* context) { Serial.printlnf("connected %s", peer.address().toString().c_str()); }
void onDisconnected(const BlePeerDevice& peer, void* context) { Serial.println("disconnected"); }

void setup() {
    Serial.begin();
    BLE.addCharacteristic(level);
    cmd = BleCharacteristic("cmd", BleCharacteristicProperty::WRITE | BleCharacteristicProperty::WRITE_WO_RSP,
                            "5a7e0002-1d2c-4f3b-8a49-0c6e2f1b9d01", CUSTOM, onCmd, nullptr);
    BLE.addCharacteristic(cmd);
    BLE.addCharacteristic(ind);
    BLE.addCharacteristic(both);
    uint8_t v = 77;
    level.setValue(&v, 1);
    BLE.onConnected(onConnected, nullptr);
    BLE.onDisconnected(onDisconnected, nullptr);
    BLE.setDeviceName("gatt-server");
    BleAdvertisingData adv;
    adv.appendLocalName("gatt-server");
    adv.appendServiceUUID(BleUuid(0x180F));
    Serial.printlnf("advertise %d", BLE.advertise(&adv));
}

void loop() {
    if (!Serial.available())
        return;
    String line = Serial.readStringUntil('\n');
    line.trim();
    if (line.startsWith("n "))
        Serial.printlnf("notify %d", level.setValue(line.substring(2)));
    else if (line.startsWith("i "))
        Serial.printlnf("indicate %d", ind.setValue(line.substring(2), BleTxRxType::ACK));
    else if (line.startsWith("b "))
        Serial.printlnf("both %d", both.setValue(line.substring(2), BleTxRxType::ACK));
}
