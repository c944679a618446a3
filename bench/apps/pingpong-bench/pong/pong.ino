// bench/apps/pingpong-bench/pong: a copy of tests/apps/pingpong/pong.
// Answers every "ping N" line on Serial1 with "pong N".
String line;

void setup() {
    Serial1.begin(115200);
}

void loop() {
    while (Serial1.available()) {
        char c = Serial1.read();
        if (c == '\n') {
            line.trim();
            if (line.startsWith("ping ")) {
                Serial1.printlnf("pong %s", line.substring(5).c_str());
            }
            line = "";
        } else {
            line += c;
        }
    }
}
