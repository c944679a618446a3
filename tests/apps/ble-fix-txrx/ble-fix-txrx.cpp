// 1.4.0 fix #1901 on the air (tests/scenarios/ble-fix-txrx-1901.yaml, with
// the scripted phone subscribed): what each BleTxRxType sends from a local
// characteristic. INDICATE-only: AUTO stores the value and sends nothing
// (1.4.0), ACK indicates, NACK is refused. NOTIFY-only: AUTO and NACK
// notify, ACK is refused. Serial commands: "a" stores with AUTO, "s" runs
// the rest; each line shows setValue()'s result.
#include "Particle.h"

SYSTEM_MODE(MANUAL);

namespace {

const char* const SVC = "6E400100-B5A3-F393-E0A9-E50E24DCCA9E";
BleCharacteristic ind;
BleCharacteristic ntf;
BlePeerDevice central;

void onWritten(const uint8_t* data, size_t len, const BlePeerDevice& peer, void*)
{
    Serial.printlnf("rx %.*s %s", (int)len, (const char*)data, peer == central ? "from-central" : "from-unknown");
}

void onConnected(const BlePeerDevice& peer, void*)
{
    central = peer;
    Serial.printlnf("connected %d", (int)BLE.connected());
}

void onDisconnected(const BlePeerDevice& peer, void*)
{
    Serial.printlnf("disconnected %d %d", (int)peer.connected(), (int)BLE.connected());
}

} // namespace

void setup()
{
    Serial.begin(9600);
    ind = BLE.addCharacteristic("ind", BleCharacteristicProperty::READ | BleCharacteristicProperty::INDICATE,
                                "6E400101-B5A3-F393-E0A9-E50E24DCCA9E", SVC);
    ntf = BLE.addCharacteristic("ntf", BleCharacteristicProperty::READ | BleCharacteristicProperty::NOTIFY,
                                "6E400102-B5A3-F393-E0A9-E50E24DCCA9E", SVC);
    BLE.addCharacteristic("wr", BleCharacteristicProperty::WRITE | BleCharacteristicProperty::WRITE_WO_RSP,
                          "6E400103-B5A3-F393-E0A9-E50E24DCCA9E", SVC, onWritten, nullptr);
    BLE.onConnected(onConnected, nullptr);
    BLE.onDisconnected(onDisconnected, nullptr);
    BleAdvertisingData data;
    data.appendLocalName("TxRx");
    Serial.printlnf("ready %d", BLE.advertise(&data));
}

void loop()
{
    int c = Serial.read();
    if (c == 'a') {
        Serial.printlnf("ind auto %d", (int)ind.setValue("auto-0"));
    } else if (c == 's') {
        Serial.printlnf("ind ack %d", (int)ind.setValue("ack-1", BleTxRxType::ACK));
        Serial.printlnf("ind nack %d", (int)ind.setValue("nack-2", BleTxRxType::NACK));
        Serial.printlnf("ntf ack %d", (int)ntf.setValue("ack-3", BleTxRxType::ACK));
        Serial.printlnf("ntf nack %d", (int)ntf.setValue("nack-4", BleTxRxType::NACK));
        Serial.printlnf("ntf auto %d", (int)ntf.setValue("auto-5"));
        Serial.println("sent");
    }
}
