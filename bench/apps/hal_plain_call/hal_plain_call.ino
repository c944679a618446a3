// bench/apps/hal_plain_call: the baseline for hal_write_input. The same loop
// calls a local noinline function of the same signature that only stores the
// value (a volatile store, so the compiler can remove neither call nor store).

#define N 10000000UL

volatile uint8_t latch[24];

__attribute__((noinline)) void plainWrite(uint16_t pin, uint8_t value) {
    latch[pin] = value;
}

void setup() {
    pinMode(D7, INPUT);
    for (unsigned long i = 0; i < N; i++) {
        plainWrite(D7, (uint8_t)(i & 1));
    }
}

void loop() {
}
