// bench/apps/hal_write_output: N digitalWrite() calls that toggle an OUTPUT
// pin, so every call emits a `pin` event (serialised as JSON; bench/run sends
// the stream to /dev/null). Run with --clock virtual --for 0s.

#define N 200000UL

void setup() {
    pinMode(D7, OUTPUT);
    for (unsigned long i = 0; i < N; i++) {
        digitalWrite(D7, (uint8_t)(i & 1));
    }
}

void loop() {
}
