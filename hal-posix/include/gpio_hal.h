/* hal-posix/include/gpio_hal.h - digital pins, analog in/out, pulse timing. */
#ifndef VDEV_GPIO_HAL_H
#define VDEV_GPIO_HAL_H

#include "pinmap_hal.h"

#ifdef __cplusplus
extern "C" {
#endif

void HAL_Pin_Mode(pin_t pin, PinMode mode);
PinMode HAL_Get_Pin_Mode(pin_t pin);
void HAL_GPIO_Write(pin_t pin, uint8_t value);
int32_t HAL_GPIO_Read(pin_t pin);
uint32_t HAL_Pulse_In(pin_t pin, uint16_t value);
bool HAL_Pin_Is_Valid(pin_t pin);

/* ADC: 12-bit values, set from outside the device */
int32_t HAL_ADC_Read(pin_t pin);
void HAL_ADC_Set_Sample_Time(uint8_t sample_time);

/* PWM / DAC */
void HAL_PWM_Write_Ext(pin_t pin, uint32_t value);
void HAL_PWM_Write_With_Frequency_Ext(pin_t pin, uint32_t value, uint32_t pwm_frequency);
uint32_t HAL_PWM_Get_Frequency_Ext(pin_t pin);
uint32_t HAL_PWM_Get_AnalogValue_Ext(pin_t pin);
uint32_t HAL_PWM_Get_Max_Frequency(pin_t pin);
uint8_t HAL_PWM_Get_Resolution(pin_t pin);
void HAL_PWM_Set_Resolution(pin_t pin, uint8_t resolution);
void HAL_DAC_Write(pin_t pin, uint16_t value);

#ifdef __cplusplus
}
#endif
#endif
