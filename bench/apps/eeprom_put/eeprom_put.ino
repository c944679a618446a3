// bench/apps/eeprom_put: N EEPROM.put() calls of a 100-byte struct from
// setup(). Every byte differs from the previous put (all are i's low byte),
// so each put writes a whole 100-byte record; page swaps come as the banks
// fill. Run with --clock virtual --for 0s --flash FILE.

#define N 200000UL

struct Block {
    uint8_t bytes[100];
};

void setup() {
    Block b;
    for (unsigned long i = 0; i < N; i++) {
        memset(b.bytes, (int)(i & 0xFF), sizeof(b.bytes));
        EEPROM.put(0, b);
    }
}

void loop() {
}
