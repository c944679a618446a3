/* hal-posix/include/deviceid_hal.h - the 12-byte device ID and platform id. */
#ifndef VDEV_DEVICEID_HAL_H
#define VDEV_DEVICEID_HAL_H
#include "hal_platform.h"
#ifdef __cplusplus
extern "C" {
#endif
unsigned HAL_device_ID(uint8_t *dest, unsigned destLen);
unsigned HAL_Platform_ID(void);
#ifdef __cplusplus
}
#endif
#endif
