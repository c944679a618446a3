// Network faults seen from an app (tests/scenarios/net-*.yaml drive it). It
// runs its own TCP server on loopback (a socket bound to port 0, so the port
// is one the host picked and free) and talks to it with TCPClient; only
// loopback addresses and names from the hosts table are used. Commands, one
// per line on Serial:
//   hold        connect a TCPClient to the own server, accept, exchange "hi"
//   check       write on both ends of the held connection, then ask connected()
//               (write errors: -230 SYSTEM_ERROR_NETWORK, -210 INVALID_STATE)
//   rtt         3 round trips client -> server -> client, in device ms, then "rtt: done"
//   udp         5 datagrams to an own UDP socket; how many arrive in 200 ms
//   dns NAME    resolve NAME, and connect to the own server by that name
// network_status system events are printed as "network_status: <name>".
#include "Particle.h"

SYSTEM_MODE(SEMI_AUTOMATIC);

static const char* statusName(int data)
{
    switch (data) {
    case network_status_powering_off: return "powering-off";
    case network_status_off: return "off";
    case network_status_powering_on: return "powering-on";
    case network_status_on: return "on";
    case network_status_connecting: return "connecting";
    case network_status_connected: return "connected";
    case network_status_disconnecting: return "disconnecting";
    case network_status_disconnected: return "disconnected";
    default: return "?";
    }
}

static int listener = -1;
static uint16_t serverPort = 0;
static TCPClient client;
static TCPClient accepted;
static String line;

static void onNetworkStatus(system_event_t event, int data)
{
    (void)event;
    Serial.printlnf("network_status: %s", statusName(data));
}

static bool startServer()
{
    if (listener >= 0) {
        return true;
    }
    listener = sock_socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    struct sockaddr_in a = {};
    a.sin_len = sizeof(a);
    a.sin_family = AF_INET;
    a.sin_port = 0;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (listener < 0 || sock_bind(listener, (struct sockaddr*)&a, sizeof(a)) || sock_listen(listener, 4)) {
        Serial.printlnf("server: failed, errno %d", errno);
        return false;
    }
    sock_fcntl(listener, F_SETFL, O_NONBLOCK);
    struct sockaddr_in got = {};
    socklen_t len = sizeof(got);
    sock_getsockname(listener, (struct sockaddr*)&got, &len);
    serverPort = ntohs(got.sin_port);
    return true;
}

// the connection the client just made, accepted on the server's side
static bool acceptOne()
{
    for (int i = 0; i < 100; i++) {
        int s = sock_accept(listener, nullptr, nullptr);
        if (s >= 0) {
            accepted = TCPClient(s);
            return true;
        }
        delay(5);
    }
    return false;
}

// reads n bytes from c within timeout ms (device time)
static String readN(TCPClient& c, int n, unsigned timeout)
{
    String got;
    system_tick_t start = millis();
    while ((int)got.length() < n && millis() - start < timeout) {
        if (c.available() > 0) {
            got += (char)c.read();
        } else {
            delay(1);
        }
    }
    return got;
}

static void hold()
{
    accepted.stop();
    int ok = startServer() ? client.connect(IPAddress(127, 0, 0, 1), serverPort) : 0;
    int acc = ok ? acceptOne() : 0;
    String echo;
    if (acc) {
        client.print("hi");
        echo = readN(accepted, 2, 1000);
    }
    Serial.printlnf("hold: connect=%d accepted=%d got=%s connected=%d", ok, acc, echo.c_str(), client.connected());
}

static void check()
{
    int n = (int)client.write((const uint8_t*)"x", 1);
    int err = client.getWriteError();
    int c = client.connected();
    while (accepted.available() > 0) { // what the peer has buffered counts as connected
        accepted.read();
    }
    int peer = (int)accepted.write((const uint8_t*)"y", 1);
    int peerErr = accepted.getWriteError();
    Serial.printlnf("check: write=%d error=%d connected=%d peer.write=%d peer.error=%d peer.connected=%d", n, err, c,
                    peer, peerErr, accepted.connected());
}

static void rtt()
{
    for (int i = 0; i < 3; i++) {
        system_tick_t start = millis();
        client.write('p');
        String a = readN(accepted, 1, 5000);
        accepted.write('q');
        String b = readN(client, 1, 5000);
        Serial.printlnf("rtt: %s%s %lu ms", a.c_str(), b.c_str(), (unsigned long)(millis() - start));
    }
    Serial.println("rtt: done");
}

static void udp()
{
    int s = sock_socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    struct sockaddr_in a = {};
    a.sin_len = sizeof(a);
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    sock_bind(s, (struct sockaddr*)&a, sizeof(a));
    socklen_t len = sizeof(a);
    sock_getsockname(s, (struct sockaddr*)&a, &len);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    int sent = 0, received = 0;
    for (int i = 0; i < 5; i++) {
        if (sock_sendto(s, "d", 1, 0, (struct sockaddr*)&a, sizeof(a)) == 1) {
            sent++;
        }
    }
    system_tick_t start = millis();
    while (millis() - start < 200) {
        struct pollfd p = { s, POLLIN, 0 };
        int left = 200 - (int)(millis() - start);
        if (sock_poll(&p, 1, left > 0 ? left : 0) <= 0) {
            continue;
        }
        char buf[8];
        if (sock_recv(s, buf, sizeof(buf), MSG_DONTWAIT) > 0) {
            received++;
        }
    }
    sock_close(s);
    Serial.printlnf("udp: sent %d received %d", sent, received);
}

static void dns(const String& name)
{
    IPAddress ip = Network.resolve(name);
    TCPClient c;
    int ok = startServer() ? c.connect(name, serverPort) : 0;
    if (ok) {
        acceptOne();
        accepted.stop();
    }
    c.stop();
    Serial.printlnf("dns: %s = %s connect=%d", name.c_str(), ip.toString().c_str(), ok);
}

void setup()
{
    Serial.begin(9600);
    System.on(network_status, onNetworkStatus);
    Network.connect();
}

void loop()
{
    while (Serial.available() > 0) {
        char c = Serial.read();
        if (c == '\r') {
            continue;
        }
        if (c != '\n') {
            line += c;
            continue;
        }
        String cmd = line;
        line = "";
        if (cmd == "hold") {
            hold();
        } else if (cmd == "check") {
            check();
        } else if (cmd == "rtt") {
            rtt();
        } else if (cmd == "udp") {
            udp();
        } else if (cmd.startsWith("dns ")) {
            dns(cmd.substring(4));
        } else {
            Serial.printlnf("unknown command: %s", cmd.c_str());
        }
    }
}
