// The central half of the BLE central/peripheral suite (see
// ../peripheral/peripheral.cpp). It scans up to 20 times for 1 s for the
// service of common.h, connects with BLE.connect() (automatic discovery and
// subscription), finds tx by its description and rx by its UUID, writes the
// three strings to rx (AUTO: write without response, ACK: write with
// response, NACK: write without response), checks the three strings the
// peripheral sends on tx, and disconnects.
#include "Particle.h"
#include "unit-test.h"

#include "../common.h"

SYSTEM_MODE(SEMI_AUTOMATIC);

UNIT_TEST_APP();

namespace {

using namespace suite;

Inbox inbox;

void onTxData(const uint8_t* data, size_t len, const BlePeerDevice& peer, void* context)
{
    inbox.add(data, len);
}

BleAddress peripheralAddress;
BlePeerDevice peer;
BleCharacteristic peerTx;
BleCharacteristic peerRx;

const int SCAN_ATTEMPTS = 20;
const uint16_t SCAN_TIMEOUT = 100; // 10 ms units: 1 s
const system_tick_t RECEIVE_TIMEOUT_MS = 10000;

bool offersService(const BleScanResult& r)
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

ssize_t write(int index, BleTxRxType type)
{
    return peerRx.setValue(STRINGS[index], type);
}

} // namespace

test(BLE_01_Central_Scan)
{
    BleScanResult results[10];
    bool found = false;
    assertEqual(BLE.setScanTimeout(SCAN_TIMEOUT), 0);
    for (int attempt = 0; attempt < SCAN_ATTEMPTS && !found; attempt++) {
        int count = BLE.scan(results, 10);
        for (int i = 0; i < count && !found; i++) {
            if (offersService(results[i])) {
                peripheralAddress = results[i].address;
                found = true;
            }
        }
    }
    assertTrue(found);
}

test(BLE_02_Central_Connect)
{
    peerTx.onDataReceived(onTxData, nullptr); // kept when the peer's tx is assigned to peerTx
    peer = BLE.connect(peripheralAddress);
    assertTrue(peer.connected());
    assertTrue(BLE.connected());
}

test(BLE_03_Central_Finds_Characteristics)
{
    assertTrue(peer.getCharacteristicByDescription(peerTx, "tx"));
    assertTrue(peer.getCharacteristicByUUID(peerRx, BleUuid(RX_UUID)));
    assertTrue(peerTx.UUID() == TX_UUID);
    assertTrue(peerRx.description() == "rx");
}

test(BLE_04_Central_Writes_Auto)
{
    assertEqual(write(0, BleTxRxType::AUTO), (ssize_t)strlen(STRINGS[0]));
}

test(BLE_05_Central_Writes_Ack)
{
    // a write request: returns once the peripheral has answered
    assertEqual(write(1, BleTxRxType::ACK), (ssize_t)strlen(STRINGS[1]));
}

test(BLE_06_Central_Writes_Nack)
{
    assertEqual(write(2, BleTxRxType::NACK), (ssize_t)strlen(STRINGS[2]));
}

test(BLE_07_Central_Receives_Auto)
{
    assertEqual(inbox.wait(0, RECEIVE_TIMEOUT_MS), STRINGS[0]);
}

test(BLE_08_Central_Receives_Ack)
{
    assertEqual(inbox.wait(1, RECEIVE_TIMEOUT_MS), STRINGS[1]);
}

test(BLE_09_Central_Receives_Nack)
{
    assertEqual(inbox.wait(2, RECEIVE_TIMEOUT_MS), STRINGS[2]);
}

test(BLE_10_Central_Disconnect)
{
    assertEqual(peer.disconnect(), 0);
    assertFalse(peer.connected());
    assertFalse(BLE.connected());
}
