// bench/apps/virtual_speed: one loop() per device second, toggling D7.
// bench/run runs it with --clock virtual --for 24h (86,400 loops).

bool level = false;

void setup() {
    pinMode(D7, OUTPUT);
}

void loop() {
    level = !level;
    digitalWrite(D7, level ? HIGH : LOW);
    delay(1000);
}
