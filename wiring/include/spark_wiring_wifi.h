// vdev wiring: class WiFiClass and its object `WiFi` (Particle Device OS 1.4
// API, Argon and Photon only: on other platforms nothing here exists, so an
// app that uses WiFi fails to compile for them, as with Device OS), with
// WiFiAccessPoint, WiFiCredentials, WiFiSignal and SecurityType.
//
// - RSSI() returns a WiFiSignal that converts to int8_t: the signal in dBm
//   (-127..-1), or a positive error (2: not connected). Printing it prints
//   that number. getStrength(): -90..-30 dBm mapped to 0..100 %;
//   getQualityValue(): SNR in dB over a -95 dBm noise floor, getQuality():
//   0..40 dB mapped to 0..100 %. Without a signal the percentages are -1
//   and the values 0.
// - setCredentials() returns false for an SSID that is empty or longer than
//   32 bytes, or a password longer than 64; setCredentials(ssid, password)
//   means WPA2.
// - setStaticIP()/useStaticIP()/useDynamicIP()/selectAntenna() are accepted
//   and have no effect (the simulated network always assigns the address).
#ifndef SPARK_WIRING_WIFI_H
#define SPARK_WIRING_WIFI_H

#include "spark_wiring_network.h"

#if Wiring_WiFi || defined(VDEV_WIRING_ALL_NETWORKS)

#include <cstddef>
#include <cstdint>

#include "spark_wiring_ipaddress.h"
#include "spark_wiring_printable.h"
#include "spark_wiring_string.h"

typedef int WLanSecurityType;   // WLAN_SEC_* (system_network.h)
typedef int WLanSecurityCipher; // WLAN_CIPHER_*

enum SecurityType {
    UNSEC = WLAN_SEC_UNSEC,
    WEP = WLAN_SEC_WEP,
    WPA = WLAN_SEC_WPA,
    WPA2 = WLAN_SEC_WPA2,
    WPA_ENTERPRISE = WLAN_SEC_WPA_ENTERPRISE,
    WPA2_ENTERPRISE = WLAN_SEC_WPA2_ENTERPRISE
};

typedef enum { WLAN_EAP_TYPE_NONE = 0, WLAN_EAP_TYPE_TLS = 13, WLAN_EAP_TYPE_PEAP = 25 } WLanEapType;

typedef enum { ANT_INTERNAL = 0, ANT_EXTERNAL = 1, ANT_AUTO = 3, ANT_NONE = 0xFF } WLanSelectAntenna_TypeDef;

struct WiFiAccessPoint {
    size_t size;
    char ssid[33];
    uint8_t ssidLength;
    uint8_t bssid[6];
    WLanSecurityType security;
    WLanSecurityCipher cipher;
    uint8_t channel;
    int maxDataRate; // bits/s (0: unknown)
    int rssi;        // dBm (scan results)

    WiFiAccessPoint()
        : size(sizeof(WiFiAccessPoint)), ssid(), ssidLength(0), bssid(), security(WLAN_SEC_UNSEC),
          cipher(WLAN_CIPHER_NOT_SET), channel(0), maxDataRate(0), rssi(0)
    {
    }
};

typedef void (*wlan_scan_result_t)(WiFiAccessPoint* ap, void* cookie);

class WiFiCredentials {
public:
    WiFiCredentials(SecurityType security = UNSEC);
    WiFiCredentials(const char* ssid, SecurityType security = UNSEC);

    WiFiCredentials& setSsid(const char* ssid);
    WiFiCredentials& setSecurity(SecurityType security);
    WiFiCredentials& setCipher(WLanSecurityCipher cipher);
    WiFiCredentials& setPassword(const char* password);
    WiFiCredentials& setChannel(int channel);
    // WPA Enterprise settings: accepted, not used by the simulated network
    WiFiCredentials& setOuterIdentity(const char* identity);
    WiFiCredentials& setIdentity(const char* identity);
    WiFiCredentials& setPrivateKey(const char* key);
    WiFiCredentials& setPrivateKey(const uint8_t* key, size_t size);
    WiFiCredentials& setClientCertificate(const char* cert);
    WiFiCredentials& setClientCertificate(const uint8_t* cert, size_t size);
    WiFiCredentials& setRootCertificate(const char* cert);
    WiFiCredentials& setRootCertificate(const uint8_t* cert, size_t size);
    WiFiCredentials& setEapType(WLanEapType type);

    const char* getSsid() const { return ssid_; }
    const char* getPassword() const { return password_; }
    SecurityType getSecurity() const { return security_; }
    WLanSecurityCipher getCipher() const { return cipher_; }
    int getChannel() const { return channel_; }
    WLanEapType getEapType() const { return eap_; }

private:
    char ssid_[33];
    char password_[65];
    SecurityType security_;
    WLanSecurityCipher cipher_;
    int channel_;
    WLanEapType eap_;
    bool tooLong_; // an ssid or password did not fit: setCredentials() fails

    friend class WiFiClass;
};

class WiFiSignal : public particle::Signal, public Printable {
public:
    int rssi = 2; // dBm, or a positive error
    int qual = 0; // SNR in dB

    WiFiSignal() {}
    // from a dBm reading (positive values are errors)
    explicit WiFiSignal(int rssi_dbm);
    virtual ~WiFiSignal() {}

    operator int8_t() const { return static_cast<int8_t>(rssi); }

    virtual hal_net_access_tech_t getAccessTechnology() const override;
    virtual float getStrength() const override;
    virtual float getStrengthValue() const override;
    virtual float getQuality() const override;
    virtual float getQualityValue() const override;
    // prints the dBm value (or the error), as the int8_t conversion gives it
    virtual size_t printTo(Print& p) const override;
};

class WiFiClass : public NetworkClass {
public:
    // the interface's MAC address (6 bytes); returns mac
    uint8_t* macAddress(uint8_t* mac);
    // 0.0.0.0 while not connected
    IPAddress localIP();
    IPAddress subnetMask();
    IPAddress gatewayIP();
    IPAddress dnsServerIP();
    IPAddress dhcpServerIP();
    // the access point's MAC (6 bytes; zeros while not connected); returns bssid
    uint8_t* BSSID(uint8_t* bssid);
    // the network's name ("" while not connected)
    const char* SSID();
    WiFiSignal RSSI();
    // ICMP echo: the number of replies out of nTries
    int ping(IPAddress remoteIP, uint8_t nTries = 5);

    bool setCredentials(const char* ssid);
    bool setCredentials(const char* ssid, const char* password);
    bool setCredentials(const char* ssid, const char* password, unsigned long security,
                        unsigned long cipher = WLAN_CIPHER_NOT_SET);
    bool setCredentials(const char* ssid, unsigned int ssidLen, const char* password, unsigned int passwordLen,
                        unsigned long security = WLAN_SEC_UNSEC, unsigned long cipher = WLAN_CIPHER_NOT_SET);
    bool setCredentials(const WiFiCredentials& credentials);
    bool hasCredentials();
    bool clearCredentials();
    // the stored networks (no passwords); returns how many were written
    int getCredentials(WiFiAccessPoint* results, size_t result_count);

    // access points in range; returns how many were written/reported, or a
    // negative error
    int scan(WiFiAccessPoint* results, size_t result_count);
    int scan(wlan_scan_result_t callback, void* cookie = NULL);
    template <typename T>
    int scan(void (*handler)(WiFiAccessPoint* ap, T* instance), T* instance)
    {
        struct Ctx {
            void (*handler)(WiFiAccessPoint*, T*);
            T* instance;
        } ctx = { handler, instance };
        return scan([](WiFiAccessPoint* ap, void* c) {
            Ctx* x = static_cast<Ctx*>(c);
            x->handler(ap, x->instance);
        }, static_cast<void*>(&ctx));
    }

    // the name the device gives DHCP (default, and after setHostname(NULL):
    // the device ID); 0 on success
    int setHostname(const char* hostname);
    int setHostname(const String& hostname) { return setHostname(hostname.c_str()); }
    String hostname();

    void setStaticIP(const IPAddress& host, const IPAddress& netmask, const IPAddress& gateway,
                     const IPAddress& dns);
    void useStaticIP();
    void useDynamicIP();
    int selectAntenna(WLanSelectAntenna_TypeDef antenna);
};

#if Wiring_WiFi
extern WiFiClass WiFi;
#endif

#endif // Wiring_WiFi
#endif // SPARK_WIRING_WIFI_H
