// Device OS 1.4.0 #1895: sock_poll() and sock_select() on sockets. A UDP
// socket bound on loopback (port 0: one the host picks) is polled before and
// after a datagram arrives (from a second socket of the app), with poll and
// with select and a zero timeval; a timeout of 100 ms waits 100 ms of device
// time; a listening TCP socket is readable once a connection is pending; a
// handle that is not a socket gives POLLNVAL (poll) or EBADF (select).
#include "Particle.h"

SYSTEM_MODE(SEMI_AUTOMATIC);

static struct sockaddr_in loopback(uint16_t port)
{
    struct sockaddr_in a = {};
    a.sin_len = sizeof(a);
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return a;
}

static uint16_t portOf(int s)
{
    struct sockaddr_in a = {};
    socklen_t len = sizeof(a);
    sock_getsockname(s, (struct sockaddr*)&a, &len);
    return ntohs(a.sin_port);
}

static String flags(short revents)
{
    String s;
    if (revents & POLLIN) s += "IN|";
    if (revents & POLLOUT) s += "OUT|";
    if (revents & POLLERR) s += "ERR|";
    if (revents & POLLHUP) s += "HUP|";
    if (revents & POLLNVAL) s += "NVAL|";
    if (s.length()) {
        s.remove(s.length() - 1);
    } else {
        s = "0";
    }
    return s;
}

static void pollLine(const char* what, int s, short events, int timeout)
{
    struct pollfd p = { s, events, 0 };
    system_tick_t start = millis();
    int r = sock_poll(&p, 1, timeout);
    Serial.printlnf("poll %s: %d revents %s after %lu ms", what, r, flags(p.revents).c_str(),
                    (unsigned long)(millis() - start));
}

static void selectLine(const char* what, int s)
{
    fd_set rd;
    FD_ZERO(&rd);
    FD_SET(s, &rd);
    struct timeval tv = { 0, 0 };
    int r = sock_select(s + 1, &rd, nullptr, nullptr, &tv);
    Serial.printlnf("select %s: %d isset %d", what, r, FD_ISSET(s, &rd) ? 1 : 0);
}

static void run()
{
    int rx = sock_socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    int tx = sock_socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    struct sockaddr_in a = loopback(0);
    sock_bind(rx, (struct sockaddr*)&a, sizeof(a));
    struct sockaddr_in to = loopback(portOf(rx));
    char buf[16];

    pollLine("udp empty", rx, POLLIN, 0);
    sock_sendto(tx, "one", 3, 0, (struct sockaddr*)&to, sizeof(to));
    pollLine("udp after datagram", rx, POLLIN, 0);
    Serial.printlnf("recv %d", (int)sock_recv(rx, buf, sizeof(buf), MSG_DONTWAIT));
    pollLine("udp drained", rx, POLLIN, 0);
    pollLine("udp timeout 100", rx, POLLIN, 100);

    selectLine("udp empty", rx);
    sock_sendto(tx, "two", 3, 0, (struct sockaddr*)&to, sizeof(to));
    selectLine("udp after datagram", rx);
    Serial.printlnf("recv %d", (int)sock_recv(rx, buf, sizeof(buf), MSG_DONTWAIT));
    selectLine("udp drained", rx);

    // several sockets at once: only the one with data is ready
    struct pollfd two[2] = { { rx, POLLIN, 0 }, { tx, POLLIN, 0 } };
    sock_sendto(tx, "three", 5, 0, (struct sockaddr*)&to, sizeof(to));
    int r = sock_poll(two, 2, 0);
    Serial.printlnf("poll two sockets: %d revents %s %s", r, flags(two[0].revents).c_str(),
                    flags(two[1].revents).c_str());
    sock_recv(rx, buf, sizeof(buf), MSG_DONTWAIT);

    // a listening TCP socket is readable when a connection is pending
    int lst = sock_socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    sock_bind(lst, (struct sockaddr*)&a, sizeof(a));
    sock_listen(lst, 2);
    pollLine("tcp listener idle", lst, POLLIN, 0);
    int cl = sock_socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    struct sockaddr_in srv = loopback(portOf(lst));
    Serial.printlnf("tcp connect %d", sock_connect(cl, (struct sockaddr*)&srv, sizeof(srv)));
    pollLine("tcp listener pending", lst, POLLIN, 0);
    pollLine("tcp client writable", cl, POLLOUT, 0);

    // not sockets
    struct pollfd bad = { 99, POLLIN, 0 };
    r = sock_poll(&bad, 1, 0);
    Serial.printlnf("poll handle 99: %d revents %s", r, flags(bad.revents).c_str());
    fd_set rd;
    FD_ZERO(&rd);
    FD_SET(99, &rd);
    struct timeval tv = { 0, 0 };
    errno = 0;
    r = sock_select(100, &rd, nullptr, nullptr, &tv);
    Serial.printlnf("select handle 99: %d errno %s", r, errno == EBADF ? "EBADF" : String(errno).c_str());

    sock_close(cl);
    sock_close(lst);
    sock_close(tx);
    sock_close(rx);
    Serial.println("done");
}

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
        run();
    }
}
