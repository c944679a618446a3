/* system/src/system_console.c - the serial console of listening mode on USB
 * Serial, one command per key as Device OS 1.4 has them: `i` device ID,
 * `m` MAC address, `v` system version, `s` module info (JSON), `c` claimed?,
 * `C` set the claim code (kept in the DCT), `d` diagnostics (JSON), `w`
 * WiFi credentials (WiFi platforms; stored through the network's
 * credentials), `L` safe-mode listening, `x` exit, `f` YModem (not
 * supported). The prompts tools look for are Device OS's; docs/listening.md
 * lists every reply. */
#include "system_console.h"

#include "../include/system_cloud.h"
#include "../include/system_listen.h"
#include "../include/system_network.h"

#include "../../hal-posix/include/core_hal.h"
#include "../../hal-posix/include/dct_hal.h"
#include "../../hal-posix/include/deviceid_hal.h"
#include "../../hal-posix/include/timer_hal.h"
#include "../../hal-posix/include/usart_hal.h"
#include "../../sim/events.h"
#include "../../sim/platform.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define CLAIM_CODE_LEN 63

/* The DCT, when the flash module is linked in. */
#pragma weak dct_write_app_data

static void print(const char *s)
{
    HAL_USB_USART_Send_Buffer(HAL_USB_USART_SERIAL, (const uint8_t *)s, strlen(s));
}

static void printf_(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void printf_(const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    print(buf);
}

/* A line typed at a prompt, echoed as it comes (backspace and delete take
 * back a character); it ends at CR or LF, or with the first byte past
 * `max`. What was typed after it is dropped. False when listening ended. */
static bool read_line(char *dst, size_t max)
{
    size_t n = 0;
    for (;;) {
        int c = vdev_listen_getc();
        if (c < 0)
            return false;
        if (n == max || c == '\r' || c == '\n')
            break;
        if (c == 8 || c == 127) {
            if (!n)
                continue;
            n--;
        } else {
            dst[n++] = (char)c;
        }
        uint8_t b = (uint8_t)c;
        HAL_USB_USART_Send_Data(HAL_USB_USART_SERIAL, b);
    }
    dst[n] = 0;
    print("\r\n");
    while (HAL_USB_USART_Receive_Data(HAL_USB_USART_SERIAL, 0) >= 0) {
    }
    return true;
}

static void device_id(char out[25])
{
    uint8_t id[12];
    HAL_device_ID(id, sizeof(id));
    for (int i = 0; i < 12; i++)
        snprintf(out + 2 * i, 3, "%02x", id[i]);
}

#define IMEI "352753090000000"
#define ICCID "89014103211118510720"

static void cmd_id(void)
{
    char id[25];
    device_id(id);
    if (network_has_cellular())
        printf_("Device ID: %s\r\nIMEI: %s\r\nICCID: %s\r\n", id, IMEI, ICCID);
    else
        printf_("Your device id is %s\r\n", id);
}

static void cmd_mac(void)
{
    vdev_net_config cfg;
    network_config(&cfg);
    if (!network_has_wifi())
        memset(cfg.mac, 0, sizeof(cfg.mac)); /* the LTE modem has none */
    printf_("Your device MAC address is\r\n%02x:%02x:%02x:%02x:%02x:%02x\r\n", cfg.mac[0], cfg.mac[1], cfg.mac[2],
            cfg.mac[3], cfg.mac[4], cfg.mac[5]);
}

/* A module of `s`: size, location, validity checked/passed, function, index, version. */
static void module(char *out, size_t len, unsigned size, const char *f, const char *n, unsigned v, const char *dep)
{
    size_t used = strlen(out);
    snprintf(out + used, len - used, "%s{\"s\":%u,\"l\":\"m\",\"vc\":30,\"vv\":30,\"f\":\"%s\",\"n\":\"%s\",\"v\":%u,\"d\":[%s]}",
             used > 0 && out[used - 1] == '}' ? "," : "", size, f, n, v, dep);
}

/* Module info: the platform and its firmware modules, as the cloud's describe has them. */
static void cmd_modules(void)
{
    const struct vdev_platform *pl = vdev_platform_current();
    char mods[1024] = "";
    char user[256];
    char id[25];
    device_id(id);
    if (pl->ble) { /* Gen 3: bootloader, one system part, the app */
        module(mods, sizeof(mods), 49152, "b", "0", 500, "");
        module(mods, sizeof(mods), 671744, "s", "1", 1400, "{\"f\":\"b\",\"n\":\"0\",\"v\":500}");
    } else { /* Photon: bootloader, two system parts */
        module(mods, sizeof(mods), 16384, "b", "0", 101, "");
        module(mods, sizeof(mods), 262144, "s", "1", 1400, "");
        module(mods, sizeof(mods), 262144, "s", "2", 1400, "{\"f\":\"s\",\"n\":\"1\",\"v\":1400}");
    }
    /* the app's module: its hash is made up from the device ID */
    snprintf(user, sizeof(user),
             ",{\"s\":%u,\"l\":\"m\",\"vc\":30,\"vv\":30,\"u\":\"%s%s%.16s\",\"f\":\"u\",\"n\":\"1\",\"v\":6,"
             "\"d\":[{\"f\":\"s\",\"n\":\"%s\",\"v\":1400}]}",
             pl->ble ? 262144u : 131072u, id, id, id, pl->ble ? "1" : "2");
    if (network_has_cellular())
        printf_("{\"p\":%d,\"imei\":\"%s\",\"iccid\":\"%s\",\"m\":[%s%s]}\r\n", pl->id, IMEI, ICCID, mods, user);
    else
        printf_("{\"p\":%d,\"m\":[%s%s]}\r\n", pl->id, mods, user);
}

/* Diagnostics: a few of Device OS's sources, by name. */
static void cmd_diagnostics(void)
{
    int reason = 0;
    HAL_Core_Get_Last_Reset_Info(&reason, NULL, NULL);
    int heap = vdev_platform_current()->ble ? 83000 : 60000;
    uint32_t free_mem = HAL_Core_Runtime_Info_Free();
    int net = network_ready() ? 4 : network_connecting() ? 3 : network_is_on() ? 2 : 1;
    int cloud = vdev_cloud_connected() ? 4 : 0;
    printf_("{\"sys:reset\":%d,\"sys:uptime\":%u,\"mem:used\":%d,\"mem:total\":%d,\"net:stat\":%d,"
            "\"net:rssi\":%d,\"cloud:stat\":%d}\r\n",
            reason, (unsigned)(hal_timer_millis(NULL) / 1000u), heap - (int)free_mem, heap, net,
            network_ready() ? network_rssi() : 0, cloud);
}

static void cmd_claim_code(void)
{
    char code[CLAIM_CODE_LEN + 1];
    print("Enter 63-digit claim code: ");
    if (!read_line(code, CLAIM_CODE_LEN))
        return;
    if (strlen(code) == CLAIM_CODE_LEN) {
        uint8_t field[DCT_CLAIM_CODE_SIZE] = { 0 };
        memcpy(field, code, CLAIM_CODE_LEN);
        if (dct_write_app_data)
            dct_write_app_data(field, DCT_CLAIM_CODE_OFFSET, DCT_CLAIM_CODE_SIZE);
        vdev_event("listen", "{s:s}", "claim_code", "set");
        printf_("Claim code set to: %s", code);
    } else {
        print("Claim code unchanged: a claim code has 63 characters.");
    }
    print("\r\n");
}

/* One digit from `lo` to `hi` at a prompt, asked until it is one; -1 when
 * listening ended. */
static int ask_digit(const char *prompt, char lo, char hi)
{
    char s[2];
    do {
        print(prompt);
        if (!read_line(s, 1))
            return -1;
    } while (s[0] < lo || s[0] > hi);
    return s[0] - '0';
}

/* The access point of that name among those in range, for its security. */
static bool scan_for(const char *ssid, int *security, int *cipher)
{
    vdev_ap_info aps[16];
    int n = network_scan(aps, 16);
    for (int i = 0; i < n; i++)
        if (!strcmp(aps[i].ssid, ssid)) {
            *security = aps[i].security;
            *cipher = aps[i].cipher;
            return true;
        }
    return false;
}

static void cmd_wifi(void)
{
    vdev_credentials c;
    memset(&c, 0, sizeof(c));
    do {
        print("SSID: ");
        if (!read_line(c.ssid, 32))
            return;
    } while (!c.ssid[0]);
    int security = WLAN_SEC_NOT_SET, cipher = WLAN_CIPHER_NOT_SET;
    if (!scan_for(c.ssid, &security, &cipher)) {
        bool photon = !vdev_platform_current()->ble; /* the Photon knows WPA Enterprise */
        security = photon ? ask_digit("Security 0=unsecured, 1=WEP, 2=WPA, 3=WPA2, 4=WPA Enterprise, "
                                      "5=WPA2 Enterprise: ", '0', '5')
                          : ask_digit("Security 0=unsecured, 1=WEP, 2=WPA, 3=WPA2: ", '0', '3');
        if (security < 0)
            return;
        if (security >= WLAN_SEC_WPA_ENTERPRISE) {
            print("WPA Enterprise credentials are not supported by vdev.\r\n\r\n");
            return;
        }
    }
    if (cipher == WLAN_CIPHER_NOT_SET) {
        int k = ask_digit("Security Cipher 1=AES, 2=TKIP, 3=AES+TKIP: ", '1', '3');
        if (k < 0)
            return;
        cipher = k == 1 ? WLAN_CIPHER_AES : k == 2 ? WLAN_CIPHER_TKIP : WLAN_CIPHER_AES_TKIP;
    }
    if (security > WLAN_SEC_UNSEC && security <= WLAN_SEC_WPA2) {
        print("Password: ");
        if (!read_line(c.password, sizeof(c.password) - 1))
            return;
    }
    c.security = security;
    c.cipher = cipher;
    print("Thanks! Wait while I save those credentials...\r\n\r\n");
    if (network_set_credentials(&c) == 0) {
        print("Awesome. Now we'll connect!\r\n\r\n");
        print("The LED breathes cyan once the device is connected to the Cloud.\r\n\r\n");
        print("    Particle <3 you!\r\n\r\n");
        vdev_listen_credentials_added();
    } else {
        print("Sorry, the credentials could not be saved.\r\n\r\n");
    }
}

void vdev_console_command(int c)
{
    switch (c) {
    case 'i': cmd_id(); break;
    case 'm': cmd_mac(); break;
    case 'v': print("system firmware version: 1.4.0\n\r\n"); break;
    case 's': cmd_modules(); break;
    case 'c': print("Device claimed: no\r\n"); break;
    case 'C': cmd_claim_code(); break;
    case 'd': cmd_diagnostics(); break;
    case 'x': vdev_listen_request(false, "x"); break;
    case 'f': print("YModem firmware updates ('f') are not supported by vdev: build and run the new app instead.\r\n"); break;
    case 'L':
        vdev_event("listen", "{s:s}", "state", "safe-mode-listen");
        vdev_console_listen_at_startup();
        HAL_Core_System_Reset_Ex(RESET_REASON_SAFE_MODE, 0, NULL);
        break;
    case 'w':
        if (network_has_wifi())
            cmd_wifi();
        break;
    default: break; /* other keys do nothing */
    }
}
