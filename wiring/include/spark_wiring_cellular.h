// vdev wiring: class CellularClass and its object `Cellular` (Particle Device
// OS 1.4 API, Boron only: on other platforms nothing here exists, so an app
// that uses Cellular fails to compile for them, as with Device OS), with
// CellularSignal and the modem reply codes of Cellular.command().
//
// - RSSI() returns a CellularSignal: `rssi` in dBm and `qual` (an RSRQ
//   index 0..34), both 0 while not connected; it prints as "rssi,qual".
//   getStrengthValue() is the RSRP in dBm (-140..-44, mapped to 0..100 % by
//   getStrength()); getQualityValue() the RSRQ in dB (-19.5..-3, mapped to
//   0..100 % by getQuality()); without a signal the percentages are -1 and
//   the values 0. The technology is
//   LTE Cat-M1 (SARA-R410M).
// - command() formats an AT command printf-style and sends it to the
//   simulated modem; it returns RESP_OK (-2), RESP_ERROR (-3), WAIT (-1, no
//   answer)... as Device OS. A callback receives each intermediate reply
//   line as "\r\n<line>\r\n" with TYPE_PLUS (lines starting with '+') or
//   TYPE_UNKNOWN; a callback result other than WAIT ends the command and
//   is returned. The timeout argument is accepted (the simulated modem
//   answers at once).
// - setCredentials(apn...) keeps the APN for this run only (the simulated
//   network connects with any APN).
#ifndef SPARK_WIRING_CELLULAR_H
#define SPARK_WIRING_CELLULAR_H

#include "spark_wiring_network.h"

#if Wiring_Cellular || defined(VDEV_WIRING_ALL_NETWORKS)

#include <cstddef>
#include <cstdint>

#include "spark_wiring_ipaddress.h"
#include "spark_wiring_printable.h"

// Cellular.command() results and reply line types (Device OS modem values)
enum {
    NOT_FOUND = 0,
    WAIT = -1,
    RESP_OK = -2,
    RESP_ERROR = -3,
    RESP_PROMPT = -4,
    RESP_ABORTED = -5,

    TYPE_UNKNOWN = 0x000000,
    TYPE_OK = 0x110000,
    TYPE_ERROR = 0x120000,
    TYPE_RING = 0x210000,
    TYPE_CONNECT = 0x220000,
    TYPE_NOCARRIER = 0x230000,
    TYPE_NODIALTONE = 0x240000,
    TYPE_BUSY = 0x250000,
    TYPE_NOANSWER = 0x260000,
    TYPE_PROMPT = 0x300000,
    TYPE_PLUS = 0x400000,
    TYPE_TEXT = 0x500000,
    TYPE_ABORTED = 0x600000,
    TYPE_DBLNEWLINE = 0x700000
};

typedef int (*_CALLBACKPTR_MDM)(int type, const char* buf, int len, void* param);

class CellularSignal : public particle::Signal, public Printable {
public:
    int rssi = 0; // dBm (0: no signal)
    int qual = 0; // RSRQ index 0..34

    CellularSignal() {}
    // from a dBm reading (0 or a positive value: no signal)
    explicit CellularSignal(int rssi_dbm);
    virtual ~CellularSignal() {}

    virtual hal_net_access_tech_t getAccessTechnology() const override;
    virtual float getStrength() const override;
    virtual float getStrengthValue() const override;
    virtual float getQuality() const override;
    virtual float getQualityValue() const override;
    // "rssi,qual"
    virtual size_t printTo(Print& p) const override;

private:
    bool valid() const { return rssi < 0; }
};

class CellularClass : public NetworkClass {
public:
    // 0.0.0.0 while not connected
    IPAddress localIP();
    CellularSignal RSSI();

    bool setCredentials(const char* apn);
    bool setCredentials(const char* username, const char* password);
    bool setCredentials(const char* apn, const char* username, const char* password);
    bool clearCredentials();

    template <typename... Targs>
    int command(const char* format, Targs... Fargs)
    {
        return command_impl(nullptr, nullptr, 10000, format, Fargs...);
    }
    template <typename... Targs>
    int command(system_tick_t timeout_ms, const char* format, Targs... Fargs)
    {
        return command_impl(nullptr, nullptr, timeout_ms, format, Fargs...);
    }
    template <typename T, typename... Targs>
    int command(int (*cb)(int type, const char* buf, int len, T* param), T* param, const char* format,
                Targs... Fargs)
    {
        Callback<T> c = { cb, param };
        return command_impl(&Callback<T>::call, &c, 10000, format, Fargs...);
    }
    template <typename T, typename... Targs>
    int command(int (*cb)(int type, const char* buf, int len, T* param), T* param, system_tick_t timeout_ms,
                const char* format, Targs... Fargs)
    {
        Callback<T> c = { cb, param };
        return command_impl(&Callback<T>::call, &c, timeout_ms, format, Fargs...);
    }

private:
    template <typename T>
    struct Callback {
        int (*cb)(int, const char*, int, T*);
        T* param;
        static int call(int type, const char* buf, int len, void* self)
        {
            Callback* c = static_cast<Callback*>(self);
            return c->cb ? c->cb(type, buf, len, c->param) : WAIT;
        }
    };
    int command_impl(_CALLBACKPTR_MDM cb, void* param, system_tick_t timeout_ms, const char* format, ...);
};

#if Wiring_Cellular
extern CellularClass Cellular;
#endif

#endif // Wiring_Cellular
#endif // SPARK_WIRING_CELLULAR_H
