/* sim/control_ui.c - the control commands for the buttons and the RGB LED:
 * `button` (press or release MODE or RESET), `press-button` (press for a
 * while, a number of times: clicks, double clicks, holds), `get-led` (what
 * the LED shows). They run in firmware context, like every command. */
#include "control_ui.h"

#include "../system/include/system_button.h"
#include "../system/include/system_led.h"
#include "options.h"

#include <string.h>

static int button_arg(json_t *m)
{
    const char *b = json_string_value(json_object_get(m, "button"));
    return !b ? -1 : !strcmp(b, "mode") ? VDEV_BUTTON_MODE : !strcmp(b, "reset") ? VDEV_BUTTON_RESET : -1;
}

/* A duration in ms from µs (an integer) or a string such as "100ms"; `dflt` when absent. */
static bool ms_arg(json_t *m, const char *key, uint32_t dflt, uint32_t *ms)
{
    json_t *v = json_object_get(m, key);
    uint64_t us = (uint64_t)dflt * 1000u;
    if (json_is_integer(v) && json_integer_value(v) >= 0)
        us = (uint64_t)json_integer_value(v);
    else if (v && (!json_is_string(v) || vdev_parse_duration(json_string_value(v), &us)))
        return false;
    *ms = (uint32_t)((us + 999u) / 1000u);
    return *ms >= 1 && us <= 3600ull * 1000000u;
}

bool vdev_control_ui(json_t *m, const char *cmd, vdev_control_reply_fn reply)
{
    if (!strcmp(cmd, "button")) {
        int b = button_arg(m);
        const char *a = json_string_value(json_object_get(m, "action"));
        if (b < 0 || !a || (strcmp(a, "press") && strcmp(a, "release"))) {
            reply(m, false, "button needs button (mode or reset) and action (press or release)", NULL);
        } else {
            reply(m, true, NULL, NULL); /* first: pressing RESET resets at once */
            vdev_button_set((vdev_button)b, !strcmp(a, "press"));
        }
        return true;
    }
    if (!strcmp(cmd, "press-button")) {
        int b = button_arg(m);
        json_t *count = json_object_get(m, "count");
        uint32_t duration, gap;
        if (b < 0 || !ms_arg(m, "duration", 100, &duration) || !ms_arg(m, "gap", 250, &gap) ||
            (count && (!json_is_integer(count) || json_integer_value(count) < 1 || json_integer_value(count) > 100))) {
            reply(m, false, "press-button needs button (mode or reset); duration and gap of 1 ms to 1 h; count 1..100",
                  NULL);
        } else {
            reply(m, true, NULL, NULL);
            vdev_button_press((vdev_button)b, duration, count ? (int)json_integer_value(count) : 1, gap);
        }
        return true;
    }
    if (!strcmp(cmd, "get-led")) {
        struct vdev_led_state st;
        vdev_led_get(&st);
        json_t *extra = json_pack("{s:s,s:[iii],s:i}", "pattern", st.pattern, "color", st.color[0], st.color[1],
                                  st.color[2], "brightness", st.brightness);
        if (st.code)
            json_object_set_new(extra, "code", json_integer(st.code));
        json_object_set_new(extra, "controlled", json_boolean(vdev_led_app_controlled()));
        reply(m, true, NULL, extra);
        return true;
    }
    return false;
}
