// A Device OS-style on-device test app (unit-test.h): send 't' on Serial to
// run the tests; they run in name order, one step per loop(). expected.txt is
// the Serial output of one run: vdev builds with __FILE__ relative to the
// app, so failed assertions name "unit-tests.cpp" wherever the checkout is.

#include "Particle.h"
#include "unit-test.h"

UNIT_TEST_APP();

static int pollSteps = 0;   // steps g_polling took in the last run

// Defined first, but runs last: tests run in name order.
test(z_last) {
    assertEqual(pollSteps, 3);
}

test(a_first) {
    assertEqual(1 + 1, 2);
    assertTrue(millis() < 1000000);
    Test::exclude("x_*");   // x_excluded is reported as skipped
}

test(b_int_mismatch) {
    int answer = 41;
    assertEqual(answer, 42);
    Serial.println("not reached");
}

test(c_string_mismatch) {
    String greeting("hello");
    assertEqual(greeting, "hello");
    assertEqual(greeting, "world");
}

test(d_mixed_types) {
    uint8_t small = 200;
    assertEqual(small, 200);
    assertMore(small, -1);
    assertLess(-1, 0u);                 // by value, not converted to unsigned
    long long big = 5000000000LL;
    assertMore(big, 4000000000u);
    String s = String("ab") + "c";
    assertEqual(s, "abc");
    assertEqual("abc", s);
    const char* p = "abc";
    char buf[8] = "abc";
    assertEqual(p, buf);                // text, not pointers
    assertEqual('x', 'x');
    assertEqual(true, 1);
}

test(e_comparisons) {
    assertLessOrEqual(2, 2);
    assertLessOrEqual(1, 2);
    assertMoreOrEqual(3, 3);
    assertMoreOrEqual(4u, 3);
    assertNotEqual(1, 2);
    assertNotEqual(String("a"), "b");
    assertLess(String("apple"), "banana");
    assertMore(2.5, 2);
    assertFalse(1 > 2);
}

test(f_skipped) {
    skip();
}

// Called once per step until it resolves; passes on its third step.
testing(g_polling) {
    static int steps = 0;
    if (++steps == 3) {
        pollSteps = steps;
        steps = 0;
        pass();
    }
}

test(h_float_mismatch) {
    float ratio = 0.75f;
    assertLessOrEqual(ratio, 0.5);
}

test(i_bool_mismatch) {
    bool ready = false;
    assertTrue(ready);
}

test(x_excluded) {
    fail();
}
