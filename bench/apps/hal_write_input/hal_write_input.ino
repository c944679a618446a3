// bench/apps/hal_write_input: N digitalWrite() calls on a pin left as INPUT.
// The latch changes but the pin drives nothing, so no event is emitted: this
// is the bare cost of a wiring -> HAL call. Run with --clock virtual --for 0s.

#define N 10000000UL

void setup() {
    pinMode(D7, INPUT);
    for (unsigned long i = 0; i < N; i++) {
        digitalWrite(D7, (uint8_t)(i & 1));
    }
}

void loop() {
}
