/* system/include/vdev_system.h - entry points between the device runtime,
 * the system layer and the wiring layer (C ABI). */
#ifndef VDEV_SYSTEM_H
#define VDEV_SYSTEM_H

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Run the system: modes, system thread, setup() and loop() forever. */
void vdev_system_main(void) __attribute__((noreturn));

/* Provided by the wiring layer: the app's setup(), one loop() iteration
 * (with serialEvent callbacks). */
void vdev_app_setup(void);
void vdev_app_loop(void);

/* Device time charged for the system's work between two loop() calls when
 * loop() did not block (microseconds). */
#define VDEV_LOOP_HOUSEKEEPING_US 1000u

#ifdef __cplusplus
}
#endif
#endif
