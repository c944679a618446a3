// Device OS 1.4.0 #1909 (SARA-R410M): TCPClient::stop() returns within 2 s
// even when the peer never closes its end. Run on a Boron against the e2e
// test's server on this machine (server.vdev.test from the hosts table, port
// from a "PORT <n>" line), which accepts, reads and never closes. Prints the
// device time stop() took, measured with millis().
SYSTEM_MODE(SEMI_AUTOMATIC);

uint16_t port = 0;
String line;
bool done = false;

void setup()
{
    Serial.begin(9600);
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
        }
        line = "";
    }
    if (done || !Network.ready() || !port) {
        return;
    }
    done = true;
    TCPClient client;
    int rc = client.connect("server.vdev.test", port);
    Serial.printlnf("connect = %d", rc);
    if (!rc) {
        return;
    }
    static uint8_t data[4096];
    memset(data, 'x', sizeof(data));
    Serial.printlnf("wrote %u", (unsigned)client.write(data, sizeof(data)));
    Serial.println("stopping");
    system_tick_t start = millis();
    client.stop();
    system_tick_t took = millis() - start;
    Serial.printlnf("stop took %lu ms, connected=%d", (unsigned long)took, client.connected());
}
