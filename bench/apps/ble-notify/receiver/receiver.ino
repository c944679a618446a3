// bench: the central of the BLE notification benchmark. Given "N" on Serial,
// it asks the sender for N notifications of 244 bytes and reports how many
// bytes arrived and the device time from the first to the last.
SYSTEM_MODE(MANUAL);

const BleUuid SERVICE("7e1a0001-7b1b-4b6b-9b2a-51e5b0c0a001");
BlePeerDevice peer;
BleCharacteristic data, ctl;
volatile long expected = 0, got = 0, bytes = 0;
volatile unsigned long firstUs = 0, lastUs = 0;

void onData(const uint8_t* value, size_t len, const BlePeerDevice& from, void* context) {
    if (got == 0)
        firstUs = micros();
    lastUs = micros();
    got++;
    bytes += len;
}

void setup() {
    Serial.begin();
    while (!peer.connected()) {
        BleScanResult results[8];
        int n = BLE.scan(results, 8);
        for (int i = 0; i < n; i++) {
            BleUuid uuids[2];
            if (results[i].advertisingData.serviceUUID(uuids, 2) > 0 && uuids[0] == SERVICE) {
                peer = BLE.connect(results[i].address);
                break;
            }
        }
    }
    peer.getCharacteristicByDescription(data, "data");
    peer.getCharacteristicByDescription(ctl, "ctl");
    data.onDataReceived(onData, nullptr);
    Serial.println("ready");
}

void loop() {
    if (Serial.available()) {
        String line = Serial.readStringUntil('\n');
        expected = line.toInt();
        got = bytes = 0;
        ctl.setValue(String(expected), BleTxRxType::ACK);
    }
    if (expected > 0 && got >= expected) {
        Serial.printlnf("received %ld notifications, %ld bytes in %lu us", (long)got, (long)bytes, lastUs - firstUs);
        expected = 0;
    }
}
