// vdev wiring: UDP over the socket HAL (see spark_wiring_udp.h).
#include "spark_wiring_udp.h"

#include <cerrno>
#include <cstring>
#include <new>

#include "spark_wiring_print.h"
#include "spark_wiring_tcpclient.h"
#include "system_network.h"

using namespace vdev_net_detail;

UDP::UDP()
    : _sock(-1), _port(0), _nif(0), _remotePort(0), _buffer(nullptr), _buffer_size(UDP_DEFAULT_BUFFER_SIZE),
      _offset(0), _total(0), _buffer_allocated(false)
{
}

UDP::UDP(const UDP& other)
    : Stream(other), Printable(other), _sock(-1), _port(0), _nif(0), _remotePort(0), _buffer(nullptr),
      _buffer_size(UDP_DEFAULT_BUFFER_SIZE), _offset(0), _total(0), _buffer_allocated(false)
{
    *this = other;
}

UDP& UDP::operator=(const UDP& other)
{
    if (this == &other)
        return *this;
    Stream::operator=(other);
    releaseBuffer();
    _sock = other._sock;
    _port = other._port;
    _nif = other._nif;
    _remoteIP = other._remoteIP;
    _remotePort = other._remotePort;
    _buffer_size = other._buffer_size;
    if (other._buffer && setBuffer(other._buffer_size)) {
        std::memcpy(_buffer, other._buffer, other._total);
        _offset = other._offset;
        _total = other._total;
    }
    return *this;
}

UDP::~UDP() { releaseBuffer(); }

bool UDP::setBuffer(size_t buffer_size, uint8_t* buffer)
{
    releaseBuffer();
    if (buffer_size == 0)
        return false;
    if (buffer) {
        _buffer = buffer;
    } else {
        _buffer = new (std::nothrow) uint8_t[buffer_size];
        _buffer_allocated = _buffer != nullptr;
    }
    _buffer_size = _buffer ? buffer_size : 0;
    return _buffer != nullptr;
}

void UDP::releaseBuffer()
{
    if (_buffer_allocated)
        delete[] _buffer;
    _buffer = nullptr;
    _buffer_allocated = false;
    _buffer_size = 0;
    flush_buffer();
}

// the default buffer is allocated on first use (not after releaseBuffer())
bool UDP::haveBuffer()
{
    if (!_buffer && _buffer_size)
        setBuffer(_buffer_size);
    return _buffer != nullptr;
}

uint8_t UDP::begin(uint16_t port, network_interface_t nif)
{
    stop();
    if (!network_ready())
        return 0;
    const int s = sock_socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    if (s < 0)
        return 0;
    int one = 1;
    sock_setsockopt(s, SOL_SOCKET, SO_BROADCAST, &one, sizeof(one));
    struct sockaddr_storage ss;
    const socklen_t len = to_sockaddr(IPAddress(0u), port, &ss);
    if (sock_bind(s, reinterpret_cast<const struct sockaddr*>(&ss), len) != 0) {
        sock_close(s);
        return 0;
    }
    _sock = s;
    _port = port;
    _nif = nif;
    haveBuffer();
    flush_buffer();
    return 1;
}

void UDP::stop()
{
    if (_sock >= 0)
        sock_close(_sock);
    _sock = -1;
    flush_buffer();
}

int UDP::beginPacket(IPAddress ip, uint16_t port)
{
    _remoteIP = ip;
    _remotePort = port;
    flush_buffer();
    return haveBuffer() ? 1 : 0;
}

int UDP::beginPacket(const char* host, uint16_t port)
{
    const IPAddress ip = resolve(host);
    if (!ip)
        return 0;
    return beginPacket(ip, port);
}

int UDP::endPacket()
{
    const int r = sendPacket(_buffer, _offset, _remoteIP, _remotePort);
    flush_buffer();
    return r;
}

int UDP::sendPacket(const uint8_t* buffer, size_t buffer_size, IPAddress destination, uint16_t port)
{
    if (_sock < 0 || (!buffer && buffer_size))
        return -1;
    if (destination.version() == 6)
        return SYSTEM_ERROR_NOT_SUPPORTED; // the socket is IPv4
    struct sockaddr_storage ss;
    const socklen_t len = to_sockaddr(destination, port, &ss);
    const ssize_t n = sock_sendto(_sock, buffer, buffer_size, 0, reinterpret_cast<const struct sockaddr*>(&ss), len);
    return n < 0 ? -1 : static_cast<int>(n);
}

size_t UDP::write(uint8_t b) { return write(&b, 1); }

size_t UDP::write(const uint8_t* buffer, size_t size)
{
    if (!buffer || !haveBuffer())
        return 0;
    size_t room = _buffer_size > _offset ? _buffer_size - _offset : 0;
    if (size > room) {
        setWriteError();
        size = room;
    }
    std::memcpy(_buffer + _offset, buffer, size);
    _offset += size;
    return size;
}

int UDP::receivePacket(uint8_t* buffer, size_t buf_size, system_tick_t timeout)
{
    if (_sock < 0 || !buffer)
        return -1;
    if (timeout) {
        const int ready = wait_socket(_sock, POLLIN, static_cast<int>(timeout > 0x7FFFFFFFu ? 0x7FFFFFFFu : timeout));
        if (ready == 0)
            return 0;
        if (ready < 0)
            return -1;
    }
    struct sockaddr_storage ss;
    socklen_t len = sizeof(ss);
    std::memset(&ss, 0, sizeof(ss));
    const ssize_t n = sock_recvfrom(_sock, buffer, buf_size, MSG_DONTWAIT, reinterpret_cast<struct sockaddr*>(&ss), &len);
    if (n < 0)
        return (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) ? 0 : -1;
    _remoteIP = from_sockaddr(reinterpret_cast<struct sockaddr*>(&ss), &_remotePort);
    // a datagram longer than buf_size was truncated by the stack
    return static_cast<int>(static_cast<size_t>(n) > buf_size ? buf_size : static_cast<size_t>(n));
}

int UDP::parsePacket(system_tick_t timeout)
{
    flush_buffer(); // a new packet: what was left of the previous one goes
    if (!haveBuffer())
        return 0;
    const int n = receivePacket(_buffer, _buffer_size, timeout);
    if (n > 0)
        _total = static_cast<size_t>(n);
    return available();
}

int UDP::available() { return static_cast<int>(_total - _offset); }

int UDP::read() { return available() > 0 ? _buffer[_offset++] : -1; }

int UDP::read(unsigned char* buffer, size_t len)
{
    if (!buffer || available() <= 0)
        return -1;
    size_t n = _total - _offset;
    if (n > len)
        n = len;
    std::memcpy(buffer, _buffer + _offset, n);
    _offset += n;
    return static_cast<int>(n);
}

int UDP::peek() { return available() > 0 ? _buffer[_offset] : -1; }

void UDP::flush() {}

void UDP::flush_buffer() { _offset = _total = 0; }

int UDP::multicast(const IPAddress& ip, bool join)
{
    if (_sock < 0)
        return SYSTEM_ERROR_INVALID_STATE;
    if (ip.version() == 6)
        return SYSTEM_ERROR_NOT_SUPPORTED;
    if ((ip[0] & 0xF0) != 0xE0)
        return SYSTEM_ERROR_INVALID_ARGUMENT; // not 224.0.0.0/4
    struct ip_mreq mreq;
    std::memset(&mreq, 0, sizeof(mreq));
    mreq.imr_multiaddr.s_addr = sock_htonl(ip.raw().ipv4);
    mreq.imr_interface.s_addr = sock_htonl(INADDR_ANY);
    if (sock_setsockopt(_sock, IPPROTO_IP, join ? IP_ADD_MEMBERSHIP : IP_DROP_MEMBERSHIP, &mreq, sizeof(mreq)) != 0)
        return SYSTEM_ERROR_NETWORK;
    return 0;
}

int UDP::joinMulticast(const IPAddress& ip) { return multicast(ip, true); }

int UDP::leaveMulticast(const IPAddress& ip) { return multicast(ip, false); }

size_t UDP::printTo(Print& p) const
{
    if (!_buffer || _total <= _offset)
        return 0;
    return p.write(_buffer + _offset, _total - _offset);
}
