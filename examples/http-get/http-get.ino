// http-get: an HTTP GET with TCPClient. The server is named api.vdev.test;
// the device's hosts table says where that is (`vdev run --hosts FILE`, or
// `hosts:` in a scenario), so the request stays on this machine:
//
//   python3 -m http.server 8080 --bind 127.0.0.1 &
//   echo "127.0.0.1 api.vdev.test" > /tmp/hosts
//   ./vdev run examples/http-get --hosts /tmp/hosts
//
// The port is 8080 unless a line "PORT <n>" arrives on Serial before the
// network is up:
//
//   printf 'PORT 9000\n' | ./vdev run examples/http-get --hosts /tmp/hosts
//
// It prints the status line and the length of the body, then does nothing.
// Use real time (the default) against a real server: the app polls the
// connection with delay(1), and in virtual time the clock would run through
// its 10 s timeout before the server has answered.
const char* const HOST = "api.vdev.test";
const char* const PATH = "/";

uint16_t port = 8080;
String line;
bool done = false;

// "PORT <n>" lines from Serial
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

void get()
{
    Serial.printlnf("GET http://%s:%u%s", HOST, port, PATH);
    TCPClient client;
    if (!client.connect(HOST, port)) {
        Serial.println("connect failed");
        return;
    }
    client.printf("GET %s HTTP/1.0\r\nHost: %s\r\nConnection: close\r\n\r\n", PATH, HOST);

    // read the whole response (the server closes the connection after it)
    String statusLine;
    bool inStatus = true, inHeaders = true;
    int lineLength = 0;
    size_t bodyLength = 0;
    system_tick_t start = millis();
    while (client.connected() && millis() - start < 10000) {
        if (client.available() <= 0) {
            delay(1);
            continue;
        }
        char c = client.read();
        if (!inHeaders) {
            bodyLength++;
        } else if (c == '\n') {
            inStatus = false;
            if (lineLength == 0) {
                inHeaders = false; // the empty line ends the headers
            }
            lineLength = 0;
        } else if (c != '\r') {
            if (inStatus) {
                statusLine += c;
            }
            lineLength++;
        }
    }
    client.stop();
    if (statusLine.length() == 0) {
        Serial.println("no response");
        return;
    }
    Serial.printlnf("status: %s", statusLine.c_str());
    Serial.printlnf("body: %u bytes", (unsigned)bodyLength);
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
        readCommands(); // a PORT line that came with the network
        get();
    }
}
