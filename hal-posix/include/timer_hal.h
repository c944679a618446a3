/* hal-posix/include/timer_hal.h - the device clock (millis/micros) and delays.
 * Every read goes through the sim clock. */
#ifndef VDEV_TIMER_HAL_H
#define VDEV_TIMER_HAL_H

#include "hal_platform.h"

#ifdef __cplusplus
extern "C" {
#endif

system_tick_t HAL_Timer_Get_Micro_Seconds(void);
system_tick_t HAL_Timer_Get_Milli_Seconds(void);
uint64_t hal_timer_micros(void *reserved);
uint64_t hal_timer_millis(void *reserved);
void HAL_Delay_Milliseconds(uint32_t ms);
void HAL_Delay_Microseconds(uint32_t us);
/* Ticks for System.ticks(): 1 per microsecond here. */
uint32_t HAL_Timer_Get_Ticks(void);
#define SYSTEM_US_TICKS 1

#ifdef __cplusplus
}
#endif
#endif
