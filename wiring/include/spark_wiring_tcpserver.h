// vdev wiring: class TCPServer (Particle Device OS 1.4 API): listens on a TCP
// port (IPv4, any address of the device).
//
// - begin() returns false while the network is not up; available() then
//   retries it, so a server begun too early starts listening once it is.
// - available() never blocks: it accepts one pending connection and returns
//   it, or returns an invalid client (`if (client)` false) when none is
//   pending. As in Device OS, the accepted connection stays open when the
//   returned copy goes out of scope; keep a copy and stop() it when done.
// - write()/print() go to the last client that available() returned (the
//   Device OS behaviour; it becomes invalid when a later available() call
//   finds nothing pending). getWriteError() reports that client's error.
#ifndef SPARK_WIRING_TCPSERVER_H
#define SPARK_WIRING_TCPSERVER_H

#include <cstddef>
#include <cstdint>

#include "spark_wiring_server.h"
#include "spark_wiring_tcpclient.h"

class TCPServer : public Server {
public:
    TCPServer(uint16_t port, network_interface_t nif = 0);
    // a copy takes the port, not the listening socket (it listens on its
    // first begin()/available()): `TCPServer server = TCPServer(23);` works
    TCPServer(const TCPServer& other);
    TCPServer& operator=(const TCPServer& other);
    virtual ~TCPServer() { stop(); }

    TCPClient available();
    virtual bool begin() override;
    virtual size_t write(uint8_t b) override;
    virtual size_t write(const uint8_t* buffer, size_t size) override;
    virtual size_t write(uint8_t b, system_tick_t timeout);
    virtual size_t write(const uint8_t* buffer, size_t size, system_tick_t timeout);
    // closes the listening socket and the last client
    void stop();

    using Print::write;

private:
    uint16_t _port;
    network_interface_t _nif;
    sock_handle_t _sock;
    TCPClient _client;
};

#endif // SPARK_WIRING_TCPSERVER_H
