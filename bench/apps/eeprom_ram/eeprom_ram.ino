// bench/apps/eeprom_ram: the baseline for eeprom_put. The same loop copies the
// 100-byte struct into a RAM array through a noinline function (so the
// compiler keeps every copy) instead of EEPROM.put().

#define N 200000UL

struct Block {
    uint8_t bytes[100];
};

volatile uint8_t ram[4096];

__attribute__((noinline)) void ramPut(int idx, const Block &b) {
    memcpy((void *)(ram + idx), &b, sizeof(b));
}

void setup() {
    Block b;
    for (unsigned long i = 0; i < N; i++) {
        memset(b.bytes, (int)(i & 0xFF), sizeof(b.bytes));
        ramPut(0, b);
    }
}

void loop() {
}
