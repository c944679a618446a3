// vdev wiring: the serial ports. USBSerial is `Serial` (the host's
// stdin/stdout); USARTSerial is `Serial1` (a host pty).
#ifndef SPARK_WIRING_USARTSERIAL_H
#define SPARK_WIRING_USARTSERIAL_H

#include "spark_wiring_stream.h"
#include "usart_hal.h"

class USARTSerial : public Stream {
public:
    explicit USARTSerial(HAL_USART_Serial serial) : serial_(serial) {}
    virtual ~USARTSerial() {}
    void begin(unsigned long baud);
    void begin(unsigned long baud, uint32_t config);
    void halfduplex(bool enable);
    void end();
    virtual void blockOnOverrun(bool block);
    virtual int availableForWrite(void);
    virtual int available(void);
    virtual int peek(void);
    virtual int read(void);
    virtual void flush(void);
    virtual size_t write(uint8_t c);
    virtual size_t write(const uint8_t* buffer, size_t size);
    size_t write(uint16_t c) { return write((uint8_t)c); }
    size_t write(unsigned long n) { return write((uint8_t)n); }
    size_t write(long n) { return write((uint8_t)n); }
    size_t write(unsigned int n) { return write((uint8_t)n); }
    size_t write(int n) { return write((uint8_t)n); }
    using Print::write;
    operator bool() { return true; }
    bool isEnabled(void);
    void breakTx(void) {}
    bool breakRx(void) { return false; }
    void lock() {}
    void unlock() {}
    bool try_lock() { return true; }

private:
    HAL_USART_Serial serial_;
};

class USBSerial : public Stream {
public:
    explicit USBSerial(HAL_USB_USART_Serial serial) : serial_(serial) {}
    unsigned int baud();
    operator bool();
    bool isEnabled();
    bool isConnected();
    void begin(long speed = 9600);
    void end();
    int peek();
    virtual size_t write(uint8_t c);
    virtual size_t write(const uint8_t* buffer, size_t size);
    using Print::write;
    virtual int read();
    virtual int availableForWrite(void);
    virtual int available();
    virtual void flush();
    virtual void blockOnOverrun(bool) {}
    bool try_lock() { return true; }
    void lock() {}
    void unlock() {}

private:
    HAL_USB_USART_Serial serial_;
};

USBSerial& _fetch_usbserial();
USARTSerial& _fetch_usart1();
#define Serial _fetch_usbserial()
#define Serial1 _fetch_usart1()

void serialEvent() __attribute__((weak));
void serialEvent1() __attribute__((weak));
void usbSerialEvent1() __attribute__((weak));

#endif
