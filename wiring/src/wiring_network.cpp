// vdev wiring: Network, WiFi and Cellular over the system network layer
// (system_network.h). The library holds every class and object; the headers
// declare WiFi and Cellular only on the platforms that have them.
#define VDEV_WIRING_ALL_NETWORKS 1

#include "spark_wiring_cellular.h"
#include "spark_wiring_network.h"
#include "spark_wiring_wifi.h"

#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <new>

#include "deviceid_hal.h"
#include "system_listen.h"
#include "spark_wiring_print.h"
#include "spark_wiring_string.h"
#include "spark_wiring_tcpclient.h"

NetworkClass Network;
WiFiClass WiFi;
CellularClass Cellular;

namespace {

// the interface's configuration; false (and zeros) while it has no address
bool get_config(vdev_net_config* cfg)
{
    std::memset(cfg, 0, sizeof(*cfg));
    return network_config(cfg) == 0;
}

IPAddress config_ip(const vdev_ip vdev_net_config::*field)
{
    vdev_net_config cfg;
    if (!get_config(&cfg))
        return IPAddress();
    return IPAddress(cfg.*field);
}

float clampf(float v, float lo, float hi) { return v < lo ? lo : (v > hi ? hi : v); }

void copy_str(char* dst, size_t size, const char* src, size_t len)
{
    if (len >= size)
        len = size - 1;
    if (src)
        std::memcpy(dst, src, len);
    else
        len = 0;
    dst[len] = 0;
}

void to_access_point(const vdev_ap_info& in, WiFiAccessPoint* out)
{
    *out = WiFiAccessPoint();
    copy_str(out->ssid, sizeof(out->ssid), in.ssid, strnlen(in.ssid, sizeof(in.ssid)));
    out->ssidLength = static_cast<uint8_t>(std::strlen(out->ssid));
    std::memcpy(out->bssid, in.bssid, sizeof(out->bssid));
    out->security = in.security;
    out->cipher = in.cipher;
    out->channel = static_cast<uint8_t>(in.channel);
    out->rssi = in.rssi;
}

char wifi_hostname[64]; // empty: the device ID
char cellular_apn[64];
char cellular_user[64];
char cellular_password[64];

} // namespace

// ---- Network ----

void NetworkClass::on() { network_on(); }
void NetworkClass::off() { network_off(); }
void NetworkClass::connect(unsigned flags)
{
    network_connect_flags((flags & WIFI_CONNECT_SKIP_LISTEN) ? NETWORK_CONNECT_SKIP_LISTEN : 0u);
}
void NetworkClass::disconnect() { network_disconnect(); }
bool NetworkClass::connecting() { return network_connecting(); }
bool NetworkClass::ready() { return network_ready(); }

void NetworkClass::listen(bool begin) { vdev_listen_request(begin, "api"); }
bool NetworkClass::listening() { return vdev_listening(); }
void NetworkClass::setListenTimeout(uint16_t timeout) { vdev_listen_set_timeout(timeout); }
uint16_t NetworkClass::getListenTimeout() { return (uint16_t)vdev_listen_timeout(); }

IPAddress NetworkClass::localIP() { return config_ip(&vdev_net_config::local); }
IPAddress NetworkClass::resolve(const char* name) { return vdev_net_detail::resolve(name); }
NetworkClass& NetworkClass::from(network_interface_t nif)
{
    (void)nif;
    return Network;
}

// ---- WiFiSignal ----

WiFiSignal::WiFiSignal(int rssi_dbm)
{
    rssi = rssi_dbm;
    qual = rssi_dbm < 0 ? (rssi_dbm + 95 > 0 ? rssi_dbm + 95 : 0) : 0;
}

hal_net_access_tech_t WiFiSignal::getAccessTechnology() const
{
    return rssi < 0 ? NET_ACCESS_TECHNOLOGY_WIFI : NET_ACCESS_TECHNOLOGY_NONE;
}
float WiFiSignal::getStrength() const
{
    return rssi < 0 ? clampf((rssi + 90) * 100.0f / 60.0f, 0.0f, 100.0f) : -1.0f;
}
float WiFiSignal::getStrengthValue() const { return rssi < 0 ? static_cast<float>(rssi) : 0.0f; }
float WiFiSignal::getQuality() const { return rssi < 0 ? clampf(qual * 100.0f / 40.0f, 0.0f, 100.0f) : -1.0f; }
float WiFiSignal::getQualityValue() const { return rssi < 0 ? static_cast<float>(qual) : 0.0f; }
size_t WiFiSignal::printTo(Print& p) const { return p.print(static_cast<int>(static_cast<int8_t>(rssi))); }

// ---- WiFiCredentials ----

WiFiCredentials::WiFiCredentials(SecurityType security)
    : ssid_(), password_(), security_(security), cipher_(WLAN_CIPHER_NOT_SET), channel_(0),
      eap_(WLAN_EAP_TYPE_NONE), tooLong_(false)
{
}

WiFiCredentials::WiFiCredentials(const char* ssid, SecurityType security) : WiFiCredentials(security)
{
    setSsid(ssid);
}

WiFiCredentials& WiFiCredentials::setSsid(const char* ssid)
{
    const size_t n = ssid ? std::strlen(ssid) : 0;
    tooLong_ = tooLong_ || n >= sizeof(ssid_);
    copy_str(ssid_, sizeof(ssid_), ssid, n);
    return *this;
}
WiFiCredentials& WiFiCredentials::setSecurity(SecurityType security)
{
    security_ = security;
    return *this;
}
WiFiCredentials& WiFiCredentials::setCipher(WLanSecurityCipher cipher)
{
    cipher_ = cipher;
    return *this;
}
WiFiCredentials& WiFiCredentials::setPassword(const char* password)
{
    const size_t n = password ? std::strlen(password) : 0;
    tooLong_ = tooLong_ || n >= sizeof(password_);
    copy_str(password_, sizeof(password_), password, n);
    return *this;
}
WiFiCredentials& WiFiCredentials::setChannel(int channel)
{
    channel_ = channel;
    return *this;
}
WiFiCredentials& WiFiCredentials::setOuterIdentity(const char*) { return *this; }
WiFiCredentials& WiFiCredentials::setIdentity(const char*) { return *this; }
WiFiCredentials& WiFiCredentials::setPrivateKey(const char*) { return *this; }
WiFiCredentials& WiFiCredentials::setPrivateKey(const uint8_t*, size_t) { return *this; }
WiFiCredentials& WiFiCredentials::setClientCertificate(const char*) { return *this; }
WiFiCredentials& WiFiCredentials::setClientCertificate(const uint8_t*, size_t) { return *this; }
WiFiCredentials& WiFiCredentials::setRootCertificate(const char*) { return *this; }
WiFiCredentials& WiFiCredentials::setRootCertificate(const uint8_t*, size_t) { return *this; }
WiFiCredentials& WiFiCredentials::setEapType(WLanEapType type)
{
    eap_ = type;
    return *this;
}

// ---- WiFi ----

uint8_t* WiFiClass::macAddress(uint8_t* mac)
{
    if (!mac)
        return mac;
    vdev_net_config cfg;
    get_config(&cfg); // the MAC is known even while not connected
    std::memcpy(mac, cfg.mac, sizeof(cfg.mac));
    return mac;
}

IPAddress WiFiClass::localIP() { return config_ip(&vdev_net_config::local); }
IPAddress WiFiClass::subnetMask() { return config_ip(&vdev_net_config::netmask); }
IPAddress WiFiClass::gatewayIP() { return config_ip(&vdev_net_config::gateway); }
IPAddress WiFiClass::dnsServerIP() { return config_ip(&vdev_net_config::dns); }
// the simulated network's DHCP server is its gateway
IPAddress WiFiClass::dhcpServerIP() { return config_ip(&vdev_net_config::gateway); }

uint8_t* WiFiClass::BSSID(uint8_t* bssid)
{
    if (!bssid)
        return bssid;
    vdev_net_config cfg;
    if (get_config(&cfg))
        std::memcpy(bssid, cfg.bssid, sizeof(cfg.bssid));
    else
        std::memset(bssid, 0, 6);
    return bssid;
}

const char* WiFiClass::SSID()
{
    static char ssid[33];
    vdev_net_config cfg;
    if (get_config(&cfg))
        copy_str(ssid, sizeof(ssid), cfg.ssid, strnlen(cfg.ssid, sizeof(cfg.ssid)));
    else
        ssid[0] = 0;
    return ssid;
}

WiFiSignal WiFiClass::RSSI()
{
    const int dbm = network_ready() ? network_rssi() : 2;
    return WiFiSignal(dbm < -127 ? -127 : dbm == 0 ? 2 : dbm);
}

int WiFiClass::ping(IPAddress remoteIP, uint8_t nTries)
{
    if (!remoteIP || nTries == 0)
        return 0;
    const vdev_ip ip = remoteIP.to_vdev_ip();
    const int n = network_ping(&ip, nTries);
    return n > 0 ? n : 0;
}

bool WiFiClass::setCredentials(const char* ssid) { return setCredentials(ssid, "", WLAN_SEC_UNSEC); }

bool WiFiClass::setCredentials(const char* ssid, const char* password)
{
    return setCredentials(ssid, password, WLAN_SEC_WPA2);
}

bool WiFiClass::setCredentials(const char* ssid, const char* password, unsigned long security, unsigned long cipher)
{
    return setCredentials(ssid, ssid ? std::strlen(ssid) : 0, password, password ? std::strlen(password) : 0,
                          security, cipher);
}

bool WiFiClass::setCredentials(const char* ssid, unsigned int ssidLen, const char* password,
                               unsigned int passwordLen, unsigned long security, unsigned long cipher)
{
    vdev_credentials c;
    std::memset(&c, 0, sizeof(c));
    if (!ssid || ssidLen == 0 || ssidLen >= sizeof(c.ssid) || passwordLen >= sizeof(c.password))
        return false;
    copy_str(c.ssid, sizeof(c.ssid), ssid, ssidLen);
    copy_str(c.password, sizeof(c.password), password, password ? passwordLen : 0);
    c.security = static_cast<int>(security);
    c.cipher = static_cast<int>(cipher);
    return network_set_credentials(&c) == 0;
}

bool WiFiClass::setCredentials(const WiFiCredentials& credentials)
{
    if (credentials.tooLong_)
        return false;
    return setCredentials(credentials.ssid_, credentials.password_, credentials.security_, credentials.cipher_);
}

bool WiFiClass::hasCredentials() { return network_has_credentials(); }
bool WiFiClass::clearCredentials() { return network_clear_credentials() == 0; }

int WiFiClass::getCredentials(WiFiAccessPoint* results, size_t result_count)
{
    if (!results || result_count == 0)
        return 0;
    vdev_credentials* creds = new (std::nothrow) vdev_credentials[result_count];
    if (!creds)
        return SYSTEM_ERROR_NO_MEMORY;
    std::memset(creds, 0, sizeof(*creds) * result_count);
    int n = network_get_credentials(creds, static_cast<int>(result_count));
    if (n > static_cast<int>(result_count))
        n = static_cast<int>(result_count);
    for (int i = 0; i < n; i++) {
        results[i] = WiFiAccessPoint();
        copy_str(results[i].ssid, sizeof(results[i].ssid), creds[i].ssid, strnlen(creds[i].ssid, sizeof(creds[i].ssid)));
        results[i].ssidLength = static_cast<uint8_t>(std::strlen(results[i].ssid));
        results[i].security = creds[i].security;
        results[i].cipher = creds[i].cipher;
    }
    delete[] creds;
    return n;
}

int WiFiClass::scan(WiFiAccessPoint* results, size_t result_count)
{
    if (!results || result_count == 0)
        return 0;
    vdev_ap_info* aps = new (std::nothrow) vdev_ap_info[result_count];
    if (!aps)
        return SYSTEM_ERROR_NO_MEMORY;
    std::memset(aps, 0, sizeof(*aps) * result_count);
    int n = network_scan(aps, static_cast<int>(result_count));
    if (n > static_cast<int>(result_count))
        n = static_cast<int>(result_count);
    for (int i = 0; i < n; i++)
        to_access_point(aps[i], &results[i]);
    delete[] aps;
    return n;
}

int WiFiClass::scan(wlan_scan_result_t callback, void* cookie)
{
    const int max = 64;
    vdev_ap_info* aps = new (std::nothrow) vdev_ap_info[max];
    if (!aps)
        return SYSTEM_ERROR_NO_MEMORY;
    std::memset(aps, 0, sizeof(*aps) * max);
    int n = network_scan(aps, max);
    if (n > max)
        n = max;
    for (int i = 0; i < n && callback; i++) {
        WiFiAccessPoint ap;
        to_access_point(aps[i], &ap);
        callback(&ap, cookie);
    }
    delete[] aps;
    return n;
}

int WiFiClass::setHostname(const char* hostname)
{
    copy_str(wifi_hostname, sizeof(wifi_hostname), hostname, hostname ? std::strlen(hostname) : 0);
    return 0;
}

String WiFiClass::hostname()
{
    if (wifi_hostname[0])
        return String(wifi_hostname);
    uint8_t id[12];
    HAL_device_ID(id, sizeof(id));
    char hex[25];
    for (int i = 0; i < 12; i++)
        std::snprintf(hex + 2 * i, 3, "%02x", id[i]);
    return String(hex);
}

void WiFiClass::setStaticIP(const IPAddress&, const IPAddress&, const IPAddress&, const IPAddress&) {}
void WiFiClass::useStaticIP() {}
void WiFiClass::useDynamicIP() {}
int WiFiClass::selectAntenna(WLanSelectAntenna_TypeDef antenna)
{
    (void)antenna;
    return 0;
}

// ---- CellularSignal ----

CellularSignal::CellularSignal(int rssi_dbm)
{
    if (rssi_dbm >= 0) {
        rssi = qual = 0;
        return;
    }
    rssi = rssi_dbm;
    qual = static_cast<int>((getQualityValue() + 19.5f) * 2.0f + 0.5f);
}

hal_net_access_tech_t CellularSignal::getAccessTechnology() const
{
    return valid() ? NET_ACCESS_TECHNOLOGY_LTE_CAT_M1 : NET_ACCESS_TECHNOLOGY_NONE;
}
float CellularSignal::getStrengthValue() const
{
    return valid() ? clampf(static_cast<float>(rssi), -140.0f, -44.0f) : 0.0f;
}
float CellularSignal::getStrength() const
{
    return valid() ? (getStrengthValue() + 140.0f) * 100.0f / 96.0f : -1.0f;
}
// the simulated cell's RSRQ follows its strength
float CellularSignal::getQualityValue() const { return valid() ? -19.5f + 16.5f * getStrength() / 100.0f : 0.0f; }
float CellularSignal::getQuality() const
{
    return valid() ? (getQualityValue() + 19.5f) * 100.0f / 16.5f : -1.0f;
}
size_t CellularSignal::printTo(Print& p) const
{
    size_t n = p.print(rssi);
    n += p.print(',');
    n += p.print(qual);
    return n;
}

// ---- Cellular ----

IPAddress CellularClass::localIP() { return config_ip(&vdev_net_config::local); }

CellularSignal CellularClass::RSSI()
{
    if (!network_ready())
        return CellularSignal();
    const int dbm = network_rssi();
    return CellularSignal(dbm < -140 ? -140 : dbm);
}

bool CellularClass::setCredentials(const char* apn) { return setCredentials(apn, "", ""); }

bool CellularClass::setCredentials(const char* username, const char* password)
{
    return setCredentials("", username, password);
}

bool CellularClass::setCredentials(const char* apn, const char* username, const char* password)
{
    copy_str(cellular_apn, sizeof(cellular_apn), apn, apn ? std::strlen(apn) : 0);
    copy_str(cellular_user, sizeof(cellular_user), username, username ? std::strlen(username) : 0);
    copy_str(cellular_password, sizeof(cellular_password), password, password ? std::strlen(password) : 0);
    return true;
}

bool CellularClass::clearCredentials() { return setCredentials("", "", ""); }

int CellularClass::command_impl(_CALLBACKPTR_MDM cb, void* param, system_tick_t timeout_ms, const char* format, ...)
{
    (void)timeout_ms; // the simulated modem answers at once
    if (!format)
        return RESP_ERROR;
    char cmd[512];
    va_list args;
    va_start(args, format);
    const int len = std::vsnprintf(cmd, sizeof(cmd), format, args);
    va_end(args);
    if (len < 0 || len >= static_cast<int>(sizeof(cmd)))
        return RESP_ERROR;
    // the app ends its command with "\r\n"; the modem layer takes the bare command
    size_t n = static_cast<size_t>(len);
    while (n > 0 && (cmd[n - 1] == '\r' || cmd[n - 1] == '\n'))
        cmd[--n] = 0;
    char reply[1024];
    reply[0] = 0;
    const int rc = network_cellular_command(cmd, reply, sizeof(reply));
    reply[sizeof(reply) - 1] = 0;
    if (!cb)
        return rc;
    // hand each intermediate reply line to the callback, as the modem parser does
    const char* p = reply;
    while (*p) {
        const size_t ll = std::strcspn(p, "\r\n");
        if (ll > 0) {
            const bool final_line = (ll == 2 && std::strncmp(p, "OK", 2) == 0) ||
                                    (ll == 5 && std::strncmp(p, "ERROR", 5) == 0) ||
                                    std::strncmp(p, "+CME ERROR", 10) == 0 || std::strncmp(p, "+CMS ERROR", 10) == 0;
            if (!final_line) {
                char line[sizeof(reply) + 4];
                const int n2 = std::snprintf(line, sizeof(line), "\r\n%.*s\r\n", static_cast<int>(ll), p);
                const int type = p[0] == '+' ? TYPE_PLUS : TYPE_UNKNOWN;
                const int r = cb(type, line, n2, param);
                if (r != WAIT)
                    return r;
            }
        }
        p += ll;
        while (*p == '\r' || *p == '\n')
            p++;
    }
    return rc;
}
