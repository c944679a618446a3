/* tests/unit/test_options.c - run options, durations and pin maps. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "options.h"
#include "platform.h"

#include <string.h>

static void durations(void **state)
{
    (void)state;
    uint64_t us;
    assert_int_equal(vdev_parse_duration("10s", &us), 0);
    assert_int_equal(us, 10000000);
    assert_int_equal(vdev_parse_duration("250ms", &us), 0);
    assert_int_equal(us, 250000);
    assert_int_equal(vdev_parse_duration("1.5h", &us), 0);
    assert_int_equal(us, 5400000000ull);
    assert_int_equal(vdev_parse_duration("7", &us), 0);
    assert_int_equal(us, 7000000);
    assert_int_equal(vdev_parse_duration("100us", &us), 0);
    assert_int_equal(us, 100);
    assert_int_equal(vdev_parse_duration("1d", &us), 0);
    assert_int_equal(us, 86400000000ull);
    assert_int_not_equal(vdev_parse_duration("ten", &us), 0);
    assert_int_not_equal(vdev_parse_duration("-1s", &us), 0);
    assert_int_not_equal(vdev_parse_duration("5 s", &us), 0);
    assert_int_not_equal(vdev_parse_duration("", &us), 0);
    assert_int_not_equal(vdev_parse_duration("3parsecs", &us), 0);
}

static void parse_ok(void **state)
{
    (void)state;
    struct vdev_run_opts o;
    vdev_opts_init(&o);
    char *argv[] = { "x", "--clock", "virtual", "--seed=42", "--for", "2s", "--platform", "photon",
                     "--device-id", "0123456789ABCDEF01234567", "--trace", NULL };
    char err[128];
    assert_int_equal(vdev_opts_parse(&o, 11, argv, 1, NULL, err, sizeof(err)), 0);
    assert_int_equal(o.clock, VDEV_CLOCK_VIRTUAL);
    assert_true(o.seed_set);
    assert_int_equal(o.seed, 42);
    assert_int_equal(o.for_us, 2000000);
    assert_string_equal(o.platform->name, "photon");
    assert_string_equal(o.device_id, "0123456789abcdef01234567");
    assert_true(o.trace);
    /* round trip through argv, as a reset does */
    char store[2048];
    char *out[32];
    o.boot = 3;
    o.start_us = 123;
    int n = vdev_opts_to_argv(&o, out, 32, store, sizeof(store));
    assert_true(n > 0);
    struct vdev_run_opts o2;
    vdev_opts_init(&o2);
    char *argv2[34] = { "x" };
    for (int i = 0; i < n; i++)
        argv2[i + 1] = out[i];
    assert_int_equal(vdev_opts_parse(&o2, n + 1, argv2, 1, NULL, err, sizeof(err)), 0);
    assert_int_equal(o2.boot, 3);
    assert_int_equal(o2.start_us, 123);
    assert_int_equal(o2.seed, 42);
    assert_int_equal(o2.for_us, 2000000);
}

static void parse_errors(void **state)
{
    (void)state;
    struct vdev_run_opts o;
    char err[128];
    char *bad[][3] = {
        { "x", "--clock", "sometimes" }, { "x", "--platform", "electron" }, { "x", "--device-id", "12" },
        { "x", "--for", "soon" },          { "x", "--nope", "1" },             { "x", "--seed", "-4" },
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        vdev_opts_init(&o);
        err[0] = 0;
        assert_int_equal(vdev_opts_parse(&o, 3, bad[i], 1, NULL, err, sizeof(err)), -1);
        assert_true(strlen(err) > 0);
    }
    char *lock[] = { "x", "--lockstep" };
    vdev_opts_init(&o);
    assert_int_equal(vdev_opts_parse(&o, 2, lock, 1, NULL, err, sizeof(err)), -1);
    assert_non_null(strstr(err, "virtual"));
    char *pos[] = { "x", "app", "--trace" };
    int p;
    vdev_opts_init(&o);
    assert_int_equal(vdev_opts_parse(&o, 3, pos, 1, &p, err, sizeof(err)), 0);
    assert_int_equal(p, 1);
}

static void pins(void **state)
{
    (void)state;
    const struct vdev_platform *a = vdev_platform_by_name("argon");
    const struct vdev_platform *p = vdev_platform_by_name("photon");
    assert_int_equal(a->id, 12);
    assert_int_equal(vdev_platform_by_name("boron")->id, 13);
    assert_int_equal(p->id, 6);
    assert_int_equal(vdev_platform_pin_lookup(a, "A0"), 19);
    assert_int_equal(vdev_platform_pin_lookup(a, "a5"), 14);
    assert_int_equal(vdev_platform_pin_lookup(a, "D19"), 19);
    assert_int_equal(vdev_platform_pin_lookup(a, "WKP"), 8);
    assert_int_equal(vdev_platform_pin_lookup(p, "A0"), 10);
    assert_int_equal(vdev_platform_pin_lookup(p, "WKP"), 17);
    assert_int_equal(vdev_platform_pin_lookup(p, "TX"), 19);
    assert_int_equal(vdev_platform_pin_lookup(p, "D8"), -1);
    assert_int_equal(vdev_platform_pin_lookup(p, "8"), -1);
    assert_int_equal(vdev_platform_pin_lookup(a, "D24"), -1);
    assert_string_equal(vdev_platform_pin_name(a, 19), "A0");
    assert_string_equal(vdev_platform_pin_name(a, 7), "D7");
    assert_null(vdev_platform_pin_name(a, 99));
    assert_true(vdev_platform_pin_has(a, 19, VDEV_PIN_ADC));
    assert_false(vdev_platform_pin_has(a, 7, VDEV_PIN_ADC));
    assert_true(vdev_platform_pin_has(p, 16, VDEV_PIN_DAC));
    assert_false(p->ble);
    assert_true(a->ble);
    assert_int_equal(p->eeprom_size, 2048);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(durations),
        cmocka_unit_test(parse_ok),
        cmocka_unit_test(parse_errors),
        cmocka_unit_test(pins),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
