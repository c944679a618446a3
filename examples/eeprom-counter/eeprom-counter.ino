// A boot counter in the EEPROM: each start reads the count, adds one, stores
// it and prints "boot N". The EEPROM lives in the device's flash file, so
// the count survives resets, power cycles and a kill -9.

const int COUNTER_ADDR = 0;

void setup() {
    uint32_t count;
    EEPROM.get(COUNTER_ADDR, count);
    if (count == 0xFFFFFFFF) {  // never written: an erased EEPROM reads 0xFF bytes
        count = 0;
    }
    count++;
    EEPROM.put(COUNTER_ADDR, count);
    Serial.printlnf("boot %lu", (unsigned long)count);
}

void loop() {
}
