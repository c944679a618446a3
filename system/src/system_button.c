/* system/src/system_button.c - the MODE and RESET buttons as Device OS 1.4's
 * system handles them. MODE: `button_status` on press (0) and release (ms
 * held); a release under 30 ms is bounce, under 500 ms a click
 * (`button_click` with the count so far); 1 s without a click, a longer
 * press or a fifth click gives `button_final_click`; held 3 s it counts as
 * released and listening mode starts; while listening no events, held 3-8 s
 * it ends listening, held 10 s it clears the credentials. The BTN pin reads
 * low while MODE is down. RESET: a PIN_RESET reset. Every step is a
 * `button` event; the timing runs on software timers. */
#include "../include/system_button.h"
#include "../include/system_listen.h"
#include "../include/system_tasks.h"

#include "../../hal-posix/include/concurrent_hal.h"
#include "../../hal-posix/include/core_hal.h"
#include "../../hal-posix/include/hal_platform.h"
#include "../../hal-posix/include/pinmap_hal.h"
#include "../../hal-posix/src/hal_sim.h"
#include "../../sim/device.h"
#include "../../sim/events.h"
#include "../../sim/sched.h"

#define EV_BUTTON_STATUS (1ull << 7)
#define EV_BUTTON_CLICK (1ull << 12)
#define EV_BUTTON_FINAL_CLICK (1ull << 13)

static struct {
    bool down;             /* MODE is pressed */
    uint64_t down_at;      /* when it went down (the 3 s and 10 s holds count from here) */
    uint64_t pressed_at;   /* the system's press time (0: none); restarts when MODE starts listening */
    bool was_listening;    /* listening when it was (re)pressed */
    int clicks;
    os_timer_t hold, click, script;
    /* vdev_button_press(): the presses still to come */
    vdev_button script_button;
    int script_left;
    uint32_t script_duration, script_gap;
} B;

static uint64_t now_ms(uint64_t since) { return (vdev_clock_now() - since) / 1000u; }

static void timer_start(os_timer_t *t, void (*fn)(os_timer_t), uint32_t ms)
{
    if (!*t)
        os_timer_create(t, ms ? ms : 1, fn, NULL, true, NULL);
    if (*t)
        os_timer_change(*t, OS_TIMER_CHANGE_PERIOD, true, ms ? ms : 1, 0, NULL);
}

static void timer_stop(os_timer_t t)
{
    if (t)
        os_timer_change(t, OS_TIMER_CHANGE_STOP, true, 0, 0, NULL);
}

static void final_click(void)
{
    timer_stop(B.click);
    int n = B.clicks;
    B.clicks = 0;
    if (n > 0) {
        vdev_event("button", "{s:s,s:s,s:i}", "button", "mode", "action", "final-click", "clicks", n);
        vdev_system_raise(EV_BUTTON_FINAL_CLICK, n);
    }
}

static void on_click_gap(os_timer_t t)
{
    (void)t;
    final_click();
}

/* A release (not in listening mode) of `ms`: a bounce, a click, or a long press. */
static void count_click(uint64_t ms)
{
    if (ms < VDEV_BUTTON_DEBOUNCE_MS)
        return;
    if (ms >= VDEV_BUTTON_CLICK_MS) {
        final_click();
        return;
    }
    B.clicks++;
    vdev_event("button", "{s:s,s:s,s:i}", "button", "mode", "action", "click", "clicks", B.clicks);
    vdev_system_raise(EV_BUTTON_CLICK, B.clicks);
    if (B.clicks < VDEV_BUTTON_MAX_CLICKS)
        timer_start(&B.click, on_click_gap, VDEV_BUTTON_CLICK_GAP_MS);
    else
        final_click();
}

/* MODE held: 3 s enters listening mode, 10 s in listening mode clears the
 * credentials (both counted from when it went down). */
static void on_hold(os_timer_t t)
{
    (void)t;
    if (!B.down)
        return;
    uint64_t held = now_ms(B.down_at);
    if (!vdev_listening() && !B.was_listening) {
        /* as Device OS: a release for the app, listening mode, then a press again */
        vdev_event("button", "{s:s,s:s,s:I}", "button", "mode", "action", "held", "ms", (long long)held);
        uint64_t ms = now_ms(B.pressed_at);
        vdev_system_raise(EV_BUTTON_STATUS, (int)(uint16_t)ms);
        count_click(ms);
        vdev_listen_request(true, "button");
        B.pressed_at = vdev_clock_now();
        B.was_listening = true;
        if (held < VDEV_BUTTON_CLEAR_MS)
            timer_start(&B.hold, on_hold, (uint32_t)(VDEV_BUTTON_CLEAR_MS - held));
    } else if (vdev_listening() && held >= VDEV_BUTTON_CLEAR_MS) {
        vdev_event("button", "{s:s,s:s,s:I}", "button", "mode", "action", "held", "ms", (long long)held);
        vdev_listen_clear_credentials();
    }
}

static void mode_press(void)
{
    if (B.down)
        return;
    B.down = true;
    B.down_at = B.pressed_at = vdev_clock_now();
    B.was_listening = vdev_listening();
    vdev_event("button", "{s:s,s:s}", "button", "mode", "action", "press");
    vdev_gpio_drive(BTN, 0);
    if (!B.was_listening)
        vdev_system_raise(EV_BUTTON_STATUS, 0);
    timer_start(&B.hold, on_hold, B.was_listening ? VDEV_BUTTON_CLEAR_MS : VDEV_BUTTON_LISTEN_MS);
}

static void mode_release(void)
{
    if (!B.down)
        return;
    B.down = false;
    timer_stop(B.hold);
    uint64_t ms = now_ms(B.pressed_at);
    vdev_event("button", "{s:s,s:s,s:I}", "button", "mode", "action", "release", "ms", (long long)now_ms(B.down_at));
    vdev_gpio_drive(BTN, 1);
    bool listening = vdev_listening();
    if (!listening) {
        vdev_system_raise(EV_BUTTON_STATUS, (int)(uint16_t)ms);
        count_click(ms);
    }
    B.pressed_at = 0;
    if (ms > VDEV_BUTTON_LISTEN_MS && ms < 8000 && B.was_listening && listening)
        vdev_listen_request(false, "button");
}

void vdev_button_set(vdev_button b, bool pressed)
{
    if (b == VDEV_BUTTON_RESET) {
        vdev_event("button", "{s:s,s:s}", "button", "reset", "action", pressed ? "press" : "release");
        if (pressed)
            vdev_device_reset(RESET_REASON_PIN_RESET, 0); /* the hardware reset line */
        return;
    }
    if (pressed)
        mode_press();
    else
        mode_release();
}

bool vdev_button_pressed(vdev_button b) { return b == VDEV_BUTTON_MODE && B.down; }

uint16_t vdev_button_pushed_ms(void)
{
    if (!B.down || !B.pressed_at || vdev_listening())
        return 0;
    uint64_t ms = now_ms(B.pressed_at);
    return (uint16_t)(ms > 0xFFFF ? 0xFFFF : ms);
}

/* vdev_button_press(): release after the duration, press again after the gap. */
static void on_script(os_timer_t t)
{
    (void)t;
    if (vdev_button_pressed(B.script_button)) {
        vdev_button_set(B.script_button, false);
        if (--B.script_left > 0)
            timer_start(&B.script, on_script, B.script_gap);
    } else if (B.script_left > 0) {
        vdev_button_set(B.script_button, true);
        timer_start(&B.script, on_script, B.script_duration);
    }
}

int vdev_button_press(vdev_button b, uint32_t duration_ms, int count, uint32_t gap_ms)
{
    if ((b != VDEV_BUTTON_MODE && b != VDEV_BUTTON_RESET) || count < 1 || count > 100 || !duration_ms || !gap_ms)
        return SYSTEM_ERROR_INVALID_ARGUMENT;
    if (b == VDEV_BUTTON_RESET)
        vdev_button_set(b, true); /* does not return */
    B.script_button = b;
    B.script_left = count;
    B.script_duration = duration_ms;
    B.script_gap = gap_ms;
    vdev_button_set(b, true);
    timer_start(&B.script, on_script, duration_ms);
    return 0;
}
