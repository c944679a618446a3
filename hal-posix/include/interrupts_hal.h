/* hal-posix/include/interrupts_hal.h - pin interrupts and the global IRQ mask. */
#ifndef VDEV_INTERRUPTS_HAL_H
#define VDEV_INTERRUPTS_HAL_H

#include "hal_platform.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum InterruptMode { CHANGE, RISING, FALLING } InterruptMode;
typedef void (*HAL_InterruptHandler)(void *data);

typedef struct HAL_InterruptExtraConfiguration {
    uint8_t version;
    uint8_t IRQChannelPreemptionPriority;
    uint8_t IRQChannelSubPriority;
    uint8_t keepPriority : 1;
    uint8_t keepHandler : 1;
} HAL_InterruptExtraConfiguration;

int HAL_Interrupts_Attach(uint16_t pin, HAL_InterruptHandler handler, void *data, InterruptMode mode,
                          HAL_InterruptExtraConfiguration *config);
int HAL_Interrupts_Detach(uint16_t pin);
void HAL_Interrupts_Enable_All(void);
void HAL_Interrupts_Disable_All(void);
int HAL_disable_irq(void);
void HAL_enable_irq(int is);
uint8_t HAL_IsISR(void);

#ifdef __cplusplus
}
#endif
#endif
