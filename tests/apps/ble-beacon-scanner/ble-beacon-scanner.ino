// ble-beacon-scanner: scans for 1 s at a time and prints each iBeacon it
// hears (manufacturer data of company 0x004C, type 0x02, length 0x15), once
// per address; then tries to connect to it, which a beacon must refuse
// (non-connectable advertising): "connect to <addr>: refused" or
// "connect to <addr>: CONNECTED". Used by tests/scenarios/ble-beacon.yaml.

const size_t MAX_RESULTS = 10;
BleScanResult results[MAX_RESULTS];
BleAddress reported[MAX_RESULTS];
size_t nreported = 0;

bool alreadyReported(const BleAddress& a)
{
    for (size_t i = 0; i < nreported; i++) {
        if (reported[i] == a) {
            return true;
        }
    }
    return false;
}

// Returns whether `r` is an iBeacon and prints it.
bool printBeacon(const BleScanResult& r)
{
    uint8_t m[BLE_MAX_ADV_DATA_LEN];
    size_t n = r.advertisingData.customData(m, sizeof(m));
    if (n != 25 || m[0] != 0x4C || m[1] != 0x00 || m[2] != 0x02 || m[3] != 0x15) {
        return false;
    }
    char uuid[37];
    size_t k = 0;
    for (int i = 0; i < 16; i++) {
        if (i == 4 || i == 6 || i == 8 || i == 10) {
            uuid[k++] = '-';
        }
        k += snprintf(uuid + k, sizeof(uuid) - k, "%02X", m[4 + i]);
    }
    unsigned major = m[20] << 8 | m[21];
    unsigned minor = m[22] << 8 | m[23];
    Serial.printlnf("iBeacon %s major %u minor %u power %d from %s", uuid, major, minor, (int8_t)m[24],
                    r.address.toString().c_str());
    return true;
}

void setup()
{
    Serial.begin(9600);
    BLE.setScanTimeout(100); // 1 s
    Serial.println("scanning");
}

void loop()
{
    int count = BLE.scan(results, MAX_RESULTS);
    for (int i = 0; i < count; i++) {
        if (alreadyReported(results[i].address) || !printBeacon(results[i])) {
            continue;
        }
        if (nreported < MAX_RESULTS) {
            reported[nreported++] = results[i].address;
        }
        BlePeerDevice peer = BLE.connect(results[i].address);
        Serial.printlnf("connect to %s: %s", results[i].address.toString().c_str(),
                        peer.connected() ? "CONNECTED" : "refused");
        if (peer.connected()) {
            peer.disconnect();
        }
    }
}
