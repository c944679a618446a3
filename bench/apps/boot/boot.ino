// bench/apps/boot: setup() writes one byte to USB Serial (the process's
// stdout) and nothing else. bench/run timestamps the arrival of that byte to
// measure exec -> setup(); run with --for 0s the image then stops.

void setup() {
    Serial.write('S');
}

void loop() {
}
