// udp-echo: UDP requests and responses. Sends "ping 1" to "ping 3" to an
// echo server named echo.vdev.test and prints each reply with its round trip
// time (or "no reply" after 1 s). The hosts table says where the server is:
//
//   python3 -c 'import socket; s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
//   s.bind(("127.0.0.1", 7007)); [s.sendto(*s.recvfrom(512)) for _ in iter(int, 1)]' &
//   echo "127.0.0.1 echo.vdev.test" > /tmp/hosts
//   printf 'PORT 7007\n' | ./vdev run examples/udp-echo --hosts /tmp/hosts --clock virtual --for 10s
//
// The server's port is 7 unless a line "PORT <n>" arrives on Serial before
// the network is up. The local port is any free one (begin(0)).
const char* const SERVER = "echo.vdev.test";

UDP udp;
uint16_t port = 7;
String line;
bool done = false;

void readCommands()
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
        if (line.startsWith("PORT ")) {
            int p = line.substring(5).toInt();
            if (p > 0 && p < 65536) {
                port = p;
            }
        }
        line = "";
    }
}

void pings()
{
    IPAddress server = Network.resolve(SERVER);
    if (!server) {
        Serial.printlnf("cannot resolve %s", SERVER);
        return;
    }
    if (!udp.begin(0)) {
        Serial.println("udp.begin failed");
        return;
    }
    Serial.printlnf("echo server %s (%s) port %u", SERVER, server.toString().c_str(), port);
    for (int i = 1; i <= 3; i++) {
        char request[16];
        int n = snprintf(request, sizeof(request), "ping %d", i);
        system_tick_t sent = millis();
        if (udp.sendPacket(request, n, server, port) < 0) {
            Serial.printlnf("send failed");
            continue;
        }
        char reply[64];
        int got = udp.receivePacket(reply, sizeof(reply) - 1, 1000);
        if (got <= 0) {
            Serial.printlnf("%s: no reply", request);
            continue;
        }
        reply[got] = 0;
        Serial.printlnf("%s: reply \"%s\" from port %u in %lu ms", request, reply, udp.remotePort(),
                        (unsigned long)(millis() - sent));
    }
    udp.stop();
}

void setup()
{
    Serial.begin(9600);
}

void loop()
{
    readCommands();
    if (!done && Network.ready()) {
        done = true;
        readCommands();
        pings();
    }
}
