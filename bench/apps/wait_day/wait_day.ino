// bench/apps/wait_day: one loop() per device second (delay(1000)); after
// 86,400 loops, i.e. 24 h of device time, prints "24h elapsed" on Serial.
// bench/scenarios/wait-day-serial.yaml waits for that line with wait-serial,
// which advances one slice per delay(): 86,400 slices.

unsigned long loops = 0;

void setup() {
}

void loop() {
    delay(1000);
    if (++loops == 86400) {
        Serial.printlnf("24h elapsed at %lu s", millis() / 1000);
    }
}
