// 1.4.0 fix #1901 (subscription): connects with automatic discovery to the
// "gatt-server" test app, which has characteristics with NOTIFY only
// ("level"), INDICATE only ("ind") and NOTIFY|INDICATE ("both"); the
// connection subscribes to each, and what arrives is printed.
SYSTEM_MODE(MANUAL);

BlePeerDevice peer;
BleCharacteristic level, ind, both;

void onData(const uint8_t* data, size_t len, const BlePeerDevice& from, void* context) {
    Serial.printlnf("%s: %.*s", (const char*)context, (int)len, (const char*)data);
}

void setup() {
    Serial.begin();
    for (int tries = 0; tries < 20 && !peer.connected(); tries++) {
        BleScanResult results[8];
        BLE.setScanTimeout(100); // 1 s
        int n = BLE.scan(results, 8);
        for (int i = 0; i < n; i++)
            if (results[i].advertisingData.deviceName() == "gatt-server")
                peer = BLE.connect(results[i].address);
    }
    if (!peer.connected()) {
        Serial.println("no server");
        return;
    }
    peer.getCharacteristicByDescription(level, "level");
    peer.getCharacteristicByDescription(ind, "ind");
    peer.getCharacteristicByDescription(both, "both");
    level.onDataReceived(onData, (void*)"level");
    ind.onDataReceived(onData, (void*)"ind");
    both.onDataReceived(onData, (void*)"both");
    Serial.println("subscribed");
}

void loop() {}
