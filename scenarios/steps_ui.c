/* scenarios/steps_ui.c - the steps for the buttons and the RGB LED:
 * press-button (MODE or RESET, held for a duration, a number of times: a
 * click, a double click, a 3 s hold), expect-led (what the LED shows now:
 * its pattern, colour, brightness) and wait-led (until it shows that). */
#define _GNU_SOURCE
#include "steps.h"

#include "run.h"
#include "steps_priv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ERR(n, ...) ydoc_error(&s->doc, (n), err, errlen, __VA_ARGS__)

struct ui_args {
    const char *button;        /* "mode" or "reset" */
    uint64_t duration, gap;
    long long count;
    char pattern[40];          /* "": any */
    bool has_color;
    long long color[3];
    long long brightness;      /* -1: any */
};

void free_ui(void *p) { free(p); }

static struct ui_args *new_ui(struct scen_step *st)
{
    struct ui_args *a = calloc(1, sizeof(*a));
    st->args = a;
    if (a)
        a->brightness = -1;
    return a;
}

/* ---- press-button ---- */

int parse_press_button(struct scenario *s, struct scen_step *st, char *err, size_t errlen)
{
    struct ui_args *a = new_ui(st);
    const struct ynode *n = st->node, *b = n;
    if (!a)
        return ERR(n, "out of memory");
    a->duration = 100000;
    a->gap = 250000;
    a->count = 1;
    if (n->kind == YNODE_MAP) {
        const char *extra[] = { "button", "duration", "count", "gap", NULL };
        if (step_keys_plus_(s, n, extra, err, errlen))
            return -1;
        const struct ynode *v;
        if (!(b = ynode_get(n, "button")))
            return ERR(n, "press-button needs button: (mode or reset)");
        if ((v = ynode_get(n, "duration")) && scen_duration(s, v, &a->duration, err, errlen))
            return -1;
        if ((v = ynode_get(n, "gap")) && scen_duration(s, v, &a->gap, err, errlen))
            return -1;
        if ((v = ynode_get(n, "count")) && scen_int(s, v, 1, 20, &a->count, err, errlen))
            return -1;
        if (a->duration < 1000 || a->gap < 1000)
            return ERR(n, "duration and gap are at least 1ms");
    }
    if (scen_string(s, b, &a->button, err, errlen))
        return -1;
    if (strcmp(a->button, "mode") && strcmp(a->button, "reset"))
        return ERR(b, "button is mode or reset, not '%s'", a->button);
    return 0;
}

/* Let `us` of device time pass (within the scenario's timeout). */
static int advance(struct run_ctx *ctx, uint64_t us)
{
    uint64_t target = coord_now(ctx->c) + us;
    char err[512];
    if (target > ctx->deadline) {
        snprintf(ctx->expected, sizeof(ctx->expected), "to hold the button for %.6f s", us / 1e6);
        snprintf(ctx->seen, sizeof(ctx->seen), "the scenario's timeout came first");
        return 1;
    }
    if (coord_advance(ctx->c, target, NULL, NULL, err, sizeof(err)) < 0) {
        snprintf(ctx->seen, sizeof(ctx->seen), "%s", err);
        return -1;
    }
    return 0;
}

static int button_cmd(struct run_ctx *ctx, int dev, const char *button, const char *action)
{
    json_t *r = run_command(ctx, dev, json_pack("{s:s,s:s,s:s}", "cmd", "button", "button", button, "action", action));
    if (!r)
        return -1;
    json_decref(r);
    return 0;
}

int run_press_button(struct run_ctx *ctx, struct scen_step *st)
{
    struct ui_args *a = st->args;
    for (long long i = 0; i < a->count; i++) {
        int r;
        if ((r = button_cmd(ctx, st->device, a->button, "press")) || (r = advance(ctx, a->duration)) ||
            (r = button_cmd(ctx, st->device, a->button, "release")))
            return r;
        if (i + 1 < a->count && (r = advance(ctx, a->gap)))
            return r;
    }
    return 0;
}

/* ---- expect-led, wait-led ---- */

static const char *const kinds[] = { "breathing", "blinking", "fast-blinking", NULL };
static const char *const colors[] = { "white", "blue", "green", "cyan", "magenta", "red", NULL };

/* A pattern name as the device reports it; "flashing-" is "blinking-". */
static bool pattern_ok(const char *in, char *out, size_t len)
{
    if (!strcmp(in, "off") || !strcmp(in, "solid") || !strcmp(in, "sos")) {
        snprintf(out, len, "%s", in);
        return true;
    }
    if (!strncmp(in, "flashing-", 9)) {
        snprintf(out, len, "blinking-%s", in + 9);
        in = out;
    }
    for (int k = 0; kinds[k]; k++) {
        size_t kl = strlen(kinds[k]);
        if (strncmp(in, kinds[k], kl) || in[kl] != '-')
            continue;
        for (int c = 0; colors[c]; c++)
            if (!strcmp(in + kl + 1, colors[c])) {
                snprintf(out, len, "%s", in);
                return true;
            }
    }
    return false;
}

int parse_led(struct scenario *s, struct scen_step *st, char *err, size_t errlen)
{
    struct ui_args *a = new_ui(st);
    const struct ynode *n = st->node, *p = n;
    if (!a)
        return ERR(n, "out of memory");
    if (n->kind == YNODE_MAP) {
        const char *extra[] = { "pattern", "color", "brightness", NULL };
        if (step_keys_plus_(s, n, extra, err, errlen))
            return -1;
        const struct ynode *c = ynode_get(n, "color"), *b = ynode_get(n, "brightness");
        p = ynode_get(n, "pattern");
        if (!p && !c && !b)
            return ERR(n, "%s needs pattern:, color: or brightness:", st->type->name);
        if (c) {
            if (c->kind != YNODE_SEQ || c->n != 3)
                return ERR(c, "color is [red, green, blue], each 0..255");
            for (int i = 0; i < 3; i++)
                if (scen_int(s, c->items[i], 0, 255, &a->color[i], err, errlen))
                    return -1;
            a->has_color = true;
        }
        if (b && scen_int(s, b, 0, 255, &a->brightness, err, errlen))
            return -1;
    }
    if (p) {
        const char *name;
        if (scen_string(s, p, &name, err, errlen))
            return -1;
        if (!pattern_ok(name, a->pattern, sizeof(a->pattern)))
            return ERR(p, "unknown LED pattern '%s' (off, solid, sos, or breathing-, blinking- or fast-blinking- "
                          "with white, blue, green, cyan, magenta or red)", name);
    }
    return 0;
}

/* Does an LED state ({pattern, color, brightness}) match the step? */
static bool led_matches(const struct ui_args *a, json_t *led)
{
    if (!led)
        return false;
    const char *p = json_string_value(json_object_get(led, "pattern"));
    json_t *c = json_object_get(led, "color");
    if (a->pattern[0] && (!p || strcmp(p, a->pattern)))
        return false;
    for (int i = 0; a->has_color && i < 3; i++)
        if (json_integer_value(json_array_get(c, (size_t)i)) != a->color[i])
            return false;
    return a->brightness < 0 || json_integer_value(json_object_get(led, "brightness")) == a->brightness;
}

static void describe(const struct ui_args *a, const char *verb, char *out, size_t len)
{
    size_t used = (size_t)snprintf(out, len, "the LED %s", verb);
    if (a->pattern[0])
        used += (size_t)snprintf(out + used, len - used, " %s", a->pattern);
    if (a->has_color)
        used += (size_t)snprintf(out + used, len - used, " in [%lld, %lld, %lld]", a->color[0], a->color[1], a->color[2]);
    if (a->brightness >= 0)
        snprintf(out + used, len - used, " at brightness %lld", a->brightness);
}

static void describe_state(json_t *led, char *out, size_t len)
{
    json_t *c = json_object_get(led, "color");
    snprintf(out, len, "the LED shows %s in [%lld, %lld, %lld] at brightness %lld",
             json_string_value(json_object_get(led, "pattern")), json_integer_value(json_array_get(c, 0)),
             json_integer_value(json_array_get(c, 1)), json_integer_value(json_array_get(c, 2)),
             json_integer_value(json_object_get(led, "brightness")));
}

int run_expect_led(struct run_ctx *ctx, struct scen_step *st)
{
    struct ui_args *a = st->args;
    json_t *r = run_command(ctx, st->device, json_pack("{s:s}", "cmd", "get-led"));
    if (!r)
        return -1;
    bool ok = led_matches(a, r);
    if (!ok) {
        describe(a, "to show", ctx->expected, sizeof(ctx->expected));
        describe_state(r, ctx->seen, sizeof(ctx->seen));
    }
    json_decref(r);
    return ok ? 0 : 1;
}

struct led_wait {
    struct run_ctx *ctx;
    int dev;
    struct ui_args *a;
};

static bool led_seen(void *p)
{
    struct led_wait *w = p;
    return led_matches(w->a, w->ctx->dev[w->dev].led);
}

int run_wait_led(struct run_ctx *ctx, struct scen_step *st)
{
    struct ui_args *a = st->args;
    json_t *now = run_command(ctx, st->device, json_pack("{s:s}", "cmd", "get-led"));
    if (!now)
        return -1;
    bool already = led_matches(a, now);
    json_decref(now);
    if (already)
        return 0;
    struct led_wait w = { ctx, st->device, a };
    int r = run_wait(ctx, led_seen, &w);
    if (r == 1)
        return 0;
    if (r < 0)
        return -1;
    describe(a, "to come to show", ctx->expected, sizeof(ctx->expected));
    json_t *last = run_command(ctx, st->device, json_pack("{s:s}", "cmd", "get-led"));
    if (!last)
        return -1;
    describe_state(last, ctx->seen, sizeof(ctx->seen));
    json_decref(last);
    return 1;
}
