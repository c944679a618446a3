// vdev wiring: TCPClient over the socket HAL (see spark_wiring_tcpclient.h),
// and the address/socket helpers the other network classes share.
#include "spark_wiring_tcpclient.h"

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "netdb_hal.h"
#include "system_network.h"
#include "timer_hal.h"

namespace vdev_net_detail {

socklen_t to_sockaddr(const IPAddress& ip, uint16_t port, struct sockaddr_storage* out)
{
    std::memset(out, 0, sizeof(*out));
    if (ip.version() == 6) {
        struct sockaddr_in6* a = reinterpret_cast<struct sockaddr_in6*>(out);
        a->sin6_len = sizeof(*a);
        a->sin6_family = AF_INET6;
        a->sin6_port = sock_htons(port);
        std::memcpy(a->sin6_addr.s6_addr, ip.raw().ipv6, 16);
        return sizeof(*a);
    }
    struct sockaddr_in* a = reinterpret_cast<struct sockaddr_in*>(out);
    a->sin_len = sizeof(*a);
    a->sin_family = AF_INET;
    a->sin_port = sock_htons(port);
    a->sin_addr.s_addr = sock_htonl(ip.raw().ipv4);
    return sizeof(*a);
}

IPAddress from_sockaddr(const struct sockaddr* sa, uint16_t* port)
{
    IPAddress ip;
    uint16_t p = 0;
    if (sa && sa->sa_family == AF_INET6) {
        const struct sockaddr_in6* a = reinterpret_cast<const struct sockaddr_in6*>(sa);
        const uint8_t* b = a->sin6_addr.s6_addr;
        static const uint8_t mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };
        if (std::memcmp(b, mapped, 12) == 0)
            ip = IPAddress(b[12], b[13], b[14], b[15]);
        else
            ip.set_ipv6(b);
        p = sock_htons(a->sin6_port);
    } else if (sa && sa->sa_family == AF_INET) {
        const struct sockaddr_in* a = reinterpret_cast<const struct sockaddr_in*>(sa);
        ip = IPAddress(static_cast<uint32_t>(sock_htonl(a->sin_addr.s_addr)));
        p = sock_htons(a->sin_port);
    }
    if (port)
        *port = p;
    return ip;
}

bool is_loopback(const IPAddress& ip)
{
    if (ip.version() == 6) {
        static const uint8_t one[16] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 };
        return std::memcmp(ip.raw().ipv6, one, 16) == 0;
    }
    return ip[0] == 127;
}

IPAddress resolve(const char* name)
{
    if (!name || !*name)
        return IPAddress();
    struct addrinfo hints;
    std::memset(&hints, 0, sizeof(hints));
    hints.ai_family = AF_UNSPEC;
    struct addrinfo* res = nullptr;
    if (netdb_getaddrinfo(name, nullptr, &hints, &res) != 0 || !res)
        return IPAddress();
    IPAddress v4, v6;
    for (struct addrinfo* ai = res; ai; ai = ai->ai_next) {
        IPAddress ip = from_sockaddr(ai->ai_addr, nullptr);
        if (!ip)
            continue;
        if (ip.version() == 6) {
            if (!v6)
                v6 = ip;
        } else if (!v4) {
            v4 = ip;
        }
    }
    netdb_freeaddrinfo(res);
    return v4 ? v4 : v6;
}

int wait_socket(sock_handle_t s, short events, int timeout_ms)
{
    const system_tick_t start = HAL_Timer_Get_Milli_Seconds();
    for (;;) {
        int wait = timeout_ms;
        if (timeout_ms > 0) {
            const system_tick_t spent = HAL_Timer_Get_Milli_Seconds() - start;
            wait = spent >= (system_tick_t)timeout_ms ? 0 : timeout_ms - (int)spent;
        }
        struct pollfd p;
        p.fd = s;
        p.events = events;
        p.revents = 0;
        const int r = sock_poll(&p, 1, wait);
        if (r > 0)
            return p.revents ? p.revents : events;
        if (r == 0)
            return 0;
        if (errno != EINTR)
            return -1;
    }
}

} // namespace vdev_net_detail

using namespace vdev_net_detail;

namespace {

const system_tick_t WAIT_FOREVER = 0xFFFFFFFFu;

// the network is usable for this peer (loopback needs no interface)
bool network_usable(const IPAddress& peer)
{
    return is_loopback(peer) || network_ready();
}

void set_send_timeout(sock_handle_t s, unsigned ms)
{
    struct timeval tv;
    tv.tv_sec = ms / 1000;
    tv.tv_usec = (ms % 1000) * 1000;
    sock_setsockopt(s, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
}

// one connection attempt, blocking (in device time) for at most
// TCPCLIENT_CONNECT_TIMEOUT_MS; the connected socket, or -1
sock_handle_t connect_one(const IPAddress& ip, uint16_t port)
{
    struct sockaddr_storage ss;
    const socklen_t len = to_sockaddr(ip, port, &ss);
    const sock_handle_t s = sock_socket(ip.version() == 6 ? AF_INET6 : AF_INET, SOCK_STREAM, IPPROTO_TCP);
    if (s < 0)
        return -1;
    // the socket HAL bounds a blocking connect by the send timeout
    set_send_timeout(s, TCPCLIENT_CONNECT_TIMEOUT_MS);
    if (sock_connect(s, reinterpret_cast<const struct sockaddr*>(&ss), len) != 0) {
        sock_close(s);
        return -1;
    }
    set_send_timeout(s, 0); // writes do their own waiting
    return s;
}

} // namespace

TCPClient::TCPClient() : d_(std::make_shared<Data>(-1)) {}

TCPClient::TCPClient(sock_handle_t sock) : d_(std::make_shared<Data>(sock))
{
    if (sock >= 0) {
        struct sockaddr_storage ss;
        socklen_t len = sizeof(ss);
        std::memset(&ss, 0, sizeof(ss));
        if (sock_getpeername(sock, reinterpret_cast<struct sockaddr*>(&ss), &len) == 0)
            d_->remoteIP = from_sockaddr(reinterpret_cast<struct sockaddr*>(&ss), nullptr);
    }
}

int TCPClient::connect(IPAddress ip, uint16_t port, network_interface_t nif)
{
    (void)nif; // one interface per device
    stop();
    if (!ip || port == 0 || !network_usable(ip))
        return 0;
    const sock_handle_t s = connect_one(ip, port);
    if (s < 0)
        return 0;
    d_->sock = s;
    d_->remoteIP = ip;
    return 1;
}

int TCPClient::connect(const char* host, uint16_t port, network_interface_t nif)
{
    (void)nif;
    stop();
    if (!host || !*host || port == 0)
        return 0;
    struct addrinfo hints;
    std::memset(&hints, 0, sizeof(hints));
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_protocol = IPPROTO_TCP;
    struct addrinfo* res = nullptr;
    if (netdb_getaddrinfo(host, nullptr, &hints, &res) != 0 || !res)
        return 0;
    int ok = 0;
    for (struct addrinfo* ai = res; ai && !ok; ai = ai->ai_next) {
        const IPAddress ip = from_sockaddr(ai->ai_addr, nullptr);
        if (!ip || !network_usable(ip))
            continue;
        const sock_handle_t s = connect_one(ip, port);
        if (s >= 0) {
            d_->sock = s;
            d_->remoteIP = ip;
            ok = 1;
        }
    }
    netdb_freeaddrinfo(res);
    return ok;
}

void TCPClient::closeSocket()
{
    if (d_->sock < 0)
        return;
    if (network_has_cellular()) {
        // the SARA-R410M fix of 1.4.0 (#1909): a short linger, never a long close
        struct linger lg;
        lg.l_onoff = 1;
        lg.l_linger = 1;
        sock_setsockopt(d_->sock, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg));
    }
    sock_close(d_->sock);
    d_->sock = -1;
}

void TCPClient::fill()
{
    if (!isOpen())
        return;
    if (d_->offset == d_->total)
        d_->offset = d_->total = 0;
    if (d_->total >= sizeof(d_->buffer))
        return;
    const ssize_t n = sock_recv(d_->sock, d_->buffer + d_->total, sizeof(d_->buffer) - d_->total, MSG_DONTWAIT);
    if (n > 0) {
        d_->total += static_cast<uint16_t>(n);
    } else if (n == 0) {
        closeSocket(); // the peer closed: what is buffered can still be read
    } else if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
        closeSocket(); // reset or broken
    }
}

int TCPClient::available()
{
    if (bufferCount() == 0)
        fill();
    return bufferCount();
}

int TCPClient::read()
{
    if (available() <= 0)
        return -1;
    return d_->buffer[d_->offset++];
}

int TCPClient::read(uint8_t* buffer, size_t size)
{
    if (!buffer || size == 0 || available() <= 0)
        return -1;
    size_t n = static_cast<size_t>(bufferCount());
    if (n > size)
        n = size;
    std::memcpy(buffer, d_->buffer + d_->offset, n);
    d_->offset += static_cast<uint16_t>(n);
    return static_cast<int>(n);
}

int TCPClient::peek()
{
    if (available() <= 0)
        return -1;
    return d_->buffer[d_->offset];
}

void TCPClient::flush_buffer() { d_->offset = d_->total = 0; }

void TCPClient::flush()
{
    // sock_send() has already handed every byte written to the stack
}

size_t TCPClient::write(uint8_t b) { return write(&b, 1, WAIT_FOREVER); }

size_t TCPClient::write(const uint8_t* buffer, size_t size) { return write(buffer, size, WAIT_FOREVER); }

size_t TCPClient::write(uint8_t b, system_tick_t timeout) { return write(&b, 1, timeout); }

size_t TCPClient::write(const uint8_t* buffer, size_t size, system_tick_t timeout)
{
    clearWriteError();
    if (!isOpen()) {
        setWriteError(SYSTEM_ERROR_INVALID_STATE);
        return 0;
    }
    if (!buffer || size == 0)
        return 0;
    const system_tick_t start = HAL_Timer_Get_Milli_Seconds();
    size_t sent = 0;
    while (sent < size) {
        const ssize_t n = sock_send(d_->sock, buffer + sent, size - sent, MSG_DONTWAIT);
        if (n > 0) {
            sent += static_cast<size_t>(n);
            continue;
        }
        if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
            setWriteError(SYSTEM_ERROR_NETWORK);
            break;
        }
        int wait = -1;
        if (timeout != WAIT_FOREVER) {
            const system_tick_t spent = HAL_Timer_Get_Milli_Seconds() - start;
            if (spent >= timeout) {
                setWriteError(SYSTEM_ERROR_TIMEOUT);
                break;
            }
            wait = static_cast<int>(timeout - spent);
        }
        if (wait_socket(d_->sock, POLLOUT, wait) < 0) {
            setWriteError(SYSTEM_ERROR_NETWORK);
            break;
        }
    }
    return sent;
}

void TCPClient::stop()
{
    closeSocket();
    flush_buffer();
    d_->remoteIP.clear();
}

uint8_t TCPClient::status() { return isOpen() && network_usable(d_->remoteIP) ? 1 : 0; }

uint8_t TCPClient::connected()
{
    if (bufferCount() > 0)
        return 1;
    if (!isOpen())
        return 0;
    if (!status()) {
        stop(); // the network went down under the connection
        return 0;
    }
    fill(); // notices a peer's close
    return (bufferCount() > 0 || isOpen()) ? 1 : 0;
}

TCPClient::operator bool() { return status() != 0; }

IPAddress TCPClient::remoteIP() { return d_->remoteIP; }
