// examples/sleep-wake: stop-mode sleep until D2 rises or 10 s pass, with the
// SleepResult printed after each; every third cycle a deep sleep instead,
// which only WKP (D8 on an Argon or Boron, A7 on a Photon) ends, with a
// reset. The blue LED (D7) is on while the device is awake.
//
//   ./vdev run examples/sleep-wake --clock virtual --for 1m --trace
//
// and press D2 or WKP through the control channel (`set-pin`), or run the
// scenario tests/scenarios/sleep-wake.yaml.

SYSTEM_MODE(SEMI_AUTOMATIC); // no cloud: each wake-up returns at once

const int DEEP_EVERY = 3;
int cycles = 0;

void setup()
{
    Serial.begin(9600);
    pinMode(D7, OUTPUT);
    if (System.resetReason() == RESET_REASON_POWER_MANAGEMENT)
        Serial.printlnf("woken from deep sleep by WKP (pin %d)", System.wakeUpPin());
    Serial.printlnf("ready (reset reason %d)", System.resetReason());
}

void loop()
{
    digitalWrite(D7, HIGH);
    delay(500); // awake for half a second
    cycles++;
    if (cycles % DEEP_EVERY == 0) {
        Serial.println("deep sleep until WKP rises");
        digitalWrite(D7, LOW);
        SleepResult r = System.sleep(SLEEP_MODE_DEEP); // a reset ends it
        Serial.printlnf("deep sleep failed: %d", r.error());
        return;
    }
    Serial.printlnf("cycle %d: stop mode until D2 rises or 10 s pass", cycles);
    digitalWrite(D7, LOW);
    unsigned long start = millis();
    SleepResult r = System.sleep(D2, RISING, 10);
    unsigned long slept = millis() - start;
    if (r.wokenUpByPin())
        Serial.printlnf("woken by pin %d after %lu ms", r.pin(), slept);
    else if (r.wokenUpByRtc())
        Serial.printlnf("woken by the timer after %lu ms", slept);
    else
        Serial.printlnf("sleep failed: %d", r.error());
}
