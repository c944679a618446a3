// On-device tests that all pass: the String and timing basics, as a
// Device OS test app would check them.
#include "Particle.h"
#include "unit-test.h"

UNIT_TEST_APP();

test(string_concat) {
    String s = String("a") + 1 + 'b';
    assertEqual(s, "a1b");
}

test(string_to_int) {
    assertEqual(String("-42").toInt(), -42);
}

test(delay_advances_millis) {
    system_tick_t start = millis();
    delay(250);
    assertMoreOrEqual(millis() - start, 250u);
    assertLess(millis() - start, 260u);
}

testing(waits_for_a_timer) {
    static Timer *timer = nullptr;
    static volatile bool fired = false;
    if (!timer) {
        timer = new Timer(100, [] { fired = true; }, true);
        timer->start();
    }
    if (fired) {
        pass();
    }
}
