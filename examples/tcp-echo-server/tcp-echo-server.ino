// tcp-echo-server: a TCPServer on port 2323 that sends back every line it
// receives, one client at a time. vdev forwards the device's port to this
// machine's loopback and says where:
//
//   ./vdev run examples/tcp-echo-server
//   vdev: TCP port 2323 of the device listens at 127.0.0.1 port 2323 of this machine
//   nc 127.0.0.1 2323          (in another terminal; type lines)
//
// (the host port differs when 2323 is taken; a `net-listen` event has it as
// host_port). Serial shows each client and each line.
TCPServer server(2323);
TCPClient client;
bool haveClient = false;
String line;

void setup()
{
    Serial.begin(9600);
}

void loop()
{
    static bool listening = false;
    if (!listening && Network.ready()) {
        listening = server.begin();
        if (listening) {
            Serial.println("listening on port 2323");
        }
    }
    if (!listening) {
        return;
    }
    if (!client.connected()) {
        if (haveClient) {
            client.stop();
            haveClient = false;
            Serial.println("client gone");
        }
        client = server.available();
        if (client) {
            haveClient = true;
            Serial.printlnf("client from %s", client.remoteIP().toString().c_str());
            line = "";
        }
        return;
    }
    while (client.available() > 0) {
        char c = client.read();
        if (c == '\r') {
            continue;
        }
        if (c != '\n') {
            line += c;
            continue;
        }
        client.println(line);
        Serial.printlnf("echoed: %s", line.c_str());
        line = "";
    }
}
