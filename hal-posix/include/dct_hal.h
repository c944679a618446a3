/* hal-posix/include/dct_hal.h - the Device Configuration Table (Device OS
 * names): a small persistent store in the device's flash file for the
 * device's identity and settings. Reads and writes are by offset, as in
 * Device OS; a write is atomic (the old or the new content survives a kill
 * at any point). Layout: docs/flash.md. */
#ifndef VDEV_DCT_HAL_H
#define VDEV_DCT_HAL_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Offsets and sizes of the DCT's fields (vdev's own layout). */
#define DCT_SYSTEM_FLAGS_OFFSET 0            /* 32 bytes, Device OS system flags */
#define DCT_SYSTEM_FLAGS_SIZE 32
#define DCT_DEVICE_ID_OFFSET 32              /* 12 bytes */
#define DCT_DEVICE_ID_SIZE 12
#define DCT_SETUP_DONE_OFFSET 44             /* 1 byte: 0x01 done, 0xFF/0x00 not */
#define DCT_SETUP_DONE_SIZE 1
#define DCT_CLAIM_CODE_OFFSET 48             /* 63 bytes, NUL-padded */
#define DCT_CLAIM_CODE_SIZE 63
#define DCT_DEVICE_PRIVATE_KEY_OFFSET 112    /* 128 bytes (simulated key material) */
#define DCT_DEVICE_PRIVATE_KEY_SIZE 128
#define DCT_SERVER_PUBLIC_KEY_OFFSET 240     /* 128 bytes */
#define DCT_SERVER_PUBLIC_KEY_SIZE 128
#define DCT_WIFI_CREDENTIALS_OFFSET 368      /* 5 x struct dct_wifi_credentials */
#define DCT_WIFI_CREDENTIALS_COUNT 5
#define DCT_APP_DATA_OFFSET 1024             /* free for apps and libraries */
#define DCT_APP_DATA_SIZE 1024
#define DCT_SIZE 2048

/* One stored WiFi network (WiFi platforms). ssid_len 0: an empty slot. */
struct dct_wifi_credentials {
    uint8_t ssid_len;
    char ssid[33];
    uint8_t security;                    /* WLAN_SEC_* */
    uint8_t cipher;                      /* WLAN_CIPHER_* */
    uint8_t password_len;
    char password[65];
    uint8_t reserved[2];
};                                       /* 104 bytes */

/* Copy size bytes at offset into ptr. 0, or -1 when out of range. */
int dct_read_app_data_copy(uint32_t offset, void *ptr, size_t size);
/* Write size bytes at offset (atomically). 0, or -1 when out of range or the
 * flash cannot be written. */
int dct_write_app_data(const void *data, uint32_t offset, uint32_t size);

#ifdef __cplusplus
}
#endif

#endif
