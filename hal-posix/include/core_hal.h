/* hal-posix/include/core_hal.h - reset, reset reasons, panics, free memory;
 * the MCU's power and boot-mode transitions (stop mode, standby, safe mode,
 * DFU, factory reset: power_hal.c). */
#ifndef VDEV_CORE_HAL_H
#define VDEV_CORE_HAL_H
#include "hal_platform.h"
#include "interrupts_hal.h"

#include <stddef.h>
#ifdef __cplusplus
extern "C" {
#endif

typedef enum System_Reset_Reason {
    RESET_REASON_NONE = 0,
    RESET_REASON_UNKNOWN = 10,
    RESET_REASON_PIN_RESET = 20,
    RESET_REASON_POWER_MANAGEMENT = 30,
    RESET_REASON_POWER_DOWN = 40,
    RESET_REASON_POWER_BROWNOUT = 50,
    RESET_REASON_WATCHDOG = 60,
    RESET_REASON_UPDATE = 70,
    RESET_REASON_UPDATE_ERROR = 80,
    RESET_REASON_UPDATE_TIMEOUT = 90,
    RESET_REASON_FACTORY_RESET = 100,
    RESET_REASON_SAFE_MODE = 110,
    RESET_REASON_DFU_MODE = 120,
    RESET_REASON_PANIC = 130,
    RESET_REASON_USER = 140
} System_Reset_Reason;

typedef enum HAL_Feature {
    FEATURE_RETAINED_MEMORY = 1,
    FEATURE_WARM_START,
    FEATURE_CLOUD_UDP,
    FEATURE_RESET_INFO,
    FEATURE_WIFI_POWERSAVE_CLOCK,
    FEATURE_ETHERNET_DETECTION,
    FEATURE_LED_OVERRIDDEN,
    FEATURE_DISABLE_EXTERNAL_LOW_SPEED_CLOCK
} HAL_Feature;

void HAL_Core_System_Reset(void);
void HAL_Core_System_Reset_Ex(int reason, uint32_t data, void *reserved);
int HAL_Core_Get_Last_Reset_Info(int *reason, uint32_t *data, void *reserved);
int HAL_Feature_Set(HAL_Feature feature, bool enabled);
bool HAL_Feature_Get(HAL_Feature feature);
uint32_t HAL_Core_Runtime_Info_Free(void);
void HAL_Core_Panic(int code, const char *message);

typedef enum {
    HAL_STANDBY_MODE_FLAG_NONE = 0,
    HAL_STANDBY_MODE_FLAG_DISABLE_WKP_PIN = 1
} hal_standby_mode_flag_t;

/* Stop mode: every thread stops until one of the pins sees its edge (modes
 * has one entry per pin, or one for all) or `seconds` pass (0: no timer).
 * Returns the pin's index + 1, 0 for the timer, or a negative error
 * (SYSTEM_ERROR_NOT_ALLOWED: nothing to wake on, or a bad pin or mode). */
int HAL_Core_Enter_Stop_Mode_Ext(const uint16_t *pins, size_t pins_count, const InterruptMode *mode,
                                 size_t mode_count, long seconds, void *reserved);
void HAL_Core_Enter_Stop_Mode(uint16_t wakeUpPin, uint16_t edgeTriggerMode, long seconds);
/* Standby (deep sleep): the device is off until WKP rises or `seconds` pass,
 * then it boots with RESET_REASON_POWER_MANAGEMENT. Returns only on an error
 * (Gen 3: a wake time or DISABLE_WKP_PIN is SYSTEM_ERROR_NOT_SUPPORTED). */
int HAL_Core_Enter_Standby_Mode(uint32_t seconds, uint32_t flags);
/* Reset into safe mode (RESET_REASON_SAFE_MODE); into the bootloader's DFU
 * mode (the run ends: there is no bootloader); a factory reset
 * (RESET_REASON_FACTORY_RESET). */
void HAL_Core_Enter_Safe_Mode(void *reserved);
void HAL_Core_Enter_Bootloader(bool persist);
void HAL_Core_Factory_Reset(void);

#ifdef __cplusplus
}
#endif
#endif
