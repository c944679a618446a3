// Resets itself once; the second boot reports the reset reason.
void setup() {
    Serial.printlnf("boot reason %d millis %lu", System.resetReason(), millis());
    if (System.resetReason() != RESET_REASON_USER) {
        delay(500);
        System.reset(7);
    }
    Serial.printlnf("after reset: data %lu", System.resetReasonData());
    Serial.printlnf("time %ld", (long)Time.now());
}

void loop() {
    delay(100);
}
