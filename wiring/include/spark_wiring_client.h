// vdev wiring: abstract class Client (Particle Device OS 1.4 API): a
// connected byte stream that can connect, report its state and stop.
// TCPClient implements it; libraries (TLS, MQTT...) take a Client&.
#ifndef SPARK_WIRING_CLIENT_H
#define SPARK_WIRING_CLIENT_H

#include <cstddef>
#include <cstdint>

#include "spark_wiring_ipaddress.h"
#include "spark_wiring_stream.h"

class Client : public Stream {
public:
    // 1 when connected, 0 on failure
    virtual int connect(IPAddress ip, uint16_t port, network_interface_t nif = 0) = 0;
    virtual int connect(const char* host, uint16_t port, network_interface_t nif = 0) = 0;
    virtual size_t write(uint8_t b) = 0;
    virtual size_t write(const uint8_t* buffer, size_t size) = 0;
    virtual int available() = 0;
    virtual int read() = 0;
    virtual int read(uint8_t* buffer, size_t size) = 0;
    virtual int peek() = 0;
    virtual void flush() = 0;
    virtual void stop() = 0;
    virtual uint8_t connected() = 0;
    virtual operator bool() = 0;
    // the peer's address (an empty address when unknown)
    virtual IPAddress remoteIP() { return IPAddress(); }

    using Print::write;

protected:
    // the address's storage, for subclasses that talk to the HAL directly
    HAL_IPAddress& rawIPAddress(IPAddress& addr) { return addr.raw(); }
};

#endif // SPARK_WIRING_CLIENT_H
