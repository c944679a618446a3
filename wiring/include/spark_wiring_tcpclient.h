// vdev wiring: class TCPClient (Particle Device OS 1.4 API): a TCP
// connection over the socket HAL, IPv4 and (Gen 3) IPv6.
//
// - connect() returns 1 on success and 0 on every failure (empty address,
//   name that does not resolve, refused, unreachable, timeout): never a
//   negative value (Device OS 1.4.0 fix #1865/#1909). A connection attempt
//   waits at most TCPCLIENT_CONNECT_TIMEOUT_MS of device time per address.
// - Received data goes through a TCPCLIENT_BUF_MAX_SIZE (128) byte buffer
//   filled by non-blocking reads; available()/read()/peek() never block.
// - connected() stays true while the socket is open or buffered data
//   remains; a peer's close is noticed the next time the buffer is empty.
// - write(buf, size) blocks until the stack has taken every byte;
//   write(buf, size, timeout) gives up after `timeout` ms (0: send only what
//   fits now) and sets getWriteError() to SYSTEM_ERROR_TIMEOUT. Errors other
//   than a timeout set it to SYSTEM_ERROR_NETWORK.
// - flush() has nothing to wait for (writes have already been handed to the
//   stack) and does not discard received data; flush_buffer() does.
// - stop() closes at once (no wait for the peer; on Boron with a 1 s linger,
//   as the 1.4.0 modem fix #1909), so it returns well within 2 s.
// - Copies share one connection (as Device OS): a TCPClient returned by
//   TCPServer::available() stays open when the copy goes out of scope;
//   stop() closes it for every copy.
#ifndef SPARK_WIRING_TCPCLIENT_H
#define SPARK_WIRING_TCPCLIENT_H

#include <cstddef>
#include <cstdint>
#include <memory>

#include "socket_hal.h"
#include "spark_wiring_client.h"
#include "spark_wiring_ipaddress.h"
#include "spark_wiring_print.h"

#define TCPCLIENT_BUF_MAX_SIZE 128
// vdev: how long connect() waits for one address to answer (device time)
#define TCPCLIENT_CONNECT_TIMEOUT_MS 5000

class TCPClient : public Client {
public:
    TCPClient();
    // wraps an already connected socket (as TCPServer::available() does)
    TCPClient(sock_handle_t sock);
    virtual ~TCPClient() {}

    // 1 while the socket is open and the network is up
    uint8_t status();
    virtual int connect(IPAddress ip, uint16_t port, network_interface_t nif = 0) override;
    virtual int connect(const char* host, uint16_t port, network_interface_t nif = 0) override;
    virtual size_t write(uint8_t b) override;
    virtual size_t write(const uint8_t* buffer, size_t size) override;
    virtual size_t write(uint8_t b, system_tick_t timeout);
    virtual size_t write(const uint8_t* buffer, size_t size, system_tick_t timeout);
    virtual int available() override;
    virtual int read() override;
    virtual int read(uint8_t* buffer, size_t size) override;
    virtual int peek() override;
    virtual void flush() override;
    // discards the received data held in the buffer
    void flush_buffer();
    virtual void stop() override;
    virtual uint8_t connected() override;
    virtual operator bool() override;
    virtual IPAddress remoteIP() override;

    friend class TCPServer;
    using Print::write;

protected:
    sock_handle_t sock_handle() const { return d_->sock; }

private:
    struct Data {
        sock_handle_t sock;
        uint8_t buffer[TCPCLIENT_BUF_MAX_SIZE];
        uint16_t offset;
        uint16_t total;
        IPAddress remoteIP;
        explicit Data(sock_handle_t s) : sock(s), offset(0), total(0) {}
    };
    std::shared_ptr<Data> d_;

    int bufferCount() const { return d_->total - d_->offset; }
    bool isOpen() const { return d_->sock >= 0; }
    // reads what the socket has without blocking; closes it at end of stream
    void fill();
    void closeSocket();
};

// vdev internals shared by the network classes (not part of the Device OS API)
namespace vdev_net_detail {
// sockaddr for ip:port; returns its length (0 for an unusable address)
socklen_t to_sockaddr(const IPAddress& ip, uint16_t port, struct sockaddr_storage* out);
IPAddress from_sockaddr(const struct sockaddr* sa, uint16_t* port);
bool is_loopback(const IPAddress& ip);
// the first address for a name (IPv4 preferred), or an empty address
IPAddress resolve(const char* name);
// waits (device time) until the socket is ready for `events`; -1 waits
// forever. Returns the revents, 0 on timeout, -1 on error.
int wait_socket(sock_handle_t s, short events, int timeout_ms);
} // namespace vdev_net_detail

#endif // SPARK_WIRING_TCPCLIENT_H
