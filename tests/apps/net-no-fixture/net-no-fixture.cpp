// Device OS's on-device no_fixture network tests (TCP_01..04, and the WiFi
// and Cellular ones), as vdev runs them: `run-tests` in
// tests/scenarios/net-no-fixture.yaml (Argon) and net-no-fixture-boron.yaml
// (Boron). The "valid" server of TCP_03/04 is the app's own TCP server on
// loopback (a socket bound to port 0: the host picks a free port), reached
// by address (127.0.0.1) and by a name the scenario maps to it (hosts:
// tcp.vdev.test). Invalid names end in .invalid and are not in the table.
// The tests of the other interface skip.
#include "Particle.h"
#include "unit-test.h"

UNIT_TEST_APP();

namespace {

const char* const BOGUS = "this.host.does.not.exist.vdev.invalid";
const char* const SERVER_NAME = "tcp.vdev.test";

int listener = -1;
uint16_t serverPort = 0;
TCPClient peers[4]; // accepted connections, never closed by the server side
int npeers = 0;

uint16_t startServer()
{
    if (listener >= 0) {
        return serverPort;
    }
    listener = sock_socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    struct sockaddr_in a = {};
    a.sin_len = sizeof(a);
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (listener < 0 || sock_bind(listener, (struct sockaddr*)&a, sizeof(a)) || sock_listen(listener, 4)) {
        return 0;
    }
    sock_fcntl(listener, F_SETFL, O_NONBLOCK);
    socklen_t len = sizeof(a);
    sock_getsockname(listener, (struct sockaddr*)&a, &len);
    serverPort = ntohs(a.sin_port);
    return serverPort;
}

// the server's side of the connection just made, kept open
bool acceptPeer()
{
    for (int i = 0; i < 100; i++) {
        int s = sock_accept(listener, nullptr, nullptr);
        if (s >= 0) {
            peers[npeers++ % 4] = TCPClient(s);
            return true;
        }
        delay(5);
    }
    return false;
}

// a port on loopback that refuses connections: bound, never listening
uint16_t refusingPort()
{
    static int s = -1;
    static uint16_t port = 0;
    if (s < 0) {
        s = sock_socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        struct sockaddr_in a = {};
        a.sin_len = sizeof(a);
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        sock_bind(s, (struct sockaddr*)&a, sizeof(a));
        socklen_t len = sizeof(a);
        sock_getsockname(s, (struct sockaddr*)&a, &len);
        port = ntohs(a.sin_port);
    }
    return port;
}

} // namespace

// --- the network (either interface) -----------------------------------------

testing(NET_00_network_becomes_ready)
{
    if (Network.ready()) {
        pass();
    } else if (millis() > 60000) {
        fail();
    } else {
        delay(50); // lets the scenario runner grant time in long slices
    }
}

test(NET_01_resolve_of_a_bogus_host_is_0_0_0_0)
{
    IPAddress ip = Network.resolve(BOGUS);
    assertFalse((bool)ip);
    assertEqual(ip.toString(), "0.0.0.0");
}

test(NET_02_local_ip_is_valid)
{
    IPAddress ip = Network.localIP();
    assertTrue((bool)ip);
    assertEqual(ip.version(), 4);
    assertNotEqual(ip.toString(), "0.0.0.0");
}

// --- TCP ------------------------------------------------------------------------

test(TCP_01_connect_to_an_invalid_ip_returns_0)
{
    TCPClient client;
    assertEqual(client.connect(IPAddress(0, 0, 0, 0), 567), 0);
    assertFalse(client.connected());
}

test(TCP_02_connect_to_an_invalid_fqdn_returns_0)
{
    TCPClient client;
    assertEqual(client.connect(BOGUS, 567), 0);
    assertFalse(client.connected());
}

test(TCP_03_connect_to_a_valid_ip_returns_1_and_stop_is_fast)
{
    uint16_t port = startServer();
    assertNotEqual(port, 0);
    TCPClient client;
    assertEqual(client.connect(IPAddress(127, 0, 0, 1), port), 1);
    assertTrue(acceptPeer());
    assertTrue(client.connected());
    assertEqual(client.remoteIP().toString(), "127.0.0.1");
    assertEqual((int)client.write((const uint8_t*)"data", 4), 4);
    system_tick_t start = millis();
    client.stop(); // the peer keeps its end open
    assertLess(millis() - start, 2000u);
    assertFalse(client.connected());
}

test(TCP_04_connect_to_a_valid_fqdn_returns_1_and_stop_is_fast)
{
    uint16_t port = startServer();
    assertNotEqual(port, 0);
    TCPClient client;
    assertEqual(client.connect(SERVER_NAME, port), 1);
    assertTrue(acceptPeer());
    assertTrue(client.connected());
    system_tick_t start = millis();
    client.stop();
    assertLess(millis() - start, 2000u);
    assertEqual(client.connect("localhost", port), 1);
    assertTrue(acceptPeer());
    start = millis();
    client.stop();
    assertLess(millis() - start, 2000u);
}

test(TCP_05_connect_refused_returns_0)
{
    TCPClient client;
    assertEqual(client.connect(IPAddress(127, 0, 0, 1), refusingPort()), 0);
    assertFalse(client.connected());
    assertEqual(client.connect("localhost", refusingPort()), 0);
}

// --- WiFi (Argon, Photon) ---------------------------------------------------------

test(WIFI_01_resolve_of_a_bogus_host_is_0_0_0_0)
{
#if Wiring_WiFi
    assertEqual(WiFi.resolve(BOGUS).toString(), "0.0.0.0");
    assertEqual(WiFi.resolve("localhost").toString(), "127.0.0.1");
#else
    skip();
#endif
}

test(WIFI_02_local_ip_is_valid)
{
#if Wiring_WiFi
    assertTrue((bool)WiFi.localIP());
    assertNotEqual(WiFi.localIP().toString(), "0.0.0.0");
    assertTrue((bool)WiFi.gatewayIP());
    assertEqual(WiFi.subnetMask().toString(), "255.255.255.0");
#else
    skip();
#endif
}

test(WIFI_03_rssi_is_in_range)
{
#if Wiring_WiFi
    int rssi = WiFi.RSSI();
    assertMoreOrEqual(rssi, -127);
    assertLessOrEqual(rssi, -1);
#else
    skip();
#endif
}

test(WIFI_04_ready_and_not_connecting)
{
#if Wiring_WiFi
    assertTrue(WiFi.ready());
    assertFalse(WiFi.connecting());
    assertTrue(WiFi.hasCredentials());
#else
    skip();
#endif
}

// --- Cellular (Boron) ----------------------------------------------------------------

test(XCELL_01_resolve_of_a_bogus_host_is_0_0_0_0)
{
#if Wiring_Cellular
    assertEqual(Cellular.resolve(BOGUS).toString(), "0.0.0.0");
    assertEqual(Cellular.resolve("localhost").toString(), "127.0.0.1");
#else
    skip();
#endif
}

test(XCELL_02_local_ip_is_valid)
{
#if Wiring_Cellular
    assertTrue((bool)Cellular.localIP());
    assertNotEqual(Cellular.localIP().toString(), "0.0.0.0");
#else
    skip();
#endif
}

test(XCELL_03_rssi_is_in_range)
{
#if Wiring_Cellular
    CellularSignal sig = Cellular.RSSI();
    assertLess(sig.rssi, 0);
    assertMoreOrEqual(sig.rssi, -113);
    assertMoreOrEqual(sig.getStrength(), 0.0f);
    assertLessOrEqual(sig.getStrength(), 100.0f);
#else
    skip();
#endif
}

test(XCELL_04_ready_and_not_connecting)
{
#if Wiring_Cellular
    assertTrue(Cellular.ready());
    assertFalse(Cellular.connecting());
#else
    skip();
#endif
}
