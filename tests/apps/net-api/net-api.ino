// Exercises the networking API of Device OS 1.4 (IPAddress, TCPClient,
// TCPServer, UDP, Network, WiFi on Argon/Photon, Cellular on Boron) so that
// it compiles as a device app would, and prints what a test can check.
// Lines start with "net:" and are printed once, after the network is up (or
// after 30 s without it). Every peer is on loopback (127.0.0.1, localhost) or
// does not exist: the app sends nothing to other addresses.
SYSTEM_MODE(SEMI_AUTOMATIC);

TCPServer server(8081);
TCPClient held; // the server's last client, kept across loop()
UDP udp;
bool done = false;

static void line(const char* what, const String& value) { Serial.printlnf("net: %s=%s", what, value.c_str()); }
static void line(const char* what, int value) { Serial.printlnf("net: %s=%d", what, value); }

// (callbacks are class members: the .ino preprocessor declares free functions
// before any #if, and WiFiAccessPoint exists only where WiFi does)
#if Wiring_WiFi
struct ScanCounter {
    int seen = 0;
    static void onAp(WiFiAccessPoint* ap, void* cookie)
    {
        static_cast<ScanCounter*>(cookie)->seen++;
        Serial.printlnf("net: scan ssid=%s rssi=%d ch=%d sec=%d", ap->ssid, ap->rssi, ap->channel,
                        (int)ap->security);
    }
    static void onApTyped(WiFiAccessPoint* ap, ScanCounter* counter)
    {
        (void)ap;
        counter->seen++;
    }
};
#endif

#if Wiring_Cellular
struct Modem {
    static int onReply(int type, const char* buf, int len, char* out)
    {
        if (type == TYPE_PLUS || type == TYPE_UNKNOWN) {
            // the line comes as "\r\n<text>\r\n"
            sscanf(buf, "\r\n%63[^\r]", out);
        }
        (void)len;
        return WAIT;
    }
};
#endif

static void ipaddress_api()
{
    IPAddress a(192, 168, 0, 1);
    IPAddress b(0xC0A80001u);
    const uint8_t bytes[4] = { 192, 168, 0, 1 };
    IPAddress c(bytes);
    IPAddress empty;
    line("ip.text", a.toString());
    line("ip.eq", a == b && a == c && a == bytes && !(a != b));
    line("ip.octet0", a[0]);
    line("ip.bool", (bool)a);
    line("ip.empty.bool", (bool)empty);
    line("ip.version", a.version());
    HAL_IPAddress raw = a.raw();
    IPAddress d(raw);
    d[3] = 2;
    line("ip.octet.set", d.toString());
    uint8_t v6b[16] = { 0x20, 0x01, 0x0d, 0xb8 };
    v6b[15] = 1;
    IPAddress v6;
    v6.set_ipv6(v6b);
    line("ip6.text", v6.toString());
    line("ip6.bool", v6 ? 1 : 0);
    Serial.print("net: ip.print=");
    Serial.println(a);
    String s = String(a);
    line("ip.string", s);
    empty.set_ipv4(10, 0, 0, 1);
    empty.clear();
}

static void network_api()
{
    line("network.ready", Network.ready());
    line("network.connecting", Network.connecting());
    line("network.listening", Network.listening());
    Network.setListenTimeout(60);
    line("network.listenTimeout", Network.getListenTimeout());
    line("network.localIP", Network.localIP().toString());
    line("network.resolve.bogus", Network.resolve("does.not.exist.invalid").toString());
    line("network.resolve.localhost", Network.resolve("localhost").toString());
    NetworkClass& n = Network.from(0);
    (void)n;
#if Wiring_WiFi
    uint8_t mac[6], bssid[6];
    WiFi.macAddress(mac);
    WiFi.BSSID(bssid);
    Serial.printlnf("net: wifi.mac=%02x:%02x:%02x:%02x:%02x:%02x", mac[0], mac[1], mac[2], mac[3], mac[4], mac[5]);
    line("wifi.ssid", String(WiFi.SSID()));
    line("wifi.localIP", WiFi.localIP().toString());
    line("wifi.subnetMask", WiFi.subnetMask().toString());
    line("wifi.gatewayIP", WiFi.gatewayIP().toString());
    line("wifi.dnsServerIP", WiFi.dnsServerIP().toString());
    line("wifi.dhcpServerIP", WiFi.dhcpServerIP().toString());
    int8_t rssi = WiFi.RSSI();
    line("wifi.rssi", rssi);
    WiFiSignal sig = WiFi.RSSI();
    Serial.printlnf("net: wifi.signal strength=%.1f quality=%.1f value=%.1f", sig.getStrength(), sig.getQuality(),
                    sig.getStrengthValue());
    Serial.print("net: wifi.rssi.print=");
    Serial.println(WiFi.RSSI());
    line("wifi.resolve.bogus", WiFi.resolve("does.not.exist.invalid").toString());
    line("wifi.ping.loopback", WiFi.ping(IPAddress(127, 0, 0, 1)));
    line("wifi.ping.one", WiFi.ping(IPAddress(127, 0, 0, 1), 1));
    line("wifi.hasCredentials", WiFi.hasCredentials());
    line("wifi.hostname.default", WiFi.hostname() == System.deviceID());
    WiFi.setHostname("vdev-host");
    line("wifi.hostname", WiFi.hostname());
    WiFi.setHostname(NULL);
    WiFiAccessPoint stored[5];
    line("wifi.getCredentials", WiFi.getCredentials(stored, 5));
    WiFiAccessPoint aps[10];
    int found = WiFi.scan(aps, 10);
    line("wifi.scan.array", found);
    ScanCounter seen;
    line("wifi.scan.callback", WiFi.scan(ScanCounter::onAp, &seen));
    line("wifi.scan.callback.seen", seen.seen);
    ScanCounter counter;
    WiFi.scan(ScanCounter::onApTyped, &counter);
    line("wifi.scan.typed", counter.seen);
    line("wifi.setCredentials.empty", WiFi.setCredentials(""));
    if (false) { // compiles every form without changing the stored networks
        WiFi.setCredentials("open");
        WiFi.setCredentials("home", "secret");
        WiFi.setCredentials("home", "secret", WPA2, WLAN_CIPHER_AES);
        WiFi.setCredentials("home", 4, "secret", 6, WLAN_SEC_WPA2);
        WiFiCredentials creds("office", WPA2_ENTERPRISE);
        creds.setPassword("pw").setCipher(WLAN_CIPHER_AES).setChannel(6).setEapType(WLAN_EAP_TYPE_PEAP);
        creds.setIdentity("me").setOuterIdentity("anon");
        WiFi.setCredentials(creds);
        WiFi.clearCredentials();
        WiFi.setStaticIP(IPAddress(192, 168, 1, 50), IPAddress(255, 255, 255, 0), IPAddress(192, 168, 1, 1),
                         IPAddress(8, 8, 8, 8));
        WiFi.useStaticIP();
        WiFi.useDynamicIP();
        WiFi.selectAntenna(ANT_AUTO);
        WiFi.listen();
        WiFi.listen(false);
        WiFi.on();
        WiFi.off();
        WiFi.connect(WIFI_CONNECT_SKIP_LISTEN);
        WiFi.disconnect();
    }
    line("wifi.ready", WiFi.ready());
    line("wifi.listening", WiFi.listening());
#endif
#if Wiring_Cellular
    line("cellular.ready", Cellular.ready());
    line("cellular.localIP", Cellular.localIP().toString());
    CellularSignal sig = Cellular.RSSI();
    Serial.print("net: cellular.rssi.print=");
    Serial.println(sig);
    Serial.printlnf("net: cellular.signal rssi=%d qual=%d strength=%.1f quality=%.1f tech=%d", sig.rssi, sig.qual,
                    sig.getStrength(), sig.getQuality(), (int)sig.getAccessTechnology());
    line("cellular.resolve.bogus", Cellular.resolve("does.not.exist.invalid").toString());
    line("cellular.command.at", Cellular.command("AT\r\n"));
    line("cellular.command.timeout", Cellular.command(5000, "AT+CSQ\r\n"));
    char reply[64] = "";
    int rc = Cellular.command(Modem::onReply, reply, 10000, "AT+CCID\r\n");
    line("cellular.command.cb", rc);
    line("cellular.command.cb.reply", String(reply));
    rc = Cellular.command(Modem::onReply, reply, "AT+%s\r\n", "CGSN");
    line("cellular.command.fmt", rc);
    line("cellular.resp_ok", RESP_OK);
    line("cellular.setCredentials", Cellular.setCredentials("apn.example"));
    Cellular.setCredentials("user", "pass");
    Cellular.setCredentials("apn.example", "user", "pass");
    if (false) {
        Cellular.on();
        Cellular.off();
        Cellular.connect();
        Cellular.disconnect();
        Cellular.listen();
    }
    line("cellular.connecting", Cellular.connecting());
    line("cellular.listening", Cellular.listening());
#endif
}

static void tcp_api()
{
    TCPClient client;
    // Device OS 1.4.0 #1865/#1909: 0 on every failure, never negative
    line("tcp.connect.zero", client.connect(IPAddress(0, 0, 0, 0), 567));
    line("tcp.connected.after.fail", client.connected());
    line("tcp.connect.bogus", client.connect("does.not.exist.invalid", 567));
    line("tcp.connect.refused", client.connect(IPAddress(127, 0, 0, 1), 1));
    line("tcp.status", client.status());
    line("tcp.bool", client ? 1 : 0);

    // a connection to our own server (only loopback addresses: the simulated
    // network's addresses are not reachable from this machine)
    const IPAddress self(127, 0, 0, 1);
    line("tcp.server.begin", server.begin());
    int ok = client.connect(self, 8081);
    line("tcp.connect.self", ok);
    if (ok) {
        line("tcp.remoteIP", client.remoteIP().toString());
        client.print("hello");
        line("tcp.write.timeout", (int)client.write((const uint8_t*)"!", 1, 1000));
        line("tcp.writeError", client.getWriteError());
        client.flush();
        TCPClient accepted;
        for (int i = 0; i < 50 && !accepted; i++) {
            accepted = server.available();
            if (!accepted) {
                delay(10);
            }
        }
        line("tcp.accepted", accepted ? 1 : 0);
        if (accepted) {
            held = accepted;
            for (int i = 0; i < 50 && accepted.available() < 6; i++) {
                delay(10);
            }
            line("tcp.available", accepted.available());
            line("tcp.peek", accepted.peek());
            line("tcp.read", accepted.read());
            uint8_t buf[16] = { 0 };
            int n = accepted.read(buf, sizeof(buf));
            line("tcp.read.buf", String((const char*)buf, n > 0 ? n : 0));
            server.write('x');
            server.print("yz");
            accepted.write((const uint8_t*)"end", 3);
            for (int i = 0; i < 50 && client.available() < 6; i++) {
                delay(10);
            }
            line("tcp.client.available", client.available());
            String got;
            while (client.available()) {
                got += (char)client.read();
            }
            line("tcp.client.got", got);
            accepted.stop();
            for (int i = 0; i < 50 && client.connected(); i++) {
                delay(10);
            }
            line("tcp.connected.after.peer.close", client.connected());
        }
    }
    system_tick_t start = millis();
    client.stop();
    line("tcp.stop.ms", (int)(millis() - start));
    client.flush_buffer();
    line("tcp.read.after.stop", client.read());
    server.stop();
}

static void udp_api()
{
    line("udp.begin", udp.begin(8888));
    line("udp.setBuffer", udp.setBuffer(256));
    line("udp.beginPacket", udp.beginPacket(IPAddress(127, 0, 0, 1), 8888));
    udp.write((const uint8_t*)"ping", 4);
    udp.write('!');
    udp.print(42);
    line("udp.endPacket", udp.endPacket());
    int size = udp.parsePacket(500);
    line("udp.parsePacket", size);
    line("udp.available", udp.available());
    line("udp.remotePort", udp.remotePort());
    line("udp.remoteIP", udp.remoteIP().toString());
    line("udp.peek", udp.peek());
    line("udp.read", udp.read());
    char text[16] = { 0 };
    int n = udp.read(text, sizeof(text) - 1);
    line("udp.read.buf", String(text, n > 0 ? n : 0));
    udp.flush();

    const uint8_t data[3] = { 1, 2, 3 };
    line("udp.sendPacket", udp.sendPacket(data, sizeof(data), IPAddress(127, 0, 0, 1), 8888));
    uint8_t in[8];
    line("udp.receivePacket", udp.receivePacket(in, sizeof(in), 500));
    line("udp.receivePacket.none", udp.receivePacket(in, sizeof(in)));
    // a datagram longer than the buffer (256) is cut to it
    static uint8_t big[70000];
    line("udp.sendPacket.300", udp.sendPacket(big, 300, IPAddress(127, 0, 0, 1), 8888));
    line("udp.parsePacket.truncated", udp.parsePacket(500));
    // larger than any datagram: a negative result
    line("udp.sendPacket.oversized", udp.sendPacket(big, sizeof(big), IPAddress(127, 0, 0, 1), 8888) < 0 ? 1 : 0);
    line("udp.sendPacket.host", udp.beginPacket("localhost", 8888));
    udp.print("abc");
    udp.endPacket();
    (void)udp.parsePacket(200);
    udp.read(); // "bc" remains
    Serial.print("net: udp.print=");
    Serial.println(udp);
    static uint8_t mine[64];
    line("udp.setBuffer.user", udp.setBuffer(sizeof(mine), mine));
    line("udp.joinMulticast", udp.joinMulticast(IPAddress(239, 1, 2, 3)));
    line("udp.leaveMulticast", udp.leaveMulticast(IPAddress(239, 1, 2, 3)));
    line("udp.joinMulticast.unicast", udp.joinMulticast(IPAddress(10, 0, 0, 1)) < 0 ? 1 : 0);
    udp.releaseBuffer();
    line("udp.beginPacket.nobuffer", udp.beginPacket(IPAddress(127, 0, 0, 1), 9));
    udp.stop();
    line("udp.sendPacket.stopped", udp.sendPacket(data, sizeof(data), IPAddress(127, 0, 0, 1), 9) < 0 ? 1 : 0);
}

void setup()
{
    Serial.begin(9600);
    ipaddress_api();
    Network.on();
    Network.connect();
}

void loop()
{
    if (done) {
        return;
    }
    if (!Network.ready() && millis() < 30000) {
        delay(100);
        return;
    }
    done = true;
    network_api();
    tcp_api();
    udp_api();
    Serial.println("net: done");
}
