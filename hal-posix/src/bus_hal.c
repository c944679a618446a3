/* hal-posix/src/bus_hal.c - the I2C and SPI buses. No simulated peripherals
 * are attached yet: I2C addresses are NACKed (endTransmission() returns 2,
 * requestFrom() returns 0) and SPI reads 0xFF (MISO idle high). Every
 * transaction is an `i2c` or `spi` event, with the bytes in hex. */
#include "i2c_hal.h"
#include "spi_hal.h"

#include "../../sim/events.h"
#include "../../sim/sched.h"

#include <stdio.h>
#include <string.h>

static struct {
    bool enabled;
    uint32_t speed;
    uint8_t address;      /* of the transmission being built */
    bool transmitting;
    uint8_t tx[I2C_BUFFER_LENGTH];
    size_t txlen;
    uint8_t rx[I2C_BUFFER_LENGTH];
    size_t rxlen, rxpos;
} I2C[2];

static struct {
    bool enabled;
    uint32_t clock;
    uint8_t order, mode;
    uint16_t ss;
} SPI[2];

static bool bad_i2c(HAL_I2C_Interface i) { return (unsigned)i > HAL_I2C_INTERFACE2; }
static bool bad_spi(HAL_SPI_Interface s) { return (unsigned)s > HAL_SPI_INTERFACE2; }

static void hex(char *out, const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        sprintf(out + 2 * i, "%02x", p[i]);
    out[2 * n] = 0;
}

/* Bus time: 9 clocks a byte (8 bits and the acknowledge). */
static void bus_time(uint32_t clock, size_t bytes)
{
    if (clock)
        vdev_clock_advance((uint64_t)bytes * 9u * 1000000u / clock);
}

void HAL_I2C_Begin(HAL_I2C_Interface i, uint8_t address, void *reserved)
{
    (void)reserved;
    (void)address;
    if (bad_i2c(i))
        return;
    I2C[i].enabled = true;
    if (!I2C[i].speed)
        I2C[i].speed = CLOCK_SPEED_100KHZ;
}

void HAL_I2C_End(HAL_I2C_Interface i, void *reserved)
{
    (void)reserved;
    if (!bad_i2c(i))
        I2C[i].enabled = false;
}

bool HAL_I2C_Is_Enabled(HAL_I2C_Interface i, void *reserved)
{
    (void)reserved;
    return !bad_i2c(i) && I2C[i].enabled;
}

void HAL_I2C_Set_Speed(HAL_I2C_Interface i, uint32_t speed, void *reserved)
{
    (void)reserved;
    if (!bad_i2c(i) && speed)
        I2C[i].speed = speed;
}

void HAL_I2C_Begin_Transmission(HAL_I2C_Interface i, uint8_t address, void *reserved)
{
    (void)reserved;
    if (bad_i2c(i))
        return;
    I2C[i].address = address;
    I2C[i].transmitting = true;
    I2C[i].txlen = 0;
}

int32_t HAL_I2C_Write_Data(HAL_I2C_Interface i, uint8_t data, void *reserved)
{
    (void)reserved;
    if (bad_i2c(i) || !I2C[i].transmitting || I2C[i].txlen == I2C_BUFFER_LENGTH)
        return 0;
    I2C[i].tx[I2C[i].txlen++] = data;
    return 1;
}

uint8_t HAL_I2C_End_Transmission(HAL_I2C_Interface i, uint8_t stop, void *reserved)
{
    (void)reserved;
    (void)stop;
    if (bad_i2c(i) || !I2C[i].enabled || !I2C[i].transmitting)
        return 4;
    I2C[i].transmitting = false;
    char data[I2C_BUFFER_LENGTH * 2 + 1];
    hex(data, I2C[i].tx, I2C[i].txlen);
    bus_time(I2C[i].speed, 1); /* the address byte, not acknowledged */
    vdev_event("i2c", "{s:s,s:i,s:s,s:b}", "op", "write", "address", I2C[i].address, "data", data, "ack", 0);
    return 2;
}

int32_t HAL_I2C_Request_Data(HAL_I2C_Interface i, uint8_t address, uint8_t quantity, uint8_t stop, void *reserved)
{
    (void)reserved;
    (void)stop;
    if (bad_i2c(i) || !I2C[i].enabled)
        return 0;
    I2C[i].rxlen = I2C[i].rxpos = 0;
    bus_time(I2C[i].speed, 1);
    vdev_event("i2c", "{s:s,s:i,s:i,s:b}", "op", "read", "address", address, "quantity", quantity, "ack", 0);
    return 0;
}

int32_t HAL_I2C_Available_Data(HAL_I2C_Interface i, void *reserved)
{
    (void)reserved;
    return bad_i2c(i) ? 0 : (int32_t)(I2C[i].rxlen - I2C[i].rxpos);
}

int32_t HAL_I2C_Read_Data(HAL_I2C_Interface i, void *reserved)
{
    (void)reserved;
    if (bad_i2c(i) || I2C[i].rxpos >= I2C[i].rxlen)
        return -1;
    return I2C[i].rx[I2C[i].rxpos++];
}

int32_t HAL_I2C_Peek_Data(HAL_I2C_Interface i, void *reserved)
{
    (void)reserved;
    if (bad_i2c(i) || I2C[i].rxpos >= I2C[i].rxlen)
        return -1;
    return I2C[i].rx[I2C[i].rxpos];
}

void HAL_SPI_Begin(HAL_SPI_Interface s, uint16_t ss_pin)
{
    if (bad_spi(s))
        return;
    SPI[s].enabled = true;
    SPI[s].ss = ss_pin;
    if (!SPI[s].clock)
        SPI[s].clock = 4000000;
}

void HAL_SPI_End(HAL_SPI_Interface s)
{
    if (!bad_spi(s))
        SPI[s].enabled = false;
}

bool HAL_SPI_Is_Enabled(HAL_SPI_Interface s) { return !bad_spi(s) && SPI[s].enabled; }

void HAL_SPI_Set_Settings(HAL_SPI_Interface s, uint32_t clock, uint8_t bit_order, uint8_t mode)
{
    if (bad_spi(s))
        return;
    if (clock)
        SPI[s].clock = clock;
    SPI[s].order = bit_order;
    SPI[s].mode = mode & 3;
}

uint32_t HAL_SPI_Get_Clock(HAL_SPI_Interface s) { return bad_spi(s) ? 0 : SPI[s].clock; }

void HAL_SPI_Transfer(HAL_SPI_Interface s, const uint8_t *tx, uint8_t *rx, size_t len)
{
    if (rx)
        memset(rx, 0xFF, len);
    if (bad_spi(s) || !SPI[s].enabled || !len)
        return;
    char data[2 * 64 + 1];
    size_t shown = len < 64 ? len : 64;
    if (tx)
        hex(data, tx, shown);
    else
        memset(data, 'f', 2 * shown), data[2 * shown] = 0;
    vdev_clock_advance((uint64_t)len * 8u * 1000000u / SPI[s].clock);
    vdev_event("spi", "{s:i,s:s,s:i}", "bus", (int)s, "tx", data, "length", (int)len);
}
