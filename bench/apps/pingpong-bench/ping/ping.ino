#define ROUND_TRIPS 10000
// bench/apps/pingpong-bench/ping: tests/apps/pingpong/ping with 10,000 round
// trips instead of 200, for bench/scenarios/pingpong-10k.yaml (apps cannot
// take build-time defines, so the count needs its own copy).
// Sends "ping N" on Serial1 and waits for "pong N" before the next one;
// reports on Serial after each hundred and when done.
int sent = 0;
String reply;

void send() {
    sent++;
    Serial1.printlnf("ping %d", sent);
}

void setup() {
    Serial1.begin(115200);
    send();
}

void loop() {
    while (Serial1.available()) {
        char c = Serial1.read();
        if (c != '\n') {
            reply += c;
            continue;
        }
        reply.trim(); // the line ends in \r\n
        if (reply != String::format("pong %d", sent)) {
            Serial.printlnf("bad reply '%s' to ping %d", reply.c_str(), sent);
        }
        reply = "";
        if (sent % 100 == 0) {
            Serial.printlnf("%d round trips at %lu ms", sent, millis());
        }
        if (sent == ROUND_TRIPS) {
            Serial.println("done");
            return;
        }
        send();
    }
}
