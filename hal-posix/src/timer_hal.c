/* hal-posix/src/timer_hal.c - millis()/micros() and delays, on the sim clock.
 * Device time counts from the start of the simulation; the HAL counts from
 * the latest boot, as the MCU's counters restart on reset. */
#include "timer_hal.h"

#include "../../sim/sched.h"

static uint64_t boot_us;

void vdev_hal_timer_init(uint64_t boot) { boot_us = boot; }
uint64_t vdev_hal_boot_us(void) { return boot_us; }

uint64_t hal_timer_micros(void *reserved)
{
    (void)reserved;
    return vdev_clock_poll() - boot_us;
}

uint64_t hal_timer_millis(void *reserved)
{
    (void)reserved;
    return (vdev_clock_poll_quantum(1000u, boot_us) - boot_us) / 1000u;
}

system_tick_t HAL_Timer_Get_Micro_Seconds(void) { return (system_tick_t)hal_timer_micros(NULL); }
system_tick_t HAL_Timer_Get_Milli_Seconds(void) { return (system_tick_t)hal_timer_millis(NULL); }
uint32_t HAL_Timer_Get_Ticks(void) { return (uint32_t)hal_timer_micros(NULL); }

void HAL_Delay_Milliseconds(uint32_t ms) { vdev_sched_sleep_until(vdev_clock_now() + (uint64_t)ms * 1000u); }
void HAL_Delay_Microseconds(uint32_t us) { vdev_clock_advance(us); }
