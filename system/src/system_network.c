/* system/src/system_network.c - the network interface as the system runs it
 * (WiFi on Argon/Photon, LTE on Boron): power, connecting with a delay in
 * device time (a software timer), link faults seen the way a device sees
 * them (disconnected, then it tries again), credentials (kept in the
 * DCT, so they survive resets and runs; a new device is set up with one
 * simulated network), addresses, scans, ping, a few AT commands, and
 * `network_status` system events. */
#include "../include/system_cloud.h"
#include "../include/system_event.h"
#include "../include/system_led.h"
#include "../include/system_listen.h"
#include "../include/system_network.h"

#include "../../hal-posix/include/concurrent_hal.h"
#include "../../hal-posix/include/dct_hal.h"
#include "../../hal-posix/include/hal_platform.h"
#include "../../net/net.h"
#include "../../sim/events.h"
#include "../../sim/platform.h"

#include <stdio.h>
#include <string.h>

#define MAX_CREDENTIALS 5

static struct {
    bool on, wanted;
    os_timer_t timer;
    uint64_t delay_ms;
    vdev_credentials creds[MAX_CREDENTIALS];
    int ncreds;
    bool in_dct;            /* the credentials live in the DCT (a flash is open) */
    vdev_system_event_cb cb;
} NW = { .ncreds = -1 };

void vdev_system_set_event_callback(vdev_system_event_cb cb) { NW.cb = cb; }

void system_notify_event(uint64_t event, int data, void *pointer)
{
    if (NW.cb)
        NW.cb(event, data, pointer);
}

static void status(vdev_network_status st)
{
    static const char *const names[] = { [NETWORK_STATUS_POWERING_OFF] = "powering-off",
                                         [NETWORK_STATUS_OFF] = "off",
                                         [NETWORK_STATUS_POWERING_ON] = "powering-on",
                                         [NETWORK_STATUS_ON] = "on",
                                         [NETWORK_STATUS_CONNECTING] = "connecting",
                                         [NETWORK_STATUS_CONNECTED] = "connected",
                                         [NETWORK_STATUS_DISCONNECTING] = "disconnecting",
                                         [NETWORK_STATUS_DISCONNECTED] = "disconnected" };
    vdev_event("network", "{s:s,s:s}", "status", names[st],
               "interface", vdev_platform_current()->cellular ? "cellular" : "wifi");
    system_notify_event(VDEV_SYSTEM_EVENT_NETWORK_STATUS, st, NULL);
    vdev_led_network_status(st);
    vdev_cloud_network_changed(); /* the cloud session follows the network */
}

bool network_has_wifi(void) { return vdev_platform_current()->wifi; }
bool network_has_cellular(void) { return vdev_platform_current()->cellular; }

/* The simulated access point, as if the device had been set up. */
static vdev_credentials default_network(void)
{
    vdev_credentials c = { .security = WLAN_SEC_WPA2, .cipher = WLAN_CIPHER_AES };
    snprintf(c.ssid, sizeof(c.ssid), "vdev");
    snprintf(c.password, sizeof(c.password), "simulated");
    return c;
}

static void to_dct(const vdev_credentials *c, struct dct_wifi_credentials *d)
{
    memset(d, 0, sizeof(*d));
    d->ssid_len = (uint8_t)strnlen(c->ssid, sizeof(d->ssid) - 1);
    memcpy(d->ssid, c->ssid, d->ssid_len);
    d->security = (uint8_t)c->security;
    d->cipher = (uint8_t)c->cipher;
    d->password_len = (uint8_t)strnlen(c->password, sizeof(d->password) - 1);
    memcpy(d->password, c->password, d->password_len);
}

static int store_creds(void)
{
    if (!NW.in_dct)
        return 0;
    struct dct_wifi_credentials d[DCT_WIFI_CREDENTIALS_COUNT];
    memset(d, 0, sizeof(d));
    for (int i = 0; i < NW.ncreds && i < DCT_WIFI_CREDENTIALS_COUNT; i++)
        to_dct(&NW.creds[i], &d[i]);
    return dct_write_app_data(d, DCT_WIFI_CREDENTIALS_OFFSET, sizeof(d)) ? SYSTEM_ERROR_IO : 0;
}

static void init_creds(void)
{
    if (NW.ncreds >= 0)
        return;
    NW.ncreds = 0;
    if (!network_has_wifi())
        return;
    struct dct_wifi_credentials d[DCT_WIFI_CREDENTIALS_COUNT];
    if (dct_read_app_data_copy(DCT_WIFI_CREDENTIALS_OFFSET, d, sizeof(d)) == 0) {
        NW.in_dct = true;
        for (int i = 0; i < DCT_WIFI_CREDENTIALS_COUNT && NW.ncreds < MAX_CREDENTIALS; i++) {
            if (!d[i].ssid_len || d[i].ssid_len >= sizeof(d[i].ssid) || d[i].password_len >= sizeof(d[i].password))
                continue;
            vdev_credentials c = { .security = d[i].security, .cipher = d[i].cipher };
            memcpy(c.ssid, d[i].ssid, d[i].ssid_len);
            memcpy(c.password, d[i].password, d[i].password_len);
            NW.creds[NW.ncreds++] = c;
        }
        return;
    }
    NW.creds[NW.ncreds++] = default_network(); /* no flash: set up afresh every time */
}

void vdev_network_provision(void)
{
    if (!network_has_wifi())
        return;
    struct dct_wifi_credentials d[DCT_WIFI_CREDENTIALS_COUNT];
    memset(d, 0, sizeof(d));
    vdev_credentials c = default_network();
    to_dct(&c, &d[0]);
    dct_write_app_data(d, DCT_WIFI_CREDENTIALS_OFFSET, sizeof(d));
}

static void link_up(os_timer_t t)
{
    (void)t;
    if (!NW.wanted || vdev_link_state() != VDEV_LINK_CONNECTING || vdev_link_fault_down())
        return;
    vdev_link_set_state(VDEV_LINK_UP);
    status(NETWORK_STATUS_CONNECTED);
}

static void start_timer(void)
{
    if (!NW.timer)
        os_timer_create(&NW.timer, 1000, link_up, NULL, true, NULL);
    if (NW.timer)
        os_timer_change(NW.timer, OS_TIMER_CHANGE_PERIOD, false, (unsigned)NW.delay_ms, 0, NULL);
}

void vdev_network_init(uint64_t seed, uint64_t delay_us)
{
    vdev_link_init(network_has_cellular(), seed);
    NW.delay_ms = delay_us ? (delay_us + 999) / 1000 : (network_has_cellular() ? 10000 : 2000);
}

void network_on(void)
{
    if (NW.on)
        return;
    status(NETWORK_STATUS_POWERING_ON);
    NW.on = true;
    vdev_link_set_state(VDEV_LINK_ON);
    status(NETWORK_STATUS_ON);
}

void network_off(void)
{
    if (!NW.on)
        return;
    network_disconnect();
    status(NETWORK_STATUS_POWERING_OFF);
    NW.on = false;
    vdev_link_set_state(VDEV_LINK_OFF);
    status(NETWORK_STATUS_OFF);
}

bool network_is_on(void) { return NW.on; }

void network_connect(void) { network_connect_flags(0); }

void network_connect_flags(unsigned flags)
{
    init_creds();
    network_on();
    NW.wanted = true;
    if (vdev_listening()) { /* not while listening: it connects when listening mode ends */
        vdev_listen_connect_after();
        return;
    }
    if (vdev_link_state() != VDEV_LINK_ON)
        return; /* connecting or connected already */
    if (network_has_wifi() && NW.ncreds == 0) { /* no network to join: ask for one */
        if (!(flags & NETWORK_CONNECT_SKIP_LISTEN))
            vdev_listen_for_credentials();
        return;
    }
    vdev_link_set_state(VDEV_LINK_CONNECTING);
    status(NETWORK_STATUS_CONNECTING);
    if (!vdev_link_fault_down())
        start_timer();
}

void network_disconnect(void)
{
    NW.wanted = false;
    enum vdev_link_state s = vdev_link_state();
    if (s != VDEV_LINK_UP && s != VDEV_LINK_CONNECTING)
        return;
    status(NETWORK_STATUS_DISCONNECTING);
    vdev_link_set_state(VDEV_LINK_ON);
    status(NETWORK_STATUS_DISCONNECTED);
}

bool network_connecting(void) { return vdev_link_state() == VDEV_LINK_CONNECTING; }
bool network_ready(void) { return vdev_link_up(); }

/* A fault from outside: the link drops, or comes back. */
void vdev_network_fault_link(bool down)
{
    bool was_up = vdev_link_up();
    vdev_link_set_fault_down(down);
    if (down && was_up) {
        status(NETWORK_STATUS_DISCONNECTED);
        vdev_link_set_state(VDEV_LINK_CONNECTING); /* the device keeps trying */
        status(NETWORK_STATUS_CONNECTING);
    } else if (!down && NW.wanted && vdev_link_state() == VDEV_LINK_CONNECTING) {
        start_timer();
    }
}

static void to_ip(const struct vdev_addr *a, vdev_ip *ip)
{
    memset(ip, 0, sizeof(*ip));
    ip->version = (uint8_t)a->family;
    memcpy(ip->bytes, a->ip, a->family == 6 ? 16 : 4);
}

int network_config(vdev_net_config *out)
{
    memset(out, 0, sizeof(*out));
    vdev_link_mac(out->mac);
    if (!vdev_link_up())
        return SYSTEM_ERROR_INVALID_STATE;
    struct vdev_addr l, g, m, d;
    vdev_link_addresses(&l, &g, &m, &d);
    to_ip(&l, &out->local);
    to_ip(&g, &out->gateway);
    to_ip(&m, &out->netmask);
    to_ip(&d, &out->dns);
    if (network_has_wifi()) {
        snprintf(out->ssid, sizeof(out->ssid), "%s", NW.ncreds > 0 ? NW.creds[0].ssid : "vdev");
        memcpy(out->bssid, out->mac, 6);
        out->bssid[0] = 0x02;
    }
    return 0;
}

int network_rssi(void) { return vdev_link_up() ? (network_has_cellular() ? -71 : -52) : 2; }

int network_scan(vdev_ap_info *out, int max)
{
    if (!network_has_wifi() || !NW.on)
        return 0;
    static const vdev_ap_info aps[] = {
        { "vdev", { 0x02, 0x4f, 0x43, 0, 0, 1 }, WLAN_SEC_WPA2, WLAN_CIPHER_AES, 6, -52 },
        { "vdev-guest", { 0x02, 0x4f, 0x43, 0, 0, 2 }, WLAN_SEC_UNSEC, WLAN_CIPHER_NOT_SET, 11, -71 },
    };
    int n = 0;
    for (size_t i = 0; i < sizeof(aps) / sizeof(aps[0]) && n < max; i++)
        out[n++] = aps[i];
    return n;
}

int network_ping(const vdev_ip *ip, int count)
{
    if (!vdev_link_up() || !ip || count <= 0)
        return 0;
    struct vdev_addr a = { .family = ip->version };
    memcpy(a.ip, ip->bytes, 16);
    int ok = 0;
    for (int i = 0; i < count; i++)
        ok += vdev_netio_ping(&a, 1000) == 0;
    return ok;
}

int network_set_credentials(const vdev_credentials *c)
{
    init_creds();
    if (!network_has_wifi())
        return SYSTEM_ERROR_NOT_SUPPORTED;
    if (!c || !c->ssid[0])
        return SYSTEM_ERROR_INVALID_ARGUMENT;
    if (NW.ncreds == MAX_CREDENTIALS) /* the oldest goes, as on a device */
        memmove(&NW.creds[0], &NW.creds[1], sizeof(NW.creds[0]) * (MAX_CREDENTIALS - 1)), NW.ncreds--;
    NW.creds[NW.ncreds++] = *c;
    int rc = store_creds();
    vdev_event("network", "{s:s,s:s}", "credentials", "set", "ssid", c->ssid);
    return rc;
}

bool network_has_credentials(void)
{
    init_creds();
    return network_has_cellular() || NW.ncreds > 0;
}

int network_clear_credentials(void)
{
    init_creds();
    NW.ncreds = 0;
    int rc = store_creds();
    vdev_event("network", "{s:s}", "credentials", "cleared");
    return rc;
}

int network_get_credentials(vdev_credentials *out, int max)
{
    init_creds();
    int n = 0;
    for (int i = 0; i < NW.ncreds && n < max; i++)
        out[n++] = NW.creds[i];
    return n;
}

int network_cellular_command(const char *cmd, char *reply, size_t len)
{
    static const struct {
        const char *cmd, *reply;
    } table[] = {
        { "AT", "" },
        { "ATI", "u-blox\r\nSARA-R410M-02B" },
        { "AT+CGMI", "u-blox" },
        { "AT+CGMM", "SARA-R410M-02B" },
        { "AT+CGSN", "352753090000000" },
        { "AT+CCID", "+CCID: 89014103211118510720" },
        { "AT+CSQ", "+CSQ: 21,99" },
        { "AT+COPS?", "+COPS: 0,0,\"vdev LTE\",7" },
        { "AT+CREG?", "+CREG: 0,1" },
        { "AT+CEREG?", "+CEREG: 0,1" },
    };
    if (reply && len)
        reply[0] = 0;
    if (!network_has_cellular())
        return SYSTEM_ERROR_NOT_SUPPORTED;
    char c[64];
    snprintf(c, sizeof(c), "%s", cmd ? cmd : "");
    c[strcspn(c, "\r\n")] = 0;
    for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++)
        if (!strcmp(table[i].cmd, c)) {
            if (reply && len)
                snprintf(reply, len, "%s", table[i].reply);
            vdev_event("cellular", "{s:s,s:s}", "command", c, "result", "OK");
            return -2; /* RESP_OK */
        }
    vdev_event("cellular", "{s:s,s:s}", "command", c, "result", "ERROR");
    return -3; /* RESP_ERROR */
}
