/* system/include/system_sleep.h - System.sleep() as the system runs it
 * (Device OS 1.4 names): the network and the cloud around a sleep, stop
 * mode on wake pins and/or a timer, deep sleep (standby, then a reset), and
 * SLEEP_MODE_WLAN (only the network sleeps). `sleep` and `wake` events. */
#ifndef VDEV_SYSTEM_SLEEP_H
#define VDEV_SYSTEM_SLEEP_H

#include "interrupts_hal.h"

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum { SLEEP_MODE_WLAN = 0, SLEEP_MODE_DEEP = 1, SLEEP_MODE_SOFTPOWEROFF = 2 } Spark_Sleep_TypeDef;

typedef enum System_Sleep_Flag {
    SYSTEM_SLEEP_FLAG_NETWORK_OFF = 0x00,
    SYSTEM_SLEEP_FLAG_NETWORK_STANDBY = 0x01,
    SYSTEM_SLEEP_FLAG_DISABLE_WKP_PIN = 0x02,
    SYSTEM_SLEEP_FLAG_NO_WAIT = 0x04
} System_Sleep_Flag;

/* SLEEP_MODE_WLAN: the network sleeps for `seconds` (0: until woken by the
 * app) while the app runs on; returns 0. SLEEP_MODE_DEEP/SOFTPOWEROFF: the
 * device resets when it wakes; returns only with a negative error. */
int system_sleep(Spark_Sleep_TypeDef mode, long seconds, uint32_t flags, void *reserved);
/* Stop mode: returns the index + 1 of the pin that woke the device, 0 when
 * the timer did, or a negative error. */
int system_sleep_pins(const uint16_t *pins, size_t pins_count, const InterruptMode *modes, size_t modes_count,
                      long seconds, uint32_t flags, void *reserved);
int system_sleep_pin(uint16_t pin, uint16_t mode, long seconds, uint32_t flags, void *reserved);
/* The platform's WKP pin (the image's platform, whatever PLATFORM_ID the
 * caller was compiled with). */
uint16_t vdev_system_wkp_pin(void);

#ifdef __cplusplus
}
#endif
#endif
