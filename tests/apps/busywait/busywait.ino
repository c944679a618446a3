// Busy-waits with millis(): device time must advance while polling.
void setup() {
    pinMode(D7, OUTPUT);
}

void loop() {
    unsigned long t = millis();
    while (millis() - t < 500) {
    }
    digitalWrite(D7, !digitalRead(D7));
    unsigned long u = micros();
    while (micros() - u < 250000) {
    }
    Serial.printlnf("tick %lu", millis());
}
