// vdev wiring: class UDP (Particle Device OS 1.4 API): datagrams over the
// socket HAL, IPv4.
//
// - begin(port) binds port (0: any free port) on every address of the device
//   and returns 1, or 0 when the network is not up or it cannot be bound.
// - One buffer (512 bytes unless setBuffer() says otherwise, allocated on
//   first use) holds the packet being built (beginPacket/write/endPacket)
//   and the packet being read (parsePacket/read). write() past its end
//   writes nothing more and sets getWriteError(). A received datagram larger
//   than the buffer is truncated to the buffer's size; the rest is lost.
//   After releaseBuffer() there is none: beginPacket() returns 0 and
//   parsePacket() 0, while sendPacket()/receivePacket() still work.
// - sendPacket()/endPacket() return the number of bytes sent, or a negative
//   value (not begun, IPv6 destination, datagram too large for the stack,
//   network error). receivePacket() returns the datagram's size (truncated
//   to the given buffer), 0 when none arrived within `timeout` ms (0: don't
//   wait), or a negative value when the socket is unusable (call begin()
//   again). parsePacket() returns the size of the packet now buffered, 0 when
//   there is none.
// - flush() does nothing (sends are immediate); flush_buffer() discards the
//   buffered packet.
// - joinMulticast()/leaveMulticast() return 0 on success, negative on error.
// - Printing a UDP object prints the unread part of the buffered packet.
#ifndef SPARK_WIRING_UDP_H
#define SPARK_WIRING_UDP_H

#include <cstddef>
#include <cstdint>

#include "spark_wiring_ipaddress.h"
#include "spark_wiring_printable.h"
#include "spark_wiring_stream.h"

#define UDP_DEFAULT_BUFFER_SIZE 512

class UDP : public Stream, public Printable {
public:
    UDP();
    // a copy shares the socket (stop() on either closes it) but has its own
    // buffer; destroying a UDP frees its buffer and leaves the socket open,
    // as Device OS does: call stop() to close it
    UDP(const UDP& other);
    UDP& operator=(const UDP& other);
    virtual ~UDP();

    // uses `buffer` (not freed by UDP) or, when NULL, allocates `buffer_size`
    // bytes; false when no buffer could be had
    bool setBuffer(size_t buffer_size, uint8_t* buffer = NULL);
    void releaseBuffer();

    virtual uint8_t begin(uint16_t port, network_interface_t nif = 0);
    virtual void stop();

    virtual int beginPacket(IPAddress ip, uint16_t port);
    virtual int beginPacket(const char* host, uint16_t port);
    virtual int endPacket();

    virtual int sendPacket(const uint8_t* buffer, size_t buffer_size, IPAddress destination, uint16_t port);
    virtual int sendPacket(const char* buffer, size_t buffer_size, IPAddress destination, uint16_t port)
    {
        return sendPacket(reinterpret_cast<const uint8_t*>(buffer), buffer_size, destination, port);
    }

    virtual size_t write(uint8_t b) override;
    virtual size_t write(const uint8_t* buffer, size_t size) override;

    virtual int parsePacket(system_tick_t timeout = 0);
    virtual int receivePacket(uint8_t* buffer, size_t buf_size, system_tick_t timeout = 0);
    virtual int receivePacket(char* buffer, size_t buf_size, system_tick_t timeout = 0)
    {
        return receivePacket(reinterpret_cast<uint8_t*>(buffer), buf_size, timeout);
    }

    virtual int available() override;
    virtual int read() override;
    virtual int read(unsigned char* buffer, size_t len);
    virtual int read(char* buffer, size_t len) { return read(reinterpret_cast<unsigned char*>(buffer), len); }
    virtual int peek() override;
    virtual void flush() override;
    void flush_buffer();

    virtual IPAddress remoteIP() { return _remoteIP; }
    virtual uint16_t remotePort() { return _remotePort; }

    int joinMulticast(const IPAddress& ip);
    int leaveMulticast(const IPAddress& ip);

    virtual size_t printTo(Print& p) const override;

    using Print::write;

private:
    int _sock;
    uint16_t _port;
    network_interface_t _nif;
    IPAddress _remoteIP;
    uint16_t _remotePort;
    uint8_t* _buffer;
    size_t _buffer_size;
    size_t _offset;
    size_t _total;
    bool _buffer_allocated;

    bool haveBuffer();
    int multicast(const IPAddress& ip, bool join);
};

#endif // SPARK_WIRING_UDP_H
