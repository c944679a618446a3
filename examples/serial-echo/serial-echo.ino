// Echo every line received on USB Serial back, upper-cased, with a count.

int lines = 0;

void setup() {
    Serial.begin(9600);
    Serial.println("ready");
}

void loop() {
    if (Serial.available()) {
        String line = Serial.readStringUntil('\n');
        line.trim();
        line.toUpperCase();
        lines++;
        Serial.printlnf("%d: %s", lines, line.c_str());
    }
}
