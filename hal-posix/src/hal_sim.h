/* hal-posix/src/hal_sim.h - the HAL's side door for the simulator: what the
 * control channel and host I/O call to drive the device from outside
 * (external pin levels, ADC values, serial input), and HAL start-up. These
 * run in firmware context (posted through the scheduler). */
#ifndef VDEV_HAL_SIM_H
#define VDEV_HAL_SIM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct vdev_hal_boot {
    uint64_t seed;
    unsigned boot;          /* boot count since the simulation started */
    int reset_reason;
    uint32_t reset_data;
    const uint8_t *device_id; /* 12 bytes */
    int64_t rtc_epoch;      /* Unix time at boot, or -1 when unset */
};

void vdev_hal_init(const struct vdev_hal_boot *boot);
void vdev_gpio_init(void);

/* GPIO: drive a pin from outside (level 0/1, or -1 to release it). */
int vdev_gpio_drive(int pin, int level);
/* A hook called on every change of a pin's level, after the change and
 * before the pin's interrupt handler, in the context that changed it (ISR
 * context for input from outside). At most 4 hooks; 0 or -ENOSPC. */
typedef void (*vdev_gpio_edge_fn)(int pin, int level);
int vdev_gpio_add_edge_hook(vdev_gpio_edge_fn fn);
/* The level a pin shows from outside (its output, or what it reads). */
int vdev_gpio_level(int pin);
/* ADC: the 12-bit value analogRead() will return for a pin. */
int vdev_adc_set(int pin, int value);
/* Serial: bytes arriving at a port (0 = USB Serial, 1 = Serial1). */
void vdev_serial_inject(int port, const uint8_t *data, size_t len);
/* Called after bytes arrived at a port (ISR context), e.g. to wake the
 * listening-mode console. One hook; NULL removes it. */
void vdev_serial_set_rx_hook(void (*fn)(int port));

/* Software timers: the device slept `us` with the RTOS tick stopped. */
void vdev_hal_timers_shift(uint64_t us);

/* One warning event per (what, pin) pair: a bad pin is reported, never fatal. */
void vdev_hal_warn_pin(const char *what, int pin);

/* ---- flash (issue 6): dct_hal.c, retained_hal.c; docs/flash.md ---- */

/* The DCT at boot: a blank DCT gets its first fill (device ID, simulated
 * keys from the seed, setup done): 1 filled, 0 already valid, -EIO damaged
 * (written, but no whole copy), -ENODEV no flash. */
int vdev_dct_prepare(const uint8_t *device_id, uint64_t seed);
struct vdev_dct_status {
    int current;            /* the copy in use (0/1), -1 none */
    bool valid[2];
    uint32_t seq[2];
    /* Damaged: committed (header and commit word whole), the copy after the
     * one in use (its sequence + 1), but its table fails its CRC. No cut
     * write or erase leaves that: the newest table was lost, the older one
     * is used. */
    bool damaged[2];
};
int vdev_dct_status(struct vdev_dct_status *st);

/* Retained memory at boot: restore the app's retained variables from the
 * flash's image when `reason` keeps backup RAM and the image is this
 * firmware's; otherwise they keep their initial values (power-on). 0, or
 * -EFBIG with a message when they do not fit the backup RAM. */
int vdev_retained_boot(int reason, const uint8_t *fw_id, char *err, size_t errlen);
/* Save the retained variables into the flash (a reset, deep sleep, a
 * crash). Async-signal-safe. */
void vdev_retained_save(void);
/* Power loss: the saved image is lost (power-cycle). */
void vdev_retained_power_loss(void);
/* The reset reason the NEXT fresh start of this device reports (a crash:
 * RESET_REASON_PANIC). Async-signal-safe. */
void vdev_flash_note_reset(int reason, uint32_t data);

#endif
