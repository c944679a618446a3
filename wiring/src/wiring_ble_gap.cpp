// vdev wiring: BLE advertising (parameters, data, start/stop) and scanning
// (parameters and the three scan() forms). The HAL scan blocks until its
// timeout (or a stop) and reports each advertising packet in the scanning
// thread.
#include "wiring_ble_impl.h"

namespace particle {

namespace {

void toResult(const hal_ble_scan_result_evt_t* r, BleScanResult& out)
{
    out.address = BleAddress(r->peer_addr);
    out.advertisingData.set(r->adv_data, r->adv_data ? r->adv_data_len : 0);
    out.scanResponse.set(r->sr_data, r->sr_data ? r->sr_data_len : 0);
    out.rssi = r->rssi;
}

struct CallbackScan {
    BleOnScanResultCallback callback;
    void* context;
    int count;
};

void onResultForCallback(const hal_ble_scan_result_evt_t* r, void* context)
{
    CallbackScan* s = static_cast<CallbackScan*>(context);
    if (r == nullptr || s == nullptr) {
        return;
    }
    BleScanResult result;
    toResult(r, result);
    s->count++;
    s->callback(&result, s->context);
}

// The array and Vector forms keep one entry per advertiser (a later report
// updates it; a scan response is kept once seen).
struct CollectScan {
    BleScanResult* array; // or null: into vector
    size_t capacity;
    size_t count;
    Vector<BleScanResult>* vector;
};

void merge(BleScanResult& into, const BleScanResult& from)
{
    into.rssi = from.rssi;
    if (from.advertisingData.length() > 0) {
        into.advertisingData = from.advertisingData;
    }
    if (from.scanResponse.length() > 0) {
        into.scanResponse = from.scanResponse;
    }
}

void onResultCollect(const hal_ble_scan_result_evt_t* r, void* context)
{
    CollectScan* s = static_cast<CollectScan*>(context);
    if (r == nullptr || s == nullptr) {
        return;
    }
    BleScanResult result;
    toResult(r, result);
    if (s->array) {
        for (size_t i = 0; i < s->count; i++) {
            if (s->array[i].address == result.address) {
                merge(s->array[i], result);
                return;
            }
        }
        if (s->count < s->capacity) {
            s->array[s->count++] = result;
        }
        if (s->count >= s->capacity) {
            hal_ble_gap_stop_scan(nullptr);
        }
        return;
    }
    for (BleScanResult& x : *s->vector) {
        if (x.address == result.address) {
            merge(x, result);
            return;
        }
    }
    s->vector->append(result);
    s->count++;
}

} // namespace

/* ------------------------------------------------------------ advertising */

int BleLocalDevice::setAdvertisingInterval(uint16_t interval) const
{
    BleAdvertisingParams p = {};
    int r = getAdvertisingParameters(&p);
    if (r != 0) {
        return r;
    }
    p.interval = interval;
    return setAdvertisingParameters(&p);
}

int BleLocalDevice::setAdvertisingTimeout(uint16_t timeout) const
{
    BleAdvertisingParams p = {};
    int r = getAdvertisingParameters(&p);
    if (r != 0) {
        return r;
    }
    p.timeout = timeout;
    return setAdvertisingParameters(&p);
}

int BleLocalDevice::setAdvertisingType(BleAdvertisingEventType type) const
{
    BleAdvertisingParams p = {};
    int r = getAdvertisingParameters(&p);
    if (r != 0) {
        return r;
    }
    p.type = static_cast<hal_ble_adv_evt_type_t>(type);
    return setAdvertisingParameters(&p);
}

int BleLocalDevice::setAdvertisingParameters(const BleAdvertisingParams* params) const
{
    if (params == nullptr) {
        return hal_ble_gap_set_advertising_parameters(nullptr, nullptr); // the defaults
    }
    BleAdvertisingParams p = *params;
    p.version = BLE_API_VERSION;
    p.size = sizeof(p);
    return hal_ble_gap_set_advertising_parameters(&p, nullptr);
}

int BleLocalDevice::setAdvertisingParameters(uint16_t interval, uint16_t timeout, BleAdvertisingEventType type) const
{
    BleAdvertisingParams p = {};
    int r = getAdvertisingParameters(&p);
    if (r != 0) {
        return r;
    }
    p.interval = interval;
    p.timeout = timeout;
    p.type = static_cast<hal_ble_adv_evt_type_t>(type);
    return setAdvertisingParameters(&p);
}

int BleLocalDevice::getAdvertisingParameters(BleAdvertisingParams* params) const
{
    if (params == nullptr) {
        return SYSTEM_ERROR_INVALID_ARGUMENT;
    }
    params->version = BLE_API_VERSION;
    params->size = sizeof(*params);
    return hal_ble_gap_get_advertising_parameters(params, nullptr);
}

int BleLocalDevice::setAdvertisingData(BleAdvertisingData* advertisingData) const
{
    static const uint8_t none[1] = {0};
    if (advertisingData == nullptr) {
        return hal_ble_gap_set_advertising_data(none, 0, nullptr);
    }
    return hal_ble_gap_set_advertising_data(advertisingData->data(), advertisingData->length(), nullptr);
}

// A scan response carries no FLAGS structure.
int BleLocalDevice::setScanResponseData(BleAdvertisingData* scanResponse) const
{
    static const uint8_t none[1] = {0};
    if (scanResponse == nullptr) {
        return hal_ble_gap_set_scan_response_data(none, 0, nullptr);
    }
    BleAdvertisingData sr = *scanResponse;
    sr.remove(BleAdvertisingDataType::FLAGS);
    return hal_ble_gap_set_scan_response_data(sr.data(), sr.length(), nullptr);
}

// The object takes the length read back (1.4.0 fix #1891).
ssize_t BleLocalDevice::getAdvertisingData(BleAdvertisingData* advertisingData) const
{
    if (advertisingData == nullptr) {
        return SYSTEM_ERROR_INVALID_ARGUMENT;
    }
    advertisingData->resize(BLE_MAX_ADV_DATA_LEN);
    int n = hal_ble_gap_get_advertising_data(advertisingData->data(), BLE_MAX_ADV_DATA_LEN, nullptr);
    advertisingData->resize(n < 0 ? 0 : (size_t)n);
    return n;
}

ssize_t BleLocalDevice::getScanResponseData(BleAdvertisingData* scanResponse) const
{
    if (scanResponse == nullptr) {
        return SYSTEM_ERROR_INVALID_ARGUMENT;
    }
    scanResponse->resize(BLE_MAX_ADV_DATA_LEN);
    int n = hal_ble_gap_get_scan_response_data(scanResponse->data(), BLE_MAX_ADV_DATA_LEN, nullptr);
    scanResponse->resize(n < 0 ? 0 : (size_t)n);
    return n;
}

int BleLocalDevice::advertise() const
{
    return hal_ble_gap_start_advertising(nullptr);
}

int BleLocalDevice::advertise(BleAdvertisingData* advertisingData, BleAdvertisingData* scanResponse) const
{
    int r = setAdvertisingData(advertisingData);
    if (r != 0) {
        return r;
    }
    r = setScanResponseData(scanResponse);
    if (r != 0) {
        return r;
    }
    return advertise();
}

int BleLocalDevice::advertise(const iBeacon& beacon) const
{
    BleAdvertisingData data(beacon);
    if (data.length() == 0) {
        return SYSTEM_ERROR_INVALID_ARGUMENT;
    }
    // a beacon is not connectable: it goes out as a scannable advertisement
    int r = setAdvertisingType(BleAdvertisingEventType::SCANABLE_UNDIRECTED);
    if (r != 0) {
        return r;
    }
    return advertise(&data, nullptr);
}

int BleLocalDevice::stopAdvertising() const
{
    return hal_ble_gap_stop_advertising(nullptr);
}

bool BleLocalDevice::advertising() const
{
    return hal_ble_gap_is_advertising(nullptr);
}

/* --------------------------------------------------------------- scanning */

int BleLocalDevice::setScanTimeout(uint16_t timeout) const
{
    BleScanParams p = {};
    int r = getScanParameters(&p);
    if (r != 0) {
        return r;
    }
    p.timeout = timeout;
    return setScanParameters(&p);
}

int BleLocalDevice::setScanParameters(const BleScanParams* params) const
{
    if (params == nullptr) {
        return SYSTEM_ERROR_INVALID_ARGUMENT;
    }
    if (params->window > params->interval) {
        return SYSTEM_ERROR_INVALID_ARGUMENT;
    }
    BleScanParams p = *params;
    p.version = BLE_API_VERSION;
    p.size = sizeof(p);
    return hal_ble_gap_set_scan_parameters(&p, nullptr);
}

int BleLocalDevice::getScanParameters(BleScanParams* params) const
{
    if (params == nullptr) {
        return SYSTEM_ERROR_INVALID_ARGUMENT;
    }
    params->version = BLE_API_VERSION;
    params->size = sizeof(*params);
    return hal_ble_gap_get_scan_parameters(params, nullptr);
}

int BleLocalDevice::scan(BleOnScanResultCallback callback, void* context) const
{
    if (callback == nullptr) {
        return SYSTEM_ERROR_INVALID_ARGUMENT;
    }
    CallbackScan s = {callback, context, 0};
    int r = hal_ble_gap_start_scan(onResultForCallback, &s, nullptr);
    return r < 0 ? r : s.count;
}

int BleLocalDevice::scan(BleScanResult* results, size_t resultCount) const
{
    if (results == nullptr || resultCount == 0) {
        return SYSTEM_ERROR_INVALID_ARGUMENT;
    }
    CollectScan s = {results, resultCount, 0, nullptr};
    int r = hal_ble_gap_start_scan(onResultCollect, &s, nullptr);
    return r < 0 ? r : (int)s.count;
}

Vector<BleScanResult> BleLocalDevice::scan() const
{
    Vector<BleScanResult> found;
    CollectScan s = {nullptr, 0, 0, &found};
    hal_ble_gap_start_scan(onResultCollect, &s, nullptr);
    return found;
}

int BleLocalDevice::stopScanning() const
{
    return hal_ble_gap_stop_scan(nullptr);
}

} // namespace particle
