/* system/include/system_lifecycle.h - the device's lifecycle as the system
 * runs it: safe mode, resets the system asks for (the `reset_pending` and
 * `reset` system events, System.disableReset()), control requests that
 * reset (1.4.0 fix 1905), DFU and factory reset; and the state the RGB LED
 * shows, for the LED module to read. */
#ifndef VDEV_SYSTEM_LIFECYCLE_H
#define VDEV_SYSTEM_LIFECYCLE_H

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- what the LED shows ---- */

/* The device booted into safe mode (RESET_REASON_SAFE_MODE): the app does
 * not run; the LED breathes magenta. */
bool vdev_system_safe_mode(void);
/* The device sleeps (stop mode, or standby until its reset): the LED is off. */
bool vdev_system_sleeping(void);
/* Safe mode, sleep or the cloud session (vdev_cloud_state()) changed: calls
 * vdev_led_system_state_changed() when the LED module is linked in. */
void vdev_system_state_changed(void);
/* Provided by the LED module (optional). */
void vdev_led_system_state_changed(void) __attribute__((weak));

/* ---- boot and the system loop ---- */

/* At the start of vdev_system_main(): safe mode when the reset asked for it. */
void vdev_lifecycle_boot(void);
/* From the system's work between loop() calls: a pending reset. */
void vdev_lifecycle_process(void);
/* The sleep module says the device sleeps (or not). */
void vdev_lifecycle_set_sleeping(bool on);

/* ---- resets ---- */

/* The system wants to reset (e.g. RESET_REASON_UPDATE after an update):
 * `reset_pending` now; once resets are enabled, `reset`, then the reset. */
void vdev_system_request_reset(int reason);
void vdev_system_enable_reset(bool enabled); /* System.enableReset()/disableReset() */
bool vdev_system_reset_enabled(void);
bool vdev_system_reset_pending(void);

/* An ApplicationWatchdog expired (a `watchdog` event); its function runs next. */
void vdev_system_watchdog_expired(unsigned timeout_ms);

/* System.factoryReset(): WiFi credentials and the setup flag are cleared,
 * then a reset with RESET_REASON_FACTORY_RESET. */
void vdev_system_factory_reset(void) __attribute__((noreturn));

/* A control request (`particle usb reset|safe-mode|dfu` and factory reset):
 * as Device OS 1.4.0, the reply goes out, the cloud is disconnected at once
 * and no reconnection is attempted (fix 1905), and the request is carried
 * out 1 s later. */
typedef enum vdev_control_request {
    VDEV_REQUEST_RESET,
    VDEV_REQUEST_SAFE_MODE,
    VDEV_REQUEST_DFU,
    VDEV_REQUEST_FACTORY_RESET
} vdev_control_request_t;
int vdev_system_control_request(vdev_control_request_t request);

#ifdef __cplusplus
}
#endif
#endif
