// The peripheral half of the BLE central/peripheral suite (Device OS's
// two-device BLE tests, as vdev runs them: tests/scenarios/
// ble-central-peripheral.yaml starts this device's run and the central's
// together). It offers the service of common.h with
//   tx  6E400003  NOTIFY | INDICATE       description "tx"
//   rx  6E400002  WRITE_WO_RSP | WRITE    description "rx"
// and advertises the service UUID. The central finds it, connects, writes
// the three strings to rx (AUTO, ACK, NACK); then this device sends them on
// tx (AUTO: notification, ACK: indication, NACK: notification) and waits
// for the central to disconnect. Each wait has a timeout, so a missing
// central fails the tests instead of hanging them.
#include "Particle.h"
#include "unit-test.h"

#include "../common.h"

SYSTEM_MODE(SEMI_AUTOMATIC);

UNIT_TEST_APP();

namespace {

using namespace suite;

Inbox inbox;

void onRxWritten(const uint8_t* data, size_t len, const BlePeerDevice& peer, void* context)
{
    inbox.add(data, len);
}

BleCharacteristic txChar("tx", BleCharacteristicProperty::NOTIFY | BleCharacteristicProperty::INDICATE, TX_UUID,
                         SERVICE_UUID);
BleCharacteristic rxChar("rx", BleCharacteristicProperty::WRITE_WO_RSP | BleCharacteristicProperty::WRITE, RX_UUID,
                         SERVICE_UUID, onRxWritten, nullptr);

const system_tick_t CONNECT_TIMEOUT_MS = 30000;
const system_tick_t RECEIVE_TIMEOUT_MS = 10000;

ssize_t send(int index, BleTxRxType type)
{
    return txChar.setValue(STRINGS[index], type);
}

} // namespace

test(BLE_01_Peripheral_Advertising)
{
    BLE.addCharacteristic(txChar);
    BLE.addCharacteristic(rxChar);
    assertTrue(txChar.valid());
    assertTrue(rxChar.valid());

    BleAdvertisingData data;
    data.appendServiceUUID(SERVICE_UUID);
    assertEqual(BLE.advertise(&data), 0);
    assertTrue(BLE.advertising());
}

test(BLE_02_Peripheral_Connected)
{
    assertTrue(holdsWithin([] { return BLE.connected(); }, CONNECT_TIMEOUT_MS));
}

test(BLE_03_Peripheral_Receives_Write_Auto)
{
    assertEqual(inbox.wait(0, RECEIVE_TIMEOUT_MS), STRINGS[0]);
}

test(BLE_04_Peripheral_Receives_Write_Ack)
{
    assertEqual(inbox.wait(1, RECEIVE_TIMEOUT_MS), STRINGS[1]);
}

test(BLE_05_Peripheral_Receives_Write_Nack)
{
    assertEqual(inbox.wait(2, RECEIVE_TIMEOUT_MS), STRINGS[2]);
}

test(BLE_06_Peripheral_Sends_Auto)
{
    assertTrue(BLE.connected());
    assertEqual(send(0, BleTxRxType::AUTO), (ssize_t)strlen(STRINGS[0]));
}

test(BLE_07_Peripheral_Sends_Ack)
{
    // an indication: returns once the central has confirmed it
    assertEqual(send(1, BleTxRxType::ACK), (ssize_t)strlen(STRINGS[1]));
}

test(BLE_08_Peripheral_Sends_Nack)
{
    assertEqual(send(2, BleTxRxType::NACK), (ssize_t)strlen(STRINGS[2]));
}

test(BLE_09_Peripheral_Central_Disconnects)
{
    assertTrue(holdsWithin([] { return !BLE.connected(); }, RECEIVE_TIMEOUT_MS));
    assertEqual(inbox.count(), 3); // nothing more arrived
}
