// Serial1: greets, then echoes every byte it receives, upper-cased.
void setup() {
    Serial1.begin(115200);
    Serial1.println("hello from Serial1");
    tone(D2, 440, 100);
    Log.code(7).details("why").warn("attributes");
}

void loop() {
    while (Serial1.available()) {
        Serial1.write(toupper(Serial1.read()));
    }
    delay(10);
}
