// On-device tests of the EEPROM object (Device OS 1.4's API) on a fresh
// flash: bytes, update, get/put of a struct, EEPROM[i] cells, begin()/end(),
// out-of-range calls, clear() and the pending erase. Run on the Argon and
// the Photon by tests/scenarios/eeprom-api.yaml.
#include "Particle.h"
#include "unit-test.h"

UNIT_TEST_APP();

struct Settings {
    uint8_t version;
    float gain;
    uint16_t count;
    char name[10];
};

test(a_fresh_eeprom_reads_ff) {
    assertEqual((int)EEPROM.length(), PLATFORM_ID == PLATFORM_PHOTON_PRODUCTION ? 2048 : 4096);
    assertEqual(EEPROM.read(0), 0xFF);
    uint32_t v = 0;
    assertEqual(EEPROM.get(100, v), 0xFFFFFFFFu); // get returns its argument
}

test(b_bytes_and_update) {
    EEPROM.write(10, 42);
    assertEqual(EEPROM.read(10), 42);
    EEPROM.update(10, 43);
    assertEqual(EEPROM.read(10), 43);
    EEPROM.update(10, 43);
    assertEqual(EEPROM.read(10), 43);
}

test(c_put_get_struct) {
    Settings s = { 1, 2.5f, 300, "vdev" };
    const Settings &r = EEPROM.put(20, s);
    assertTrue(&r == &s); // put returns its argument
    Settings t;
    memset(&t, 0, sizeof(t));
    EEPROM.get(20, t);
    assertEqual(t.version, 1);
    assertTrue(t.gain == 2.5f);
    assertEqual(t.count, 300);
    assertEqual(String(t.name), "vdev");
}

test(d_cells) {
    EEPROM[200] = 7;
    EEPROM[200] += 3;
    assertEqual((int)EEPROM[200], 10);
    EEPROM[200]++;
    ++EEPROM[200];
    assertEqual(EEPROM.read(200), 12);
    EEPROM[201] = EEPROM[200];
    assertEqual(EEPROM.read(201), 12);
    EEPROM[200].update(13);
    assertEqual(*EEPROM[200], 13);
}

test(e_iterate_every_cell) {
    int n = 0;
    for (EERef ref : EEPROM) {
        (void)ref;
        n++;
    }
    assertEqual(n, (int)EEPROM.length());
    int i = 0, same = 0;
    for (EEPtr p = EEPROM.begin(); p != EEPROM.end(); ++p, ++i)
        same += (int)p == i && *p == EEPROM.read(i);
    assertEqual(same, (int)EEPROM.length());
}

test(f_out_of_range_writes_nothing) {
    int len = EEPROM.length();
    EEPROM.write(len, 1);
    assertEqual(EEPROM.read(len), 0xFF);
    assertEqual(EEPROM.read(-1), 0xFF);
    uint32_t v = 0x11223344;
    EEPROM.put(len - 2, v); // would run past the end: nothing is written
    assertEqual(EEPROM.read(len - 2), 0xFF);
    assertEqual(EEPROM.read(len - 1), 0xFF);
    uint16_t w = 0x5566;
    EEPROM.put(len - 2, w); // fits exactly
    assertEqual(EEPROM.read(len - 1), 0x55);
}

test(g_clear) {
    EEPROM.clear();
    for (int i = 0; i < EEPROM.length(); i++) {
        if (EEPROM.read(i) != 0xFF) {
            assertEqual(i, -1);
        }
    }
}

test(h_pending_erase) {
    // fill the first bank: the 585th 16-byte put swaps to the other bank
    uint8_t b[16];
    for (int k = 0; k < 600; k++) {
        memset(b, k & 0xFF, sizeof(b));
        EEPROM.put(0, b);
    }
    bool photon = PLATFORM_ID == PLATFORM_PHOTON_PRODUCTION;
    assertEqual(EEPROM.hasPendingErase(), photon);
    EEPROM.performPendingErase();
    assertFalse(EEPROM.hasPendingErase());
    assertEqual(EEPROM.read(15), (600 - 1) & 0xFF);
}
