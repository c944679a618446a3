// bench/apps/reset_setup: each boot's setup() writes one byte to USB Serial
// (the process's stdout) and resets the device with System.reset(n + 1),
// n being the previous boot's reset data, until RESETS boots have run.
// bench/lifebench.py timestamps the bytes: one reset -> setup() each.
#define RESETS 50

void setup() {
    uint32_t n = System.resetReason() == RESET_REASON_USER ? System.resetReasonData() : 0;
    Serial.write(n < RESETS ? 'R' : 'E');
    if (n < RESETS)
        System.reset(n + 1);
}

void loop() {
}
