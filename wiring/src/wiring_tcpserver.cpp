// vdev wiring: TCPServer over the socket HAL (see spark_wiring_tcpserver.h).
#include "spark_wiring_tcpserver.h"

#include <cerrno>
#include <cstring>

#include "system_network.h"

TCPServer::TCPServer(uint16_t port, network_interface_t nif) : _port(port), _nif(nif), _sock(-1) {}

TCPServer::TCPServer(const TCPServer& other) : Server(other), _port(other._port), _nif(other._nif), _sock(-1) {}

TCPServer& TCPServer::operator=(const TCPServer& other)
{
    if (this != &other) {
        stop();
        _port = other._port;
        _nif = other._nif;
    }
    return *this;
}

bool TCPServer::begin()
{
    if (_sock >= 0) { // listen afresh; the last client stays as it is
        sock_close(_sock);
        _sock = -1;
    }
    if (!network_ready())
        return false;
    const sock_handle_t s = sock_socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    if (s < 0)
        return false;
    int one = 1;
    sock_setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    struct sockaddr_storage ss;
    const socklen_t len = vdev_net_detail::to_sockaddr(IPAddress(0u), _port, &ss);
    const int flags = sock_fcntl(s, F_GETFL, 0);
    if (sock_bind(s, reinterpret_cast<const struct sockaddr*>(&ss), len) != 0 || sock_listen(s, 5) != 0 ||
        flags < 0 || sock_fcntl(s, F_SETFL, flags | O_NONBLOCK) != 0) {
        sock_close(s);
        return false;
    }
    _sock = s;
    return true;
}

TCPClient TCPServer::available()
{
    if (_sock < 0)
        begin();
    if (_sock < 0 || !network_ready()) {
        _client = TCPClient();
        return _client;
    }
    struct sockaddr_storage ss;
    socklen_t len = sizeof(ss);
    std::memset(&ss, 0, sizeof(ss));
    const sock_handle_t s = sock_accept(_sock, reinterpret_cast<struct sockaddr*>(&ss), &len);
    if (s < 0) {
        if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR && errno != ECONNABORTED) {
            // the listening socket broke (network down...): listen again later
            sock_close(_sock);
            _sock = -1;
        }
        _client = TCPClient();
        return _client;
    }
    // accepted sockets may inherit O_NONBLOCK; TCPClient does its own waiting
    const int flags = sock_fcntl(s, F_GETFL, 0);
    if (flags >= 0 && (flags & O_NONBLOCK))
        sock_fcntl(s, F_SETFL, flags & ~O_NONBLOCK);
    _client = TCPClient(s);
    if (!_client.remoteIP())
        _client.d_->remoteIP = vdev_net_detail::from_sockaddr(reinterpret_cast<struct sockaddr*>(&ss), nullptr);
    return _client;
}

size_t TCPServer::write(uint8_t b) { return write(&b, 1); }

size_t TCPServer::write(const uint8_t* buffer, size_t size)
{
    clearWriteError();
    const size_t n = _client.write(buffer, size);
    setWriteError(_client.getWriteError());
    return n;
}

size_t TCPServer::write(uint8_t b, system_tick_t timeout) { return write(&b, 1, timeout); }

size_t TCPServer::write(const uint8_t* buffer, size_t size, system_tick_t timeout)
{
    clearWriteError();
    const size_t n = _client.write(buffer, size, timeout);
    setWriteError(_client.getWriteError());
    return n;
}

void TCPServer::stop()
{
    _client.stop();
    if (_sock >= 0) {
        sock_close(_sock);
        _sock = -1;
    }
}
