/* hal-posix/include/rtc_hal.h - the real-time clock (Unix time). */
#ifndef VDEV_RTC_HAL_H
#define VDEV_RTC_HAL_H
#include "hal_platform.h"
#include <time.h>
#ifdef __cplusplus
extern "C" {
#endif
time_t HAL_RTC_Get_UnixTime(void);
void HAL_RTC_Set_UnixTime(time_t value);
bool HAL_RTC_Time_Is_Valid(void *reserved);
#ifdef __cplusplus
}
#endif
#endif
