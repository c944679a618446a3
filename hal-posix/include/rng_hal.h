/* hal-posix/include/rng_hal.h - the hardware RNG (seeded by --seed). */
#ifndef VDEV_RNG_HAL_H
#define VDEV_RNG_HAL_H
#include "hal_platform.h"
#ifdef __cplusplus
extern "C" {
#endif
uint32_t HAL_RNG_GetRandomNumber(void);
#ifdef __cplusplus
}
#endif
#endif
