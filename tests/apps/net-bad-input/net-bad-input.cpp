// Bad input to the network API: none of it may crash or hang the device.
// Once the network is up it prints one "bad: <what> = <result> <errno>" line
// per call (handles that are not sockets, a double close, wrong socket
// states, bad options, oversized datagrams, running out of handles...),
// resolves the names of the e2e test's hosts file ("resolve <name> = <ip>"),
// then holds a TCP connection to its own server on loopback and a UDP
// socket, and writes on both every 100 ms, printing each change of result:
// the e2e test (net_bad_input) drops the link under them.
#include "Particle.h"
#include "netdb_hal.h"

SYSTEM_MODE(SEMI_AUTOMATIC);

namespace {

const char* errname(int e)
{
    switch (e) {
    case 0: return "0";
    case EBADF: return "EBADF";
    case EINVAL: return "EINVAL";
    case EFAULT: return "EFAULT";
    case EMSGSIZE: return "EMSGSIZE";
    case EAFNOSUPPORT: return "EAFNOSUPPORT";
    case EPROTONOSUPPORT: return "EPROTONOSUPPORT";
    case EADDRNOTAVAIL: return "EADDRNOTAVAIL";
    case EOPNOTSUPP: return "EOPNOTSUPP";
    case ENOTCONN: return "ENOTCONN";
    case EDESTADDRREQ: return "EDESTADDRREQ";
    case ENOPROTOOPT: return "ENOPROTOOPT";
    case ENFILE: return "ENFILE";
    case EMFILE: return "EMFILE";
    case ECONNABORTED: return "ECONNABORTED";
    case ENETUNREACH: return "ENETUNREACH";
    case ENETDOWN: return "ENETDOWN";
    case EPIPE: return "EPIPE";
    case EWOULDBLOCK: return "EWOULDBLOCK";
    default: return "other";
    }
}

// one line: the call's result, and errno when it is negative
void bad(const char* what, long result)
{
    int e = errno;
    Serial.printlnf("bad: %s = %ld %s", what, result, result < 0 ? errname(e) : "");
}
#define BAD(what, call) \
    do {                \
        errno = 0;      \
        long r_ = (call); \
        bad(what, r_);  \
    } while (0)

struct sockaddr_in loopback(uint16_t port)
{
    struct sockaddr_in a = {};
    a.sin_len = sizeof(a);
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return a;
}

uint16_t portOf(int s)
{
    struct sockaddr_in a = {};
    socklen_t len = sizeof(a);
    sock_getsockname(s, (struct sockaddr*)&a, &len);
    return ntohs(a.sin_port);
}

void handles()
{
    char buf[8] = "x";
    BAD("sock_send(99)", sock_send(99, buf, 1, 0));
    BAD("sock_send(-1)", sock_send(-1, buf, 1, 0));
    BAD("sock_send(128)", sock_send(128, buf, 1, 0));
    BAD("sock_recv(99)", sock_recv(99, buf, sizeof(buf), MSG_DONTWAIT));
    BAD("sock_close(99)", sock_close(99));
    BAD("sock_connect(99)", sock_connect(99, nullptr, 0));
    int s = sock_socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    BAD("sock_close", sock_close(s));
    BAD("sock_close again", sock_close(s));
    BAD("sock_send after close", sock_send(s, buf, 1, 0));
    BAD("sock_setsockopt after close", sock_setsockopt(s, SOL_SOCKET, SO_REUSEADDR, "\1\0\0\0", 4));
    struct pollfd p = { s, POLLIN, 0 };
    long r = sock_poll(&p, 1, 0);
    Serial.printlnf("bad: sock_poll closed = %ld revents %s", r, p.revents == POLLNVAL ? "POLLNVAL" : "other");
    fd_set rd;
    FD_ZERO(&rd);
    FD_SET(s, &rd);
    struct timeval tv = { 0, 0 };
    BAD("sock_select closed", sock_select(s + 1, &rd, nullptr, nullptr, &tv));
}

void states()
{
    char buf[8] = "x";
    BAD("sock_socket(family 99)", sock_socket(99, SOCK_STREAM, 0));
    BAD("sock_socket(type 99)", sock_socket(AF_INET, 99, 0));
    int u = sock_socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    struct sockaddr_in any = loopback(0);
    BAD("sock_bind", sock_bind(u, (struct sockaddr*)&any, sizeof(any)));
    BAD("sock_bind twice", sock_bind(u, (struct sockaddr*)&any, sizeof(any)));
    BAD("sock_listen(udp)", sock_listen(u, 1));
    BAD("sock_send(udp, no peer)", sock_send(u, buf, 1, 0));
    BAD("sock_setsockopt(NULL)", sock_setsockopt(u, SOL_SOCKET, SO_RCVTIMEO, nullptr, 0));
    BAD("sock_setsockopt(level 99)", sock_setsockopt(u, 99, 1, "\1\0\0\0", 4));
    BAD("sock_fcntl(cmd 99)", sock_fcntl(u, 99));
    BAD("sock_shutdown(how 7)", sock_shutdown(u, 7));
    BAD("sock_connect(NULL)", sock_connect(u, nullptr, 0));
    struct sockaddr_in zero = loopback(9);
    zero.sin_addr.s_addr = 0;
    int t = sock_socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    BAD("sock_connect(0.0.0.0)", sock_connect(t, (struct sockaddr*)&zero, sizeof(zero)));
    struct sockaddr_in port0 = loopback(0);
    BAD("sock_connect(port 0)", sock_connect(t, (struct sockaddr*)&port0, sizeof(port0)));
    BAD("sock_recv(tcp, unconnected)", sock_recv(t, buf, sizeof(buf), MSG_DONTWAIT));
    BAD("sock_send(tcp, unconnected)", sock_send(t, buf, 1, 0));
    BAD("sock_accept(not listening)", sock_accept(t, nullptr, nullptr));
    static struct pollfd many[200];
    BAD("sock_poll(200 fds)", sock_poll(many, 200, 0));
    BAD("sock_poll(NULL, 1)", sock_poll(nullptr, 1, 0));
    BAD("sock_select(nfds 1000)", sock_select(1000, nullptr, nullptr, nullptr, nullptr));

    // datagrams: the largest IPv4 one goes, a larger one does not
    static uint8_t big[70000];
    struct sockaddr_in self = loopback(portOf(u));
    BAD("sock_sendto(65507)", sock_sendto(u, big, 65507, 0, (struct sockaddr*)&self, sizeof(self)));
    BAD("sock_recv(65507 sent, 8 read)", sock_recv(u, buf, sizeof(buf), MSG_DONTWAIT));
    BAD("sock_recv(the rest was cut)", sock_recv(u, buf, sizeof(buf), MSG_DONTWAIT));
    BAD("sock_sendto(70000)", sock_sendto(u, big, sizeof(big), 0, (struct sockaddr*)&self, sizeof(self)));
    UDP udp;
    BAD("UDP.sendPacket before begin", udp.sendPacket(big, 10, IPAddress(127, 0, 0, 1), 9));
    BAD("UDP.begin(0)", udp.begin(0));
    BAD("UDP.sendPacket(70000)", udp.sendPacket(big, sizeof(big), IPAddress(127, 0, 0, 1), portOf(u)) < 0 ? -1 : 0);
    BAD("UDP.beginPacket(bogus name)", udp.beginPacket("nothing.vdev.invalid", 9));
    BAD("UDP.parsePacket(nothing)", udp.parsePacket());
    udp.stop();
    udp.stop();
    BAD("UDP.sendPacket after stop", udp.sendPacket(big, 10, IPAddress(127, 0, 0, 1), 9) < 0 ? -1 : 0);
    sock_close(t);
    sock_close(u);

    // names and TCPClient misuse
    struct addrinfo* res = nullptr;
    BAD("netdb_getaddrinfo(NULL, NULL)", netdb_getaddrinfo(nullptr, nullptr, nullptr, &res));
    char longName[600];
    memset(longName, 'a', sizeof(longName) - 1);
    longName[sizeof(longName) - 1] = 0;
    BAD("netdb_getaddrinfo(600 chars)", netdb_getaddrinfo(longName, nullptr, nullptr, &res));
    netdb_freeaddrinfo(nullptr);
    Serial.printlnf("bad: Network.resolve(NULL) = %s", Network.resolve(nullptr).toString().c_str());
    TCPClient c;
    BAD("TCPClient.connect(NULL)", c.connect((const char*)nullptr, 80));
    BAD("TCPClient.connect(\"\")", c.connect("", 80));
    BAD("TCPClient.connect(600 chars)", c.connect(longName, 80));
    BAD("TCPClient.write before connect", (long)c.write((const uint8_t*)"x", 1));
    BAD("TCPClient.getWriteError", c.getWriteError());
    BAD("TCPClient.read before connect", c.read());
    c.stop();
    c.stop();
    BAD("TCPClient.connected after two stops", c.connected());
}

// every handle in use, then all given back
void exhaustion()
{
    static int socks[200];
    int n = 0;
    int err = 0;
    for (; n < 200; n++) {
        socks[n] = sock_socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
        if (socks[n] < 0) {
            err = errno;
            break;
        }
    }
    Serial.printlnf("bad: sockets until exhausted = %d %s", n, errname(err));
    for (int i = 0; i < n; i++) {
        sock_close(socks[i]);
    }
    int s = sock_socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    Serial.printlnf("bad: socket after closing them = %d", s >= 0 ? 1 : 0);
    sock_close(s);
}

void names()
{
    static const char* const list[] = { "good.vdev.test", "alias.vdev.test", "six.vdev.test", "second.vdev.test",
                                        "bad-address.vdev.test", "name.vdev.test", "nothing.vdev.invalid" };
    for (const char* name : list) {
        Serial.printlnf("resolve %s = %s", name, Network.resolve(name).toString().c_str());
    }
}

// --- the held connection ----------------------------------------------------------
int listener = -1;
TCPClient client, peer;
int udpSock = -1;
struct sockaddr_in udpPeer;
String lastState;

void hold()
{
    listener = sock_socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    struct sockaddr_in a = loopback(0);
    sock_bind(listener, (struct sockaddr*)&a, sizeof(a));
    sock_listen(listener, 2);
    int ok = client.connect(IPAddress(127, 0, 0, 1), portOf(listener));
    int s = sock_accept(listener, nullptr, nullptr);
    peer = TCPClient(s);
    udpSock = sock_socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    sock_bind(udpSock, (struct sockaddr*)&a, sizeof(a));
    udpPeer = loopback(portOf(udpSock));
    Serial.printlnf("held: connect=%d accepted=%d", ok, s >= 0 ? 1 : 0);
}

void writeAll()
{
    // what each end received is read: connected() stays true while unread data remains
    while (client.available() > 0) {
        client.read();
    }
    while (peer.available() > 0) {
        peer.read();
    }
    errno = 0;
    int w = (int)client.write((const uint8_t*)"w", 1);
    int c = client.connected();
    int pw = (int)peer.write((const uint8_t*)"w", 1);
    errno = 0;
    long u = sock_sendto(udpSock, "u", 1, 0, (struct sockaddr*)&udpPeer, sizeof(udpPeer));
    int ue = errno;
    char b[8];
    while (sock_recv(udpSock, b, sizeof(b), MSG_DONTWAIT) > 0) {
    }
    String state = String::format("write=%d connected=%d peer.write=%d udp.sendto=%ld %s ready=%d", w, c, pw, u,
                                  u < 0 ? errname(ue) : "", Network.ready());
    if (state != lastState) {
        Serial.printlnf("state at %lu: %s", (unsigned long)millis(), state.c_str());
        lastState = state;
    }
}

} // namespace

void setup()
{
    Serial.begin(9600);
    Network.connect();
}

void loop()
{
    static bool done = false;
    if (!done && Network.ready()) {
        done = true;
        handles();
        states();
        exhaustion();
        names();
        hold();
        Serial.println("bad: done");
    }
    if (done) {
        writeAll();
        delay(100);
    }
}
