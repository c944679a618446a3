// vdev wiring: SPIClass (`SPI`, `SPI1`) and SPISettings, on spi_hal.
#ifndef SPARK_WIRING_SPI_H
#define SPARK_WIRING_SPI_H

#include "pinmap_hal.h"
#include "spi_hal.h"
#include "spark_wiring_constants.h"

#include <cstddef>
#include <cstdint>

#define SPI_MODE0 0x00
#define SPI_MODE1 0x01
#define SPI_MODE2 0x02
#define SPI_MODE3 0x03
#define SPI_CLOCK_DIV2 0x00
#define SPI_CLOCK_DIV4 0x08
#define SPI_CLOCK_DIV8 0x10
#define SPI_CLOCK_DIV16 0x18
#define SPI_CLOCK_DIV32 0x20
#define SPI_CLOCK_DIV64 0x28
#define SPI_CLOCK_DIV128 0x30
#define SPI_CLOCK_DIV256 0x38
#define SPI_DEFAULT_SS ((uint16_t)(-1))
#define MHZ 1000000
#define KHZ 1000
#define HZ 1

typedef enum { SPI_MODE_MASTER = 0, SPI_MODE_SLAVE = 1 } SPI_Mode;
typedef void (*wiring_spi_dma_transfercomplete_callback_t)(void);

class SPISettings {
public:
    SPISettings() : clock_(4 * MHZ), order_(MSBFIRST), mode_(SPI_MODE0), default_(true) {}
    SPISettings(unsigned clock, uint8_t bitOrder, uint8_t dataMode)
        : clock_(clock), order_(bitOrder), mode_(dataMode), default_(false) {}
    unsigned clock() const { return clock_; }
    uint8_t bitOrder() const { return order_; }
    uint8_t dataMode() const { return mode_; }
    bool operator==(const SPISettings& o) const { return clock_ == o.clock_ && order_ == o.order_ && mode_ == o.mode_; }

private:
    unsigned clock_;
    uint8_t order_, mode_;
    bool default_;
};

class SPIClass {
public:
    explicit SPIClass(HAL_SPI_Interface spi) : spi_(spi) {}
    void begin() { begin(SPI_DEFAULT_SS); }
    void begin(uint16_t ss_pin) { HAL_SPI_Begin(spi_, ss_pin); }
    void begin(SPI_Mode mode, uint16_t ss_pin = SPI_DEFAULT_SS) { (void)mode; begin(ss_pin); }
    void end() { HAL_SPI_End(spi_); }
    void setBitOrder(uint8_t order) { order_ = order; apply(); }
    void setDataMode(uint8_t mode) { mode_ = mode; apply(); }
    void setClockDivider(uint8_t div) { clock_ = 64 * MHZ / (2u << (div >> 3)); apply(); }
    unsigned setClockSpeed(unsigned value, unsigned scale = HZ) { clock_ = value * scale; apply(); return clock_; }
    unsigned getClockSpeed() { return HAL_SPI_Get_Clock(spi_); }
    int32_t beginTransaction() { return 0; }
    int32_t beginTransaction(const SPISettings& s)
    {
        clock_ = s.clock();
        order_ = s.bitOrder();
        mode_ = s.dataMode();
        apply();
        return 0;
    }
    void endTransaction() {}
    uint8_t transfer(uint8_t data)
    {
        uint8_t rx;
        HAL_SPI_Transfer(spi_, &data, &rx, 1);
        return rx;
    }
    void transfer(const void* tx, void* rx, size_t length, wiring_spi_dma_transfercomplete_callback_t cb)
    {
        HAL_SPI_Transfer(spi_, static_cast<const uint8_t*>(tx), static_cast<uint8_t*>(rx), length);
        if (cb)
            cb();
    }
    void transferCancel() {}
    bool isEnabled() { return HAL_SPI_Is_Enabled(spi_); }
    bool trylock() { return true; }
    int lock() { return 0; }
    void unlock() {}

private:
    void apply() { HAL_SPI_Set_Settings(spi_, clock_, order_, mode_); }
    HAL_SPI_Interface spi_;
    unsigned clock_ = 4 * MHZ;
    uint8_t order_ = MSBFIRST, mode_ = SPI_MODE0;
};

extern SPIClass SPI;
extern SPIClass SPI1;

#endif
