// vdev wiring: TwoWire (`Wire`), the I2C master/slave API, on i2c_hal.
#ifndef SPARK_WIRING_I2C_H
#define SPARK_WIRING_I2C_H

#include "i2c_hal.h"
#include "spark_wiring_stream.h"

class TwoWire : public Stream {
public:
    explicit TwoWire(HAL_I2C_Interface i2c) : i2c_(i2c) {}
    void setSpeed(uint32_t clock) { HAL_I2C_Set_Speed(i2c_, clock, nullptr); }
    void setClock(uint32_t clock) { setSpeed(clock); }
    void enableDMAMode(bool) {}
    void stretchClock(bool) {}
    void begin() { HAL_I2C_Begin(i2c_, 0, nullptr); }
    void begin(uint8_t address) { HAL_I2C_Begin(i2c_, address, nullptr); }
    void begin(int address) { begin((uint8_t)address); }
    void end() { HAL_I2C_End(i2c_, nullptr); }
    size_t requestFrom(uint8_t address, size_t quantity, uint8_t sendStop = true)
    {
        return (size_t)HAL_I2C_Request_Data(i2c_, address, (uint8_t)(quantity > 255 ? 255 : quantity), sendStop, nullptr);
    }
    size_t requestFrom(int address, int quantity, int sendStop = true)
    {
        return requestFrom((uint8_t)address, (size_t)quantity, (uint8_t)sendStop);
    }
    void beginTransmission(uint8_t address) { HAL_I2C_Begin_Transmission(i2c_, address, nullptr); }
    void beginTransmission(int address) { beginTransmission((uint8_t)address); }
    uint8_t endTransmission(uint8_t sendStop = true) { return HAL_I2C_End_Transmission(i2c_, sendStop, nullptr); }
    virtual size_t write(uint8_t data) override { return (size_t)HAL_I2C_Write_Data(i2c_, data, nullptr); }
    virtual size_t write(const uint8_t* data, size_t n) override
    {
        size_t k = 0;
        while (k < n && write(data[k]))
            k++;
        return k;
    }
    virtual int available() override { return HAL_I2C_Available_Data(i2c_, nullptr); }
    virtual int read() override { return HAL_I2C_Read_Data(i2c_, nullptr); }
    virtual int peek() override { return HAL_I2C_Peek_Data(i2c_, nullptr); }
    virtual void flush() override {}
    void onReceive(void (*fn)(int)) { onReceive_ = fn; }
    void onRequest(void (*fn)(void)) { onRequest_ = fn; }
    bool lock() { return true; }
    bool unlock() { return true; }
    bool isEnabled() { return HAL_I2C_Is_Enabled(i2c_, nullptr); }
    void reset() {}
    using Print::write;

private:
    HAL_I2C_Interface i2c_;
    void (*onReceive_)(int) = nullptr;
    void (*onRequest_)(void) = nullptr;
};

TwoWire& __fetch_global_Wire();
#define Wire __fetch_global_Wire()

#endif
