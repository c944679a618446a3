/* sim/flash_dev.h - the device's flash file at start-up (sim/flash_dev.c). */
#ifndef VDEV_FLASH_DEV_H
#define VDEV_FLASH_DEV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct vdev_flash_start {
    const char *path;          /* --flash, or NULL for the default */
    bool reset;                /* --flash-reset (applies at the first boot only) */
    unsigned boot;             /* 0: a fresh start; more: a reset (re-exec) */
    int platform_id;
    const char *app_name;
    const char *device_name;
    const uint8_t *device_id;  /* 12 bytes */
    uint64_t seed;
};

/* Open the flash and prepare what the device keeps in it. On a fresh start
 * *reason and *data receive the reset reason to report (noted by the previous
 * run: NONE for a new file, POWER_DOWN after a stop or a kill, PANIC after a
 * crash); after a reset they are left alone and say why it reset. Then the
 * retained variables are restored (or not). 0, or -errno with one sentence
 * in err (the caller exits with a usage error). */
int vdev_flash_start(const struct vdev_flash_start *fs, int *reason, uint32_t *data, char *err, size_t errlen);
/* After the boot event: at a fresh start, which file it is (stderr); damage
 * found at start-up (a `flash` event and a line on stderr). */
void vdev_flash_report(void);
/* flash-<device name>.bin next to this image. */
int vdev_flash_default_path(const char *device_name, char *out, size_t len);

#endif
