/* tests/unit/test_sched.c - the clock and scheduler in virtual mode: time
 * jumps to deadlines, one thread runs at a time, waits and wakes, priority,
 * busy-wait polling, the device asleep (freeze). One scheduler per process, so the checks run in order
 * inside one test. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "../../sim/sched.h"

#include <stdio.h>

#include <string.h>

static char trace[512];
static int running;
static int max_running;
static int flag;

static void note(const char *s)
{
    char buf[64];
    snprintf(buf, sizeof(buf), "%s@%llu ", s, (unsigned long long)vdev_clock_now());
    strncat(trace, buf, sizeof(trace) - strlen(trace) - 1);
}

static void sleeper(void *arg)
{
    const char *name = arg;
    for (int i = 0; i < 2; i++) {
        running++;
        if (running > max_running)
            max_running = running;
        vdev_sched_sleep_until(vdev_clock_now() + (name[0] == 'a' ? 300 : 500));
        running--;
        note(name);
    }
}

static void waiter(void *arg)
{
    (void)arg;
    vdev_sched_lock();
    enum vdev_wake w = vdev_sched_wait(&flag, vdev_clock_now() + 1000);
    note(w == VDEV_WAKE_SIGNAL ? "signal" : "timeout");
    w = vdev_sched_wait(&flag, vdev_clock_now() + 1000);
    note(w == VDEV_WAKE_SIGNAL ? "signal" : "timeout");
    vdev_sched_unlock();
}

static void high(void *arg)
{
    (void)arg;
    note("high");
}

static void scheduler(void **state)
{
    (void)state;
    struct vdev_sched_config cfg = { .mode = VDEV_CLOCK_VIRTUAL, .stop_at = VDEV_FOREVER };
    assert_int_equal(vdev_sched_init(&cfg, "main", 2), 0);
    assert_int_equal(vdev_clock_now(), 0);

    /* deadlines: time jumps straight to each one, in order */
    vdev_thread_t *a, *b;
    assert_int_equal(vdev_sched_thread_create("a", 2, sleeper, "a", &a), 0);
    assert_int_equal(vdev_sched_thread_create("b", 2, sleeper, "b", &b), 0);
    vdev_sched_join(a);
    vdev_sched_join(b);
    assert_string_equal(trace, "a@300 b@500 a@600 b@1000 ");
    assert_int_equal(max_running, 2); /* both slept at once */
    vdev_sched_release(a);
    vdev_sched_release(b);

    /* waits: a wake-up, then a timeout */
    trace[0] = 0;
    vdev_thread_t *w;
    vdev_sched_thread_create("w", 2, waiter, NULL, &w);
    vdev_sched_sleep_until(1100);
    vdev_sched_lock();
    assert_int_equal(vdev_sched_wake(&flag, 1), 1);
    vdev_sched_unlock();
    vdev_sched_join(w);
    assert_string_equal(trace, "signal@1100 timeout@2100 ");

    /* a higher-priority thread runs as soon as it is created */
    trace[0] = 0;
    vdev_thread_t *h;
    vdev_sched_thread_create("h", 5, high, NULL, &h);
    note("main");
    assert_string_equal(trace, "high@2100 main@2100 ");
    vdev_sched_join(h);

    /* busy-waiting: the first polls are free, then time moves */
    uint64_t t0 = vdev_clock_now();
    for (int i = 0; i < 16; i++)
        vdev_clock_poll();
    assert_int_equal(vdev_clock_now(), t0);
    uint64_t t = t0;
    while (t - t0 < 500)
        t = vdev_clock_poll();
    assert_int_equal(t, t0 + 500);
    /* a millisecond reader jumps to the next millisecond boundary */
    for (int i = 0; i < 17; i++)
        t = vdev_clock_poll_quantum(1000, 0);
    assert_int_equal(t % 1000, 0);
    assert_int_equal(t, 3000);

    /* the device sleeps (freeze): a thread due meanwhile is held, and its
     * deadline moves on by the sleep (the RTOS tick stood still) */
    trace[0] = 0;
    vdev_thread_t *s;
    vdev_sched_thread_create("s", 5, sleeper, "s", &s); /* sleeps 500 µs, twice */
    assert_int_equal(vdev_sched_freeze(true), 0);
    vdev_sched_sleep_until(4000); /* 1000 µs asleep; s was due at 3500 */
    assert_string_equal(trace, "");
    assert_int_equal(vdev_sched_freeze(false), 1000);
    vdev_sched_join(s);
    assert_string_equal(trace, "s@4500 s@5000 ");
}

int main(void)
{
    const struct CMUnitTest tests[] = { cmocka_unit_test(scheduler) };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
