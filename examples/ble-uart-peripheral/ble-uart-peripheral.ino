// ble-uart-peripheral: a serial port over BLE with the Nordic UART Service
// (NUS). A central (a phone app such as nRF Toolbox, or
// examples/ble-uart-central) writes bytes to RX; they are printed on Serial.
// Bytes typed on Serial go back to the central as notifications of TX.
//
//   service 6E400001-B5A3-F393-E0A9-E50E24DCCA9E (advertised)
//   RX      6E400002-...  WRITE | WRITE_WO_RSP   (central -> this device)
//   TX      6E400003-...  NOTIFY                 (this device -> central)

const BleUuid SERVICE_UUID("6E400001-B5A3-F393-E0A9-E50E24DCCA9E");
const BleUuid RX_UUID("6E400002-B5A3-F393-E0A9-E50E24DCCA9E");
const BleUuid TX_UUID("6E400003-B5A3-F393-E0A9-E50E24DCCA9E");

// A notification carries at most 20 bytes with the default ATT MTU (23).
const size_t CHUNK = 20;

void onRxWritten(const uint8_t* data, size_t len, const BlePeerDevice& peer, void* context);

BleCharacteristic txChar("tx", BleCharacteristicProperty::NOTIFY, TX_UUID, SERVICE_UUID);
BleCharacteristic rxChar("rx", BleCharacteristicProperty::WRITE | BleCharacteristicProperty::WRITE_WO_RSP, RX_UUID,
                         SERVICE_UUID, onRxWritten, nullptr);

bool wasConnected = false;

// Runs in the BLE thread: the bytes go straight out on Serial.
void onRxWritten(const uint8_t* data, size_t len, const BlePeerDevice& peer, void* context)
{
    Serial.write(data, len);
}

void setup()
{
    Serial.begin(9600);
    BLE.addCharacteristic(txChar);
    BLE.addCharacteristic(rxChar);

    BleAdvertisingData adv;
    adv.appendServiceUUID(SERVICE_UUID);
    BLE.advertise(&adv);
    Serial.printlnf("UART peripheral %s advertising", BLE.address().toString().c_str());
}

void loop()
{
    bool connected = BLE.connected();
    if (connected != wasConnected) {
        wasConnected = connected;
        Serial.println(connected ? "central connected" : "central disconnected");
    }
    if (!connected) {
        return;
    }
    uint8_t buf[CHUNK];
    size_t n = 0;
    while (n < CHUNK && Serial.available() > 0) {
        buf[n++] = (uint8_t)Serial.read();
    }
    if (n > 0) {
        txChar.setValue(buf, n);
    }
}
