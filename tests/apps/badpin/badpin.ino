// Uses pins that do not exist: the calls are ignored, never a crash.
void setup() {
    pinMode(99, OUTPUT);
    digitalWrite(99, HIGH);
    digitalWrite(99, LOW);
    Serial.printlnf("read %ld analog %ld", (long)digitalRead(77), (long)analogRead(D3));
    pinMode(D7, OUTPUT);
    digitalWrite(D7, HIGH);
}

void loop() {
}
