// A button on D2 (to ground, with the internal pull-up) toggles the blue LED
// on D7 on every press, from an interrupt.

volatile bool ledOn = false;

void pressed() {
    ledOn = !ledOn;
    digitalWrite(D7, ledOn ? HIGH : LOW);
}

void setup() {
    pinMode(D7, OUTPUT);
    pinMode(D2, INPUT_PULLUP);
    attachInterrupt(D2, pressed, FALLING);
    Serial.println("ready");
}

void loop() {
}
