// vdev wiring: the global bus objects Wire, SPI and SPI1.
#include "spark_wiring_i2c.h"
#include "spark_wiring_spi.h"

TwoWire& __fetch_global_Wire()
{
    static TwoWire wire(HAL_I2C_INTERFACE1);
    return wire;
}

SPIClass SPI(HAL_SPI_INTERFACE1);
SPIClass SPI1(HAL_SPI_INTERFACE2);
