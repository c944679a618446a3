/* system/include/system_mode.h - system modes and the system thread switch. */
#ifndef VDEV_SYSTEM_MODE_H
#define VDEV_SYSTEM_MODE_H

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum System_Mode_TypeDef {
    DEFAULT = 0,
    AUTOMATIC = 1,
    SEMI_AUTOMATIC = 2,
    MANUAL = 3,
    SAFE_MODE = 4
} System_Mode_TypeDef;

void set_system_mode(System_Mode_TypeDef mode);
System_Mode_TypeDef system_mode(void);
void vdev_system_set_threaded(bool enabled);
bool vdev_system_threaded(void);
/* The system's work between loop() calls and during delays (Particle.process). */
void vdev_system_process(void);
/* Have the system thread do its work now rather than at its next round. */
void vdev_system_wake(void);
/* delay() as the system does it: sleep, and keep the system serviced. */
void system_delay_ms(unsigned long ms, bool force_no_background_loop);

#ifdef __cplusplus
}
#endif
#endif
