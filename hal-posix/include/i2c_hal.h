/* hal-posix/include/i2c_hal.h - the I2C bus (Wire). The simulated bus has no
 * devices on it yet: every address is NACKed, as on a board with nothing
 * wired. Transactions are events. */
#ifndef VDEV_I2C_HAL_H
#define VDEV_I2C_HAL_H
#include "hal_platform.h"
#ifdef __cplusplus
extern "C" {
#endif

#define I2C_BUFFER_LENGTH 32
#define CLOCK_SPEED_100KHZ 100000
#define CLOCK_SPEED_400KHZ 400000

typedef enum HAL_I2C_Interface { HAL_I2C_INTERFACE1 = 0, HAL_I2C_INTERFACE2 = 1 } HAL_I2C_Interface;

void HAL_I2C_Begin(HAL_I2C_Interface i2c, uint8_t address, void *reserved);
void HAL_I2C_End(HAL_I2C_Interface i2c, void *reserved);
bool HAL_I2C_Is_Enabled(HAL_I2C_Interface i2c, void *reserved);
void HAL_I2C_Set_Speed(HAL_I2C_Interface i2c, uint32_t speed, void *reserved);
void HAL_I2C_Begin_Transmission(HAL_I2C_Interface i2c, uint8_t address, void *reserved);
int32_t HAL_I2C_Write_Data(HAL_I2C_Interface i2c, uint8_t data, void *reserved);
/* 0 success, 2 address not acknowledged, 4 other error */
uint8_t HAL_I2C_End_Transmission(HAL_I2C_Interface i2c, uint8_t stop, void *reserved);
int32_t HAL_I2C_Request_Data(HAL_I2C_Interface i2c, uint8_t address, uint8_t quantity, uint8_t stop, void *reserved);
int32_t HAL_I2C_Available_Data(HAL_I2C_Interface i2c, void *reserved);
int32_t HAL_I2C_Read_Data(HAL_I2C_Interface i2c, void *reserved);
int32_t HAL_I2C_Peek_Data(HAL_I2C_Interface i2c, void *reserved);

#ifdef __cplusplus
}
#endif
#endif
