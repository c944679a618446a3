/* sim/device.h - the device runtime: start-up of a firmware image (options,
 * clock, HAL, event sinks, control channel), clean stop, reset by re-exec,
 * and panics. */
#ifndef VDEV_DEVICE_H
#define VDEV_DEVICE_H

#include <stdint.h>

#define VDEV_EXIT_OK 0
#define VDEV_EXIT_USAGE 2
#define VDEV_EXIT_PANIC 3

const char *vdev_device_id_hex(void);
const char *vdev_device_name(void);
/* End the run cleanly (exit 0) with a `stop` event. */
void vdev_device_stop(const char *reason) __attribute__((noreturn));
/* Reset the device: a `reset` event, then the process re-executes itself. */
void vdev_device_reset(int reason, uint32_t data) __attribute__((noreturn));
/* Power off and on (control `power-cycle`): a `reset` event with reason
 * POWER_DOWN and power_cycle true; retained memory and the RTC are lost,
 * the flash (DCT, EEPROM) is kept. */
void vdev_device_power_cycle(void) __attribute__((noreturn));
/* Called first on every panic and crash with the Device OS panic code (the
 * system shows SOS on the LED before the `panic` event). */
void vdev_device_set_panic_hook(void (*fn)(int code));
void vdev_device_run_panic_hook(int code);
/* A system panic: a `panic` event and a report, then exit VDEV_EXIT_PANIC. */
void vdev_device_panic(int code, const char *message) __attribute__((noreturn));
/* Install the crash handlers (crash.c). */
void vdev_crash_install(void);

#endif
