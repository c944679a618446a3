/* hal-posix/include/hal_platform.h - common HAL types (pin_t, system_tick_t)
 * and the platform ids, as in Device OS. C ABI, standard C headers only. */
#ifndef VDEV_HAL_PLATFORM_H
#define VDEV_HAL_PLATFORM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifndef SYSTEM_TICK_T_DEFINED
#define SYSTEM_TICK_T_DEFINED
typedef uint32_t system_tick_t;
#endif

typedef uint16_t pin_t;

#define PLATFORM_PHOTON_PRODUCTION 6
#define PLATFORM_ARGON 12
#define PLATFORM_BORON 13

#ifndef PLATFORM_ID
#define PLATFORM_ID PLATFORM_ARGON
#endif
#ifndef PLATFORM_THREADING
#define PLATFORM_THREADING 1
#endif

#if PLATFORM_ID == PLATFORM_ARGON || PLATFORM_ID == PLATFORM_BORON
#define HAL_PLATFORM_GEN 3
#define TOTAL_PINS 24
#else
#define HAL_PLATFORM_GEN 2
#define TOTAL_PINS 24
#endif

/* Device OS system_error.h codes used by the HAL */
#define SYSTEM_ERROR_NONE 0
#define SYSTEM_ERROR_UNKNOWN -100
#define SYSTEM_ERROR_BUSY -110
#define SYSTEM_ERROR_NOT_SUPPORTED -120
#define SYSTEM_ERROR_NOT_ALLOWED -130
#define SYSTEM_ERROR_CANCELLED -140
#define SYSTEM_ERROR_ABORTED -150
#define SYSTEM_ERROR_TIMEOUT -160
#define SYSTEM_ERROR_NOT_FOUND -170
#define SYSTEM_ERROR_ALREADY_EXISTS -180
#define SYSTEM_ERROR_TOO_LARGE -190
#define SYSTEM_ERROR_LIMIT_EXCEEDED -200
#define SYSTEM_ERROR_INVALID_STATE -210
#define SYSTEM_ERROR_IO -220
#define SYSTEM_ERROR_NETWORK -230
#define SYSTEM_ERROR_PROTOCOL -240
#define SYSTEM_ERROR_INTERNAL -250
#define SYSTEM_ERROR_NO_MEMORY -260
#define SYSTEM_ERROR_INVALID_ARGUMENT -270
#define SYSTEM_ERROR_BAD_DATA -280
#define SYSTEM_ERROR_OUT_OF_RANGE -290

#endif
