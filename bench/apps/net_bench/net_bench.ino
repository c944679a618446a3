// bench/apps/net_bench: the device side of `bench/run net` (bench/README.md).
// Reads one command line on USB Serial (bench/run gives it on stdin), runs
// it against the loopback server bench/run started (bench/net/netpeer.c),
// prints "net: ..." result lines and "net: done". Every peer is 127.0.0.1.
//
//   send PORT BYTES CHUNK   TCPClient: "sink BYTES", then BYTES in CHUNK-byte
//                           write()s, stop(); prints "net: sent N"
//   recv PORT BYTES CHUNK   TCPClient: "source BYTES", read(buf, CHUNK) until
//                           BYTES arrived, stop(); prints "net: received N"
//   connect PORT N          N x (connect() + stop()), each timed with micros()
//                           (wall µs with --clock real); prints "net: connect
//                           US US ..." and "net: connect-failed K"
//   concurrent PORT N       N TCPClients connect, a line is sent on each, each
//                           echo is read, all stop(); prints "net: concurrent
//                           connected=C echoed=E us=T first-failure=I errno=..."
SYSTEM_MODE(SEMI_AUTOMATIC);

#define MAX_CONCURRENT 100
#define MAX_CONNECTS 200
#define MAX_CHUNK 65536

static const IPAddress LOOPBACK(127, 0, 0, 1);
static TCPClient clients[MAX_CONCURRENT];
static uint8_t buf[MAX_CHUNK];
static uint32_t samples[MAX_CONNECTS];

static String readCommand()
{
    String line;
    const unsigned long start = millis();
    while (millis() - start < 10000) {
        while (Serial.available()) {
            const int c = Serial.read();
            if (c == '\n')
                return line;
            line += (char)c;
        }
        delay(1);
    }
    return line;
}

static void bulkSend(uint16_t port, unsigned long long bytes, size_t chunk)
{
    TCPClient c;
    if (!c.connect(LOOPBACK, port)) {
        Serial.println("net: error connect failed");
        return;
    }
    c.printf("sink %llu\n", bytes);
    memset(buf, 'x', chunk);
    unsigned long long sent = 0;
    while (sent < bytes) {
        const size_t n = bytes - sent < chunk ? (size_t)(bytes - sent) : chunk;
        const size_t w = c.write(buf, n);
        sent += w;
        if (w != n)
            break;
    }
    c.stop();
    Serial.printlnf("net: sent %llu", sent);
}

static void bulkRecv(uint16_t port, unsigned long long bytes, size_t chunk)
{
    TCPClient c;
    if (!c.connect(LOOPBACK, port)) {
        Serial.println("net: error connect failed");
        return;
    }
    c.printf("source %llu\n", bytes);
    unsigned long long got = 0;
    while (got < bytes) {
        const int n = c.read(buf, chunk);
        if (n > 0)
            got += (unsigned)n;
        else if (!c.connected())
            break;
    }
    c.stop();
    Serial.printlnf("net: received %llu", got);
}

static void connects(uint16_t port, int n)
{
    TCPClient c;
    int failed = 0;
    for (int i = 0; i < n; i++) {
        const uint32_t t0 = micros();
        if (!c.connect(LOOPBACK, port))
            failed++;
        c.stop();
        samples[i] = micros() - t0;
    }
    Serial.print("net: connect");
    for (int i = 0; i < n; i++)
        Serial.printf(" %lu", (unsigned long)samples[i]);
    Serial.println();
    Serial.printlnf("net: connect-failed %d", failed);
}

static void concurrent(uint16_t port, int n)
{
    int connected = 0, echoed = 0, firstFailure = -1, failErrno = 0;
    const uint32_t t0 = micros();
    for (int i = 0; i < n; i++) {
        if (clients[i].connect(LOOPBACK, port)) {
            connected++;
        } else if (firstFailure < 0) {
            firstFailure = i;
            failErrno = errno;
        }
    }
    for (int i = 0; i < n; i++)
        if (clients[i].status())
            clients[i].printf("hello %d\n", i);
    for (int i = 0; i < n; i++) {
        if (!clients[i].status())
            continue;
        char want[32], got[32];
        const int len = snprintf(want, sizeof(want), "hello %d\n", i);
        int have = 0;
        const uint32_t start = micros();
        while (have < len && micros() - start < 5000000u) {
            const int r = clients[i].read((uint8_t*)got + have, len - have);
            if (r > 0)
                have += r;
            else if (!clients[i].connected())
                break;
        }
        if (have == len && memcmp(got, want, len) == 0)
            echoed++;
    }
    for (int i = 0; i < n; i++)
        clients[i].stop();
    const uint32_t us = micros() - t0;
    Serial.printlnf("net: concurrent connected=%d echoed=%d us=%lu first-failure=%d errno=%d", connected,
                    echoed, (unsigned long)us, firstFailure, failErrno);
}

void setup()
{
    Network.connect();
    waitUntil(Network.ready);
    const String cmd = readCommand();
    char what[16] = "";
    unsigned port = 0;
    unsigned long long a = 0, b = 0;
    const int fields = sscanf(cmd.c_str(), "%15s %u %llu %llu", what, &port, &a, &b);
    if (fields >= 3 && !strcmp(what, "send") && b > 0 && b <= MAX_CHUNK)
        bulkSend(port, a, b);
    else if (fields >= 3 && !strcmp(what, "recv") && b > 0 && b <= MAX_CHUNK)
        bulkRecv(port, a, b);
    else if (fields >= 3 && !strcmp(what, "connect") && a > 0 && a <= MAX_CONNECTS)
        connects(port, (int)a);
    else if (fields >= 3 && !strcmp(what, "concurrent") && a > 0 && a <= MAX_CONCURRENT)
        concurrent(port, (int)a);
    else
        Serial.printlnf("net: error bad command '%s'", cmd.c_str());
    Serial.println("net: done");
}

void loop()
{
    delay(1000); // bench/run stops the run once it has read "net: done"
}
