// vdev wiring: class NetworkClass and its object `Network` (Particle Device
// OS 1.4 API): the device's network interface whatever its kind (WiFi on
// Argon/Photon, LTE on Boron). WiFiClass and CellularClass extend it. Also
// the platform switches Wiring_WiFi / Wiring_Cellular and the signal base
// class particle::Signal.
//
// connect() returns at once; the link comes up later in device time (see
// ready(), connecting() and the network_status system event).
#ifndef SPARK_WIRING_NETWORK_H
#define SPARK_WIRING_NETWORK_H

#include <cstddef>
#include <cstdint>

#include "hal_platform.h"
#include "spark_wiring_ipaddress.h"
#include "system_network.h"

#ifndef Wiring_WiFi
#if PLATFORM_ID == PLATFORM_ARGON || PLATFORM_ID == PLATFORM_PHOTON_PRODUCTION
#define Wiring_WiFi 1
#else
#define Wiring_WiFi 0
#endif
#endif

#ifndef Wiring_Cellular
#if PLATFORM_ID == PLATFORM_BORON
#define Wiring_Cellular 1
#else
#define Wiring_Cellular 0
#endif
#endif

#ifndef Wiring_IPv6
#if PLATFORM_ID == PLATFORM_ARGON || PLATFORM_ID == PLATFORM_BORON
#define Wiring_IPv6 1
#else
#define Wiring_IPv6 0
#endif
#endif

// connect() flag: do not enter listening mode when there are no credentials
#ifndef WIFI_CONNECT_SKIP_LISTEN
#define WIFI_CONNECT_SKIP_LISTEN 1
#endif

// the radio access technology of a signal reading
typedef enum {
    NET_ACCESS_TECHNOLOGY_UNKNOWN = 0,
    NET_ACCESS_TECHNOLOGY_NONE = 0,
    NET_ACCESS_TECHNOLOGY_WIFI = 1,
    NET_ACCESS_TECHNOLOGY_GSM = 2,
    NET_ACCESS_TECHNOLOGY_EDGE = 3,
    NET_ACCESS_TECHNOLOGY_UMTS = 4,
    NET_ACCESS_TECHNOLOGY_UTRAN = 4,
    NET_ACCESS_TECHNOLOGY_WCDMA = 4,
    NET_ACCESS_TECHNOLOGY_CDMA = 5,
    NET_ACCESS_TECHNOLOGY_LTE = 6,
    NET_ACCESS_TECHNOLOGY_IEEE802154 = 7,
    NET_ACCESS_TECHNOLOGY_LTE_CAT_M1 = 8,
    NET_ACCESS_TECHNOLOGY_LTE_CAT_NB1 = 9
} hal_net_access_tech_t;

namespace particle {

// A signal reading: strength and quality as percentages (0..100; -1 when
// there is no signal) and as raw values (dBm / dB; 0 when there is none).
class Signal {
public:
    virtual ~Signal() {}
    virtual hal_net_access_tech_t getAccessTechnology() const = 0;
    virtual float getStrength() const = 0;
    virtual float getStrengthValue() const = 0;
    virtual float getQuality() const = 0;
    virtual float getQualityValue() const = 0;
};

} // namespace particle

class NetworkClass {
public:
    // radio power (returns at once)
    void on();
    void off();
    // start connecting; returns at once. Without credentials (WiFi) the
    // device enters listening mode, unless flags has WIFI_CONNECT_SKIP_LISTEN
    void connect(unsigned flags = 0);
    void disconnect();
    bool connecting();
    // true when the interface has an address
    bool ready();

    // listening mode (docs/listening.md): listen() enters it, listen(false)
    // leaves it; listening() is true from the request to its end. Single
    // threaded, the app stops until it ends. The timeout (seconds, 0: none)
    // exists on the Photon; on Gen 3 Device OS 1.4 ignores it (reads 0).
    void listen(bool begin = true);
    bool listening();
    void setListenTimeout(uint16_t timeout);
    uint16_t getListenTimeout();

    // 0.0.0.0 while not connected
    IPAddress localIP();
    // the name's address (IPv4 preferred), 0.0.0.0 when it cannot be resolved
    IPAddress resolve(const char* name);

    // the interface object for nif (vdev has one interface: Network)
    static NetworkClass& from(network_interface_t nif);
};

extern NetworkClass Network;

#endif // SPARK_WIRING_NETWORK_H
