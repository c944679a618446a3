/* hal-posix/include/core_hal.h - reset, reset reasons, panics, free memory. */
#ifndef VDEV_CORE_HAL_H
#define VDEV_CORE_HAL_H
#include "hal_platform.h"
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

#ifdef __cplusplus
}
#endif
#endif
