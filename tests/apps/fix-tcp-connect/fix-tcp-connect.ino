// Device OS 1.4.0 #1865/#1909: TCPClient::connect() returns 1 on success
// and 0 on every failure, never a negative code. Serial lines at boot give
// the ports of the e2e test's servers on this machine: "PORT <n>" (a
// listening server) and "REFUSED <n>" (a port that refuses); the hosts table
// maps server.vdev.test to 127.0.0.1. Prints one "connect ..." line per try.
SYSTEM_MODE(SEMI_AUTOMATIC);

uint16_t port = 0, refused = 0;
String line;
bool done = false;

static void show(const char* what, TCPClient& c, int rc)
{
    Serial.printlnf("connect %s = %d connected=%d", what, rc, c.connected());
    c.stop();
}

static void tries()
{
    TCPClient c;
    char what[64];
    show("0.0.0.0:567", c, c.connect(IPAddress(0, 0, 0, 0), 567));
    show("nothing.vdev.invalid:567", c, c.connect("nothing.vdev.invalid", 567));
    show("empty-name", c, c.connect("", 80));
    snprintf(what, sizeof(what), "127.0.0.1:refused");
    show(what, c, c.connect(IPAddress(127, 0, 0, 1), refused));
    show("server.vdev.test:refused", c, c.connect("server.vdev.test", refused));
    show("127.0.0.1:0", c, c.connect(IPAddress(127, 0, 0, 1), 0));
    show("127.0.0.1:server", c, c.connect(IPAddress(127, 0, 0, 1), port));
    show("server.vdev.test:server", c, c.connect("server.vdev.test", port));
    show("localhost:server", c, c.connect("localhost", port));
    // a failure right after a success leaves the client unconnected
    c.connect(IPAddress(127, 0, 0, 1), port);
    show("after-success 0.0.0.0:567", c, c.connect(IPAddress(0, 0, 0, 0), 567));
    Serial.println("done");
}

void setup()
{
    Serial.begin(9600);
    // before the network is up: 0 as well
    TCPClient early;
    Serial.printlnf("connect no-network 10.42.0.1:80 = %d", early.connect(IPAddress(10, 42, 0, 1), 80));
    Network.connect();
}

void loop()
{
    while (Serial.available() > 0) {
        char ch = Serial.read();
        if (ch != '\n') {
            line += ch;
            continue;
        }
        if (line.startsWith("PORT ")) {
            port = line.substring(5).toInt();
        } else if (line.startsWith("REFUSED ")) {
            refused = line.substring(8).toInt();
        }
        line = "";
    }
    if (!done && Network.ready() && port && refused) {
        done = true;
        tries();
    }
}
