/* hal-posix/include/spi_hal.h - the SPI bus. Nothing is attached to it yet:
 * MISO idles high, so every byte clocked in reads 0xFF. Transfers are events. */
#ifndef VDEV_SPI_HAL_H
#define VDEV_SPI_HAL_H
#include "hal_platform.h"
#ifdef __cplusplus
extern "C" {
#endif

typedef enum HAL_SPI_Interface { HAL_SPI_INTERFACE1 = 0, HAL_SPI_INTERFACE2 = 1 } HAL_SPI_Interface;

void HAL_SPI_Begin(HAL_SPI_Interface spi, uint16_t ss_pin);
void HAL_SPI_End(HAL_SPI_Interface spi);
bool HAL_SPI_Is_Enabled(HAL_SPI_Interface spi);
void HAL_SPI_Set_Settings(HAL_SPI_Interface spi, uint32_t clock, uint8_t bit_order, uint8_t mode);
uint32_t HAL_SPI_Get_Clock(HAL_SPI_Interface spi);
/* Full duplex: tx may be NULL (sends 0xFF), rx may be NULL. */
void HAL_SPI_Transfer(HAL_SPI_Interface spi, const uint8_t *tx, uint8_t *rx, size_t len);

#ifdef __cplusplus
}
#endif
#endif
