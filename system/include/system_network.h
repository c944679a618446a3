/* system/include/system_network.h - the network interface as the system
 * manages it (WiFi on Argon/Photon, LTE on Boron): power, connecting (the
 * link comes up after a simulated delay in device time), credentials, the
 * interface's addresses, scans, and `network_status` system events. The
 * wiring classes WiFi, Cellular and Network call these. */
#ifndef VDEV_SYSTEM_NETWORK_H
#define VDEV_SYSTEM_NETWORK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* network_status event data: Device OS's values (network_status_* in the
 * wiring: 2..5 and 8..11) */
typedef enum {
    NETWORK_STATUS_POWERING_OFF = 2,
    NETWORK_STATUS_OFF = 3,
    NETWORK_STATUS_POWERING_ON = 4,
    NETWORK_STATUS_ON = 5,
    NETWORK_STATUS_CONNECTING = 8,
    NETWORK_STATUS_CONNECTED = 9,
    NETWORK_STATUS_DISCONNECTING = 10,
    NETWORK_STATUS_DISCONNECTED = 11
} vdev_network_status;

/* An address as the wiring IPAddress holds it: version 4 or 6, network byte
 * order bytes (4 or 16 used). */
typedef struct {
    uint8_t version; /* 0: none */
    uint8_t bytes[16];
} vdev_ip;

typedef struct {
    vdev_ip local, gateway, netmask, dns;
    uint8_t mac[6];
    uint8_t bssid[6];
    char ssid[33];
} vdev_net_config;

typedef struct {
    char ssid[33];
    uint8_t bssid[6];
    int security;   /* WLAN_SEC_* */
    int cipher;     /* WLAN_CIPHER_* */
    int channel;
    int rssi;       /* dBm */
} vdev_ap_info;

typedef struct {
    char ssid[33];
    char password[65];
    int security, cipher;
} vdev_credentials;

#define WLAN_SEC_UNSEC 0
#define WLAN_SEC_WEP 1
#define WLAN_SEC_WPA 2
#define WLAN_SEC_WPA2 3
#define WLAN_SEC_WPA_ENTERPRISE 4
#define WLAN_SEC_WPA2_ENTERPRISE 5
#define WLAN_SEC_NOT_SET 0xFF
#define WLAN_CIPHER_NOT_SET 0
#define WLAN_CIPHER_AES 1
#define WLAN_CIPHER_TKIP 2
#define WLAN_CIPHER_AES_TKIP 3

bool network_has_wifi(void);
bool network_has_cellular(void);
void network_on(void);
void network_off(void);
bool network_is_on(void);
/* Start connecting; returns at once (the link comes up later). Without
 * credentials (WiFi) the device enters listening mode, unless the flags
 * have NETWORK_CONNECT_SKIP_LISTEN (WiFi.connect(WIFI_CONNECT_SKIP_LISTEN)). */
void network_connect(void);
#define NETWORK_CONNECT_SKIP_LISTEN 1u
void network_connect_flags(unsigned flags);
void network_disconnect(void);
bool network_connecting(void);
bool network_ready(void);
/* 0, or a negative system error when the interface has no address */
int network_config(vdev_net_config *out);
int network_rssi(void);             /* dBm, or 2 when not connected (Device OS: error codes > 0) */
int network_scan(vdev_ap_info *out, int max);
int network_ping(const vdev_ip *ip, int count);
/* credentials (WiFi): persisted in the device's state */
int network_set_credentials(const vdev_credentials *c);
bool network_has_credentials(void);
int network_clear_credentials(void);
int network_get_credentials(vdev_credentials *out, int max);
/* The simulator's side: set up the interface (delay 0: the platform's own,
 * 2 s for WiFi, 10 s for LTE), and the link fault from outside. */
void vdev_network_init(uint64_t seed, uint64_t connect_delay_us);
void vdev_network_fault_link(bool down);
/* A new DCT: store the simulated access point, as if the device had been
 * set up (WiFi platforms). */
void vdev_network_provision(void);

/* Cellular: one AT command; the reply text (a documented small set). */
int network_cellular_command(const char *cmd, char *reply, size_t len);

#ifdef __cplusplus
}
#endif
#endif
