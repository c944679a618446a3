/* system/src/system_app.c - the application lifecycle: system mode, the
 * optional system thread (SYSTEM_THREAD(ENABLED)), setup() once, then loop()
 * forever with the system's work in between; delay() as the system does it.
 * In safe mode the app does not run: only the system does. */
#include "../include/system_cloud.h"
#include "../include/system_led.h"
#include "../include/system_lifecycle.h"
#include "../include/system_listen.h"
#include "../include/system_mode.h"
#include "../include/system_network.h"
#include "../include/system_tasks.h"
#include "../include/vdev_system.h"

#include "../../hal-posix/include/concurrent_hal.h"
#include "../../hal-posix/include/timer_hal.h"
#include "../../sim/events.h"
#include "../../sim/sched.h"

static struct {
    System_Mode_TypeDef mode;
    bool threaded;
    bool mode_event_sent;
    os_semaphore_t wake;  /* the system thread waits on it between its rounds */
} Y = { .mode = DEFAULT };

static const char *mode_name(System_Mode_TypeDef m)
{
    switch (m) {
    case SEMI_AUTOMATIC: return "SEMI_AUTOMATIC";
    case MANUAL: return "MANUAL";
    case SAFE_MODE: return "SAFE_MODE";
    default: return "AUTOMATIC";
    }
}

/* DEFAULT (the System object's own constructor) never overrides a mode the
 * app chose with SYSTEM_MODE(), whatever the order of static construction. */
void set_system_mode(System_Mode_TypeDef mode)
{
    if (mode != DEFAULT)
        Y.mode = mode;
}

System_Mode_TypeDef system_mode(void) { return Y.mode == DEFAULT ? AUTOMATIC : Y.mode; }
void vdev_system_set_threaded(bool enabled) { Y.threaded = enabled; }
bool vdev_system_threaded(void) { return Y.threaded; }

void vdev_system_process(void)
{
    vdev_lifecycle_process();
    vdev_listen_run();       /* on the system's thread: listening mode, while it lasts */
    vdev_system_run_tasks(); /* on the app's thread: its system events */
}

void vdev_system_wake(void)
{
    if (Y.wake)
        os_semaphore_give(Y.wake, false);
}

/* The system on its own: it services itself every second, or when woken. */
__attribute__((noreturn)) static void system_loop_forever(void)
{
    os_semaphore_create(&Y.wake, 1, 0);
    for (;;) {
        vdev_system_process();
        if (Y.wake)
            os_semaphore_take(Y.wake, 1000, false);
        else
            HAL_Delay_Milliseconds(1000);
    }
}

void system_delay_ms(unsigned long ms, bool force_no_background_loop)
{
    if (force_no_background_loop || !vdev_system_on_app_thread()) {
        HAL_Delay_Milliseconds((uint32_t)ms);
        return;
    }
    /* the app's thread: its system events, and (single-threaded) listening
     * mode, are served while it waits */
    uint64_t end = vdev_clock_now() + (uint64_t)ms * 1000u;
    do {
        vdev_system_run_tasks();
        vdev_listen_run();
        if (vdev_clock_now() >= end) {
            HAL_Delay_Milliseconds(0); /* delay(0) yields, as before */
            return;
        }
    } while (vdev_app_idle_until(end));
}

__attribute__((noreturn)) static void app_loop_forever(void)
{
    for (;;) {
        uint64_t blocks = vdev_sched_block_count();
        vdev_app_loop();
        if (!Y.threaded)
            vdev_system_process();
        else
            vdev_system_run_tasks();
        if (vdev_sched_block_count() == blocks) { /* loop() never waited: the system takes its share */
            if (vdev_clock_mode() == VDEV_CLOCK_REAL) /* on the host it need not burn a core */
                vdev_sched_sleep_until(vdev_clock_now() + VDEV_LOOP_HOUSEKEEPING_US);
            else
                HAL_Delay_Microseconds(VDEV_LOOP_HOUSEKEEPING_US);
        }
        else
            os_thread_yield();
    }
}

static void app_thread(void *arg)
{
    (void)arg;
    vdev_system_mark_app_thread();
    vdev_app_setup();
    app_loop_forever();
}

void vdev_system_main(void)
{
    vdev_system_mark_system_thread();
    vdev_lifecycle_boot();
    vdev_led_init();
    vdev_listen_boot();
    vdev_event("system", "{s:s,s:b}", "mode", mode_name(system_mode()), "threaded", Y.threaded);
    if (system_mode() == AUTOMATIC || system_mode() == SAFE_MODE) { /* the system connects on its own */
        network_connect();
        vdev_cloud_connect();
    }
    if (system_mode() == SAFE_MODE) /* the app does not run */
        system_loop_forever();
    if (Y.threaded) {
        os_thread_t t;
        os_thread_create(&t, "application", OS_THREAD_PRIORITY_DEFAULT, app_thread, NULL, 0);
        system_loop_forever(); /* the system thread: services the system between its waits */
    }
    vdev_system_mark_app_thread();
    vdev_listen_run(); /* listening from the start (no credentials, `L`) comes before setup() */
    vdev_app_setup();
    app_loop_forever();
}
