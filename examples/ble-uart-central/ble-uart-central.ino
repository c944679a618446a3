// ble-uart-central: the other end of examples/ble-uart-peripheral. Scans for
// an advertiser of the Nordic UART Service, connects (discovery and the
// subscription to TX are automatic), then:
//   - what arrives on TX (notifications) is printed on Serial;
//   - bytes typed on Serial are written to RX (without response).
// When the link drops it scans and connects again.

const BleUuid SERVICE_UUID("6E400001-B5A3-F393-E0A9-E50E24DCCA9E");
const BleUuid RX_UUID("6E400002-B5A3-F393-E0A9-E50E24DCCA9E");
const BleUuid TX_UUID("6E400003-B5A3-F393-E0A9-E50E24DCCA9E");

const size_t MAX_RESULTS = 20;
const size_t CHUNK = 20; // a write carries at most 20 bytes with the default ATT MTU

BleScanResult results[MAX_RESULTS];
BlePeerDevice peer;
BleCharacteristic peerTx; // notifies us
BleCharacteristic peerRx; // we write to it
bool linked = false;

// Runs in the BLE thread for each notification of TX.
void onTxData(const uint8_t* data, size_t len, const BlePeerDevice& from, void* context)
{
    Serial.write(data, len);
}

bool advertisesUart(const BleScanResult& r)
{
    BleUuid uuids[4];
    size_t n = r.advertisingData.serviceUUID(uuids, 4);
    for (size_t i = 0; i < n; i++) {
        if (uuids[i] == SERVICE_UUID) {
            return true;
        }
    }
    return false;
}

void findAndConnect()
{
    int count = BLE.scan(results, MAX_RESULTS);
    for (int i = 0; i < count; i++) {
        if (!advertisesUart(results[i])) {
            continue;
        }
        String addr = results[i].address.toString();
        Serial.printlnf("found UART service at %s (RSSI %d dBm)", addr.c_str(), results[i].rssi);
        peer = BLE.connect(results[i].address);
        if (!peer.connected()) {
            Serial.printlnf("could not connect to %s", addr.c_str());
            continue;
        }
        bool ok = peer.getCharacteristicByUUID(peerTx, TX_UUID) && peer.getCharacteristicByUUID(peerRx, RX_UUID);
        if (!ok) {
            Serial.printlnf("%s has no UART TX/RX", addr.c_str());
            peer.disconnect();
            continue;
        }
        linked = true;
        Serial.printlnf("connected to %s", addr.c_str());
        return;
    }
}

void setup()
{
    Serial.begin(9600);
    peerTx.onDataReceived(onTxData, nullptr); // kept when the peer's TX is assigned to peerTx
    BLE.setScanTimeout(50);                   // scan for 500 ms at a time
    Serial.println("UART central scanning");
}

void loop()
{
    if (linked && !peer.connected()) {
        linked = false;
        Serial.println("disconnected, scanning again");
    }
    if (!linked) {
        findAndConnect();
        return;
    }
    uint8_t buf[CHUNK];
    size_t n = 0;
    while (n < CHUNK && Serial.available() > 0) {
        buf[n++] = (uint8_t)Serial.read();
    }
    if (n > 0) {
        peerRx.setValue(buf, n);
    }
}
