/* scenarios/steps.c - the scenario steps: serial (wait-serial, expect-serial,
 * write-serial), pins (set-pin, expect-pin, wait-pin, set-analog), time
 * (delay), logs (wait-log), reset, and run-tests (Device OS on-device
 * tests). Each has a parse function and a run function. */
#define _GNU_SOURCE
#include "steps.h"

#include "../sim/options.h"
#include "run.h"
#include "steps_priv.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ERR(n, ...) ydoc_error(&s->doc, (n), err, errlen, __VA_ARGS__)

/* Arguments shared by most steps. */
struct args {
    const char *text;        /* serial text, pattern, log text */
    const char *pin;         /* canonical pin name */
    int port;                /* 0 Serial, 1 Serial1 */
    long long value;         /* pin level (-1: release), analog value */
    uint64_t duration;
    const char *level, *category;
    pcre2_code *re;
};

static void free_args(void *p)
{
    struct args *a = p;
    if (a && a->re)
        pcre2_code_free(a->re);
    free(a);
}

static struct args *new_args(struct scen_step *st)
{
    struct args *a = calloc(1, sizeof(*a));
    st->args = a;
    return a;
}

static const char *const common_keys[] = { "device", "timeout", NULL };

/* A map with the common keys plus `extra`. */
int step_keys_plus_(struct scenario *s, const struct ynode *map, const char *const *extra, char *err, size_t errlen)
{
    const char *all[16];
    int n = 0;
    for (const char *const *k = common_keys; *k; k++)
        all[n++] = *k;
    for (const char *const *k = extra; *k && n < 15; k++)
        all[n++] = *k;
    all[n] = NULL;
    return scen_keys(s, map, all, err, errlen);
}

static int port_arg(struct scenario *s, const struct ynode *map, struct args *a, char *err, size_t errlen)
{
    const struct ynode *p = ynode_get(map, "port");
    a->port = 0;
    if (!p)
        return 0;
    const char *name = "";
    if (scen_string(s, p, &name, err, errlen))
        return -1;
    a->port = run_port(name);
    if (a->port < 0)
        return ERR(p, "port is Serial or Serial1, not '%s'", name);
    return 0;
}

/* text: a scalar, or a map with `key` (and port) */
static int parse_text(struct scenario *s, struct scen_step *st, const char *key, char *err, size_t errlen)
{
    struct args *a = new_args(st);
    const struct ynode *n = st->node;
    if (!a)
        return ERR(n, "out of memory");
    if (n->kind == YNODE_MAP) {
        const char *extra[] = { key, "port", NULL };
        if (step_keys_plus_(s, n, extra, err, errlen) || port_arg(s, n, a, err, errlen))
            return -1;
        if (!(n = ynode_get(st->node, key)))
            return ERR(st->node, "%s needs %s:", st->type->name, key);
    }
    if (n->kind != YNODE_SCALAR || n->null)
        return ERR(n, "%s needs a string", st->type->name);
    a->text = n->scalar;
    return 0;
}

/* ---- serial ---- */

struct serial_wait {
    struct run_ctx *ctx;
    int dev, port;
    struct args *a;
    size_t match_end;
    size_t scanned; /* output already searched without a match */
};

static bool substring_seen(void *p)
{
    struct serial_wait *w = p;
    struct run_dev *d = &w->ctx->dev[w->dev];
    struct sbuf *b = &d->out[w->port];
    size_t from = d->cursor[w->port], tl = strlen(w->a->text);
    if (!b->data || from > b->len)
        return false;
    /* only what arrived since the last look (and enough before it to catch a match across) */
    if (w->scanned > from + tl)
        from = w->scanned - tl;
    const char *hit = memmem(b->data + from, b->len - from, w->a->text, tl);
    w->scanned = b->len;
    if (!hit)
        return false;
    w->match_end = (size_t)(hit - b->data) + strlen(w->a->text);
    return true;
}

static bool regex_seen(void *p)
{
    struct serial_wait *w = p;
    struct run_dev *d = &w->ctx->dev[w->dev];
    struct sbuf *b = &d->out[w->port];
    size_t from = d->cursor[w->port];
    if (from > b->len)
        return false;
    pcre2_match_data *md = pcre2_match_data_create_from_pattern(w->a->re, NULL);
    if (!md)
        return false;
    int rc = pcre2_match(w->a->re, (PCRE2_SPTR)(b->data ? b->data + from : ""), b->len - from, 0, 0, md, NULL);
    if (rc > 0)
        w->match_end = from + pcre2_get_ovector_pointer(md)[1];
    pcre2_match_data_free(md);
    return rc > 0;
}

static int run_serial_wait(struct run_ctx *ctx, struct scen_step *st, bool (*cond)(void *), const char *what)
{
    struct args *a = st->args;
    struct serial_wait w = { ctx, st->device, a->port, a, 0, 0 };
    int r = run_wait(ctx, cond, &w);
    if (r == 1) {
        ctx->dev[st->device].cursor[a->port] = w.match_end;
        return 0;
    }
    if (r < 0)
        return -1;
    json_t *j = json_string(a->text);
    char *q = j ? json_dumps(j, JSON_ENCODE_ANY) : NULL;
    snprintf(ctx->expected, sizeof(ctx->expected), "%s %s %s", a->port ? "Serial1" : "Serial", what, q ? q : a->text);
    free(q);
    json_decref(j);
    run_describe_output(ctx, st->device, a->port, ctx->seen, sizeof(ctx->seen));
    return 1;
}

static int parse_wait_serial(struct scenario *s, struct scen_step *st, char *err, size_t errlen)
{
    return parse_text(s, st, "text", err, errlen);
}

static int run_wait_serial(struct run_ctx *ctx, struct scen_step *st)
{
    return run_serial_wait(ctx, st, substring_seen, "to show");
}

static int parse_expect_serial(struct scenario *s, struct scen_step *st, char *err, size_t errlen)
{
    if (parse_text(s, st, "pattern", err, errlen))
        return -1;
    struct args *a = st->args;
    int code;
    PCRE2_SIZE off;
    a->re = pcre2_compile((PCRE2_SPTR)a->text, PCRE2_ZERO_TERMINATED, PCRE2_MULTILINE | PCRE2_UTF, &code, &off, NULL);
    if (!a->re) {
        PCRE2_UCHAR msg[256];
        pcre2_get_error_message(code, msg, sizeof(msg));
        const struct ynode *n = st->node->kind == YNODE_MAP ? ynode_get(st->node, "pattern") : st->node;
        return ERR(n, "bad regular expression at offset %zu: %s", (size_t)off, (const char *)msg);
    }
    return 0;
}

static int run_expect_serial(struct run_ctx *ctx, struct scen_step *st)
{
    return run_serial_wait(ctx, st, regex_seen, "to match");
}

static int run_write_serial(struct run_ctx *ctx, struct scen_step *st)
{
    struct args *a = st->args;
    json_t *r = run_command(ctx, st->device, json_pack("{s:s,s:s,s:s}", "cmd", "serial-write", "port",
                                                         a->port ? "Serial1" : "Serial", "data", a->text));
    if (!r)
        return -1;
    json_decref(r);
    return 0;
}

static int parse_write_serial(struct scenario *s, struct scen_step *st, char *err, size_t errlen)
{
    return parse_text(s, st, "text", err, errlen);
}

/* ---- pins ---- */

static int parse_pin_value(struct scenario *s, struct scen_step *st, bool release_ok, long long max, const char *what,
                           char *err, size_t errlen)
{
    struct args *a = new_args(st);
    const struct ynode *n = st->node;
    if (!a)
        return ERR(n, "out of memory");
    if (n->kind != YNODE_MAP)
        return ERR(n, "%s is a mapping such as {pin: D2, value: %s}", st->type->name, what);
    const char *extra[] = { "pin", "value", NULL };
    if (step_keys_plus_(s, n, extra, err, errlen))
        return -1;
    const struct ynode *p = ynode_get(n, "pin"), *v = ynode_get(n, "value");
    if (!p || !v)
        return ERR(n, "%s needs pin: and value:", st->type->name);
    if (scen_pin(s, st->device, p, &a->pin, err, errlen))
        return -1;
    if (release_ok && v->kind == YNODE_SCALAR && v->null) {
        a->value = -1;
        return 0;
    }
    static const char *const words[] = { "HIGH", "LOW", "high", "low", "true", "false", NULL };
    for (int w = 0; max == 1 && v->kind == YNODE_SCALAR && !v->quoted && words[w]; w++)
        if (!strcmp(v->scalar, words[w])) {
            a->value = w % 2 == 0;
            return 0;
        }
    return scen_int(s, v, 0, max, &a->value, err, errlen);
}

static int parse_set_pin(struct scenario *s, struct scen_step *st, char *err, size_t errlen)
{
    return parse_pin_value(s, st, true, 1, "1", err, errlen);
}

static int parse_pin_check(struct scenario *s, struct scen_step *st, char *err, size_t errlen)
{
    return parse_pin_value(s, st, false, 1, "1", err, errlen);
}

static int parse_set_analog(struct scenario *s, struct scen_step *st, char *err, size_t errlen)
{
    if (parse_pin_value(s, st, false, 4095, "2048", err, errlen))
        return -1;
    struct args *a = st->args;
    int pin = vdev_platform_pin_lookup(s->devices[st->device].platform, a->pin);
    if (!vdev_platform_pin_has(s->devices[st->device].platform, pin, VDEV_PIN_ADC))
        return ERR(ynode_get(st->node, "pin"), "%s is not an analog input on %s", a->pin,
                   s->devices[st->device].platform->name);
    return 0;
}

static int run_set_pin(struct run_ctx *ctx, struct scen_step *st)
{
    struct args *a = st->args;
    json_t *cmd = a->value < 0 ? json_pack("{s:s,s:s,s:n}", "cmd", "set-pin", "pin", a->pin, "value")
                               : json_pack("{s:s,s:s,s:I}", "cmd", "set-pin", "pin", a->pin, "value", a->value);
    json_t *r = run_command(ctx, st->device, cmd);
    if (!r)
        return -1;
    json_decref(r);
    return 0;
}

static int run_set_analog(struct run_ctx *ctx, struct scen_step *st)
{
    struct args *a = st->args;
    json_t *r = run_command(ctx, st->device,
                            json_pack("{s:s,s:s,s:I}", "cmd", "set-analog", "pin", a->pin, "value", a->value));
    if (!r)
        return -1;
    json_decref(r);
    return 0;
}

static int pin_level(struct run_ctx *ctx, int dev, const char *pin)
{
    json_t *v = json_object_get(ctx->dev[dev].pins, pin);
    if (json_is_integer(v))
        return (int)json_integer_value(v);
    json_t *r = run_command(ctx, dev, json_pack("{s:s,s:s}", "cmd", "get-pin", "pin", pin));
    int level = r ? (int)json_integer_value(json_object_get(r, "value")) : -1;
    json_decref(r);
    if (level >= 0)
        json_object_set_new(ctx->dev[dev].pins, pin, json_integer(level));
    return level;
}

static int run_expect_pin(struct run_ctx *ctx, struct scen_step *st)
{
    struct args *a = st->args;
    json_object_del(ctx->dev[st->device].pins, a->pin); /* ask the device itself */
    int level = pin_level(ctx, st->device, a->pin);
    if (level < 0)
        return -1;
    if (level == a->value)
        return 0;
    snprintf(ctx->expected, sizeof(ctx->expected), "%s to be %lld", a->pin, a->value);
    snprintf(ctx->seen, sizeof(ctx->seen), "%s is %d", a->pin, level);
    return 1;
}

struct pin_wait {
    struct run_ctx *ctx;
    int dev;
    struct args *a;
};

static bool pin_is(void *p)
{
    struct pin_wait *w = p;
    json_t *v = json_object_get(w->ctx->dev[w->dev].pins, w->a->pin);
    return json_is_integer(v) && json_integer_value(v) == w->a->value;
}

static int run_wait_pin(struct run_ctx *ctx, struct scen_step *st)
{
    struct args *a = st->args;
    json_object_del(ctx->dev[st->device].pins, a->pin);
    if (pin_level(ctx, st->device, a->pin) < 0)
        return -1;
    struct pin_wait w = { ctx, st->device, a };
    int r = run_wait(ctx, pin_is, &w);
    if (r == 1)
        return 0;
    if (r < 0)
        return -1;
    snprintf(ctx->expected, sizeof(ctx->expected), "%s to become %lld", a->pin, a->value);
    json_object_del(ctx->dev[st->device].pins, a->pin);
    snprintf(ctx->seen, sizeof(ctx->seen), "%s stayed %d", a->pin, pin_level(ctx, st->device, a->pin));
    return 1;
}

/* ---- time ---- */

static int parse_delay(struct scenario *s, struct scen_step *st, char *err, size_t errlen)
{
    struct args *a = new_args(st);
    if (!a)
        return ERR(st->node, "out of memory");
    const struct ynode *n = st->node;
    if (n->kind == YNODE_MAP) {
        const char *extra[] = { "duration", NULL };
        if (step_keys_plus_(s, n, extra, err, errlen))
            return -1;
        if (!(n = ynode_get(st->node, "duration")))
            return ERR(st->node, "delay needs duration:");
    }
    return scen_duration(s, n, &a->duration, err, errlen);
}

static bool never(void *p)
{
    (void)p;
    return false;
}

static int run_delay(struct run_ctx *ctx, struct scen_step *st)
{
    struct args *a = st->args;
    uint64_t target = coord_now(ctx->c) + a->duration;
    if (target > ctx->deadline) {
        ctx->step_deadline = ctx->deadline;
        int r = run_wait(ctx, never, NULL);
        if (r < 0)
            return -1;
        snprintf(ctx->expected, sizeof(ctx->expected), "to wait %.6f s", a->duration / 1e6);
        snprintf(ctx->seen, sizeof(ctx->seen), "the scenario's timeout came first");
        return 1;
    }
    char err[512];
    if (coord_advance(ctx->c, target, NULL, NULL, err, sizeof(err)) < 0) {
        snprintf(ctx->seen, sizeof(ctx->seen), "%s", err);
        return -1;
    }
    return 0;
}

/* ---- logs ---- */

static int parse_wait_log(struct scenario *s, struct scen_step *st, char *err, size_t errlen)
{
    struct args *a = new_args(st);
    const struct ynode *n = st->node;
    if (!a)
        return ERR(n, "out of memory");
    if (n->kind == YNODE_SCALAR) {
        a->text = n->scalar;
        return 0;
    }
    const char *extra[] = { "level", "category", "text", NULL };
    if (step_keys_plus_(s, n, extra, err, errlen))
        return -1;
    const struct ynode *l = ynode_get(n, "level"), *c = ynode_get(n, "category"), *t = ynode_get(n, "text");
    if (!l && !c && !t)
        return ERR(n, "wait-log needs level:, category: or text:");
    if (l) {
        static const char *const levels[] = { "TRACE", "INFO", "WARN", "ERROR", "PANIC", NULL };
        if (scen_string(s, l, &a->level, err, errlen))
            return -1;
        const char *const *k = levels;
        while (*k && strcmp(*k, a->level))
            k++;
        if (!*k)
            return ERR(l, "level is TRACE, INFO, WARN, ERROR or PANIC, not '%s'", a->level);
    }
    if ((c && scen_string(s, c, &a->category, err, errlen)) || (t && scen_string(s, t, &a->text, err, errlen)))
        return -1;
    return 0;
}

struct log_wait {
    struct run_ctx *ctx;
    int dev;
    struct args *a;
};

static bool log_seen(void *p)
{
    struct log_wait *w = p;
    struct run_dev *d = &w->ctx->dev[w->dev];
    for (size_t i = d->log_cursor; i < json_array_size(d->logs); i++) {
        json_t *e = json_array_get(d->logs, i);
        const char *lvl = json_string_value(json_object_get(e, "level"));
        const char *cat = json_string_value(json_object_get(e, "category"));
        const char *msg = json_string_value(json_object_get(e, "message"));
        if ((!w->a->level || !strcmp(lvl, w->a->level)) && (!w->a->category || !strcmp(cat, w->a->category)) &&
            (!w->a->text || strstr(msg, w->a->text))) {
            d->log_cursor = i + 1;
            return true;
        }
    }
    return false;
}

static int run_wait_log(struct run_ctx *ctx, struct scen_step *st)
{
    struct args *a = st->args;
    struct log_wait w = { ctx, st->device, a };
    int r = run_wait(ctx, log_seen, &w);
    if (r == 1)
        return 0;
    if (r < 0)
        return -1;
    snprintf(ctx->expected, sizeof(ctx->expected), "a log message%s%s%s%s%s%s", a->level ? " at " : "",
             a->level ? a->level : "", a->category ? " in [" : "", a->category ? a->category : "",
             a->category ? "]" : "", a->text ? " containing the text" : "");
    if (a->text)
        snprintf(ctx->expected + strlen(ctx->expected), sizeof(ctx->expected) - strlen(ctx->expected), " \"%s\"",
                 a->text);
    size_t used = 0;
    struct run_dev *d = &ctx->dev[st->device];
    size_t n = json_array_size(d->logs);
    used += (size_t)snprintf(ctx->seen, sizeof(ctx->seen), "%zu log message(s) since the last match%s", n - d->log_cursor,
                             n > d->log_cursor ? ":" : "");
    for (size_t i = n > d->log_cursor + 5 ? n - 5 : d->log_cursor; i < n && used < sizeof(ctx->seen) - 200; i++) {
        json_t *e = json_array_get(d->logs, i);
        used += (size_t)snprintf(ctx->seen + used, sizeof(ctx->seen) - used, "\n    [%s] %s: %s",
                                 json_string_value(json_object_get(e, "category")),
                                 json_string_value(json_object_get(e, "level")),
                                 json_string_value(json_object_get(e, "message")));
    }
    return 1;
}

/* ---- reset ---- */

static int parse_reset(struct scenario *s, struct scen_step *st, char *err, size_t errlen)
{
    const struct ynode *n = st->node;
    if (n->kind == YNODE_MAP)
        return step_keys_plus_(s, n, (const char *const[]){ NULL }, err, errlen);
    if (n->kind == YNODE_SCALAR && n->null)
        return s->ndevices == 1 ? 0 : ERR(n, "reset needs the device's name");
    return scen_device_index(s, n, &st->device, err, errlen);
}

static int run_reset(struct run_ctx *ctx, struct scen_step *st)
{
    json_t *r = run_command(ctx, st->device, json_pack("{s:s}", "cmd", "reset"));
    if (!r)
        return -1;
    json_decref(r); /* the observer starts the device's output afresh at its new boot */
    return 0;
}

/* ---- run-tests ---- */

static int parse_run_tests(struct scenario *s, struct scen_step *st, char *err, size_t errlen)
{
    const struct ynode *n = st->node;
    if (n->kind == YNODE_MAP)
        return step_keys_plus_(s, n, (const char *const[]){ NULL }, err, errlen);
    if (n->kind == YNODE_SCALAR && n->null)
        return s->ndevices == 1 ? 0 : ERR(n, "run-tests needs device:");
    return scen_device_index(s, n, &st->device, err, errlen);
}

static bool summary_seen(void *p)
{
    struct serial_wait *w = p;
    struct run_dev *d = &w->ctx->dev[w->dev];
    struct sbuf *b = &d->out[0];
    size_t from = d->cursor[0];
    if (!b->data || from > b->len)
        return false;
    const char *hit = memmem(b->data + from, b->len - from, "Test summary:", 13);
    const char *eol = hit ? memchr(hit, '\n', b->len - (size_t)(hit - b->data)) : NULL;
    if (!eol)
        return false;
    w->match_end = (size_t)(eol - b->data) + 1;
    return true;
}

/* Turn the on-device test output into test cases. */
static int collect_tests(struct run_ctx *ctx, struct scen_step *st, const char *text, size_t len)
{
    char classname[512];
    const char *base = strrchr(ctx->s->path, '/') ? strrchr(ctx->s->path, '/') + 1 : ctx->s->path;
    snprintf(classname, sizeof(classname), "%.*s.%s", (int)strcspn(base, "."), base, ctx->s->devices[st->device].name);
    char assertion[1024] = "";
    int failed = 0;
    const char *line = text, *end = text + len;
    while (line < end) {
        const char *nl = memchr(line, '\n', (size_t)(end - line));
        size_t n = (size_t)((nl ? nl : end) - line);
        while (n && (line[n - 1] == '\r'))
            n--;
        char buf[1024];
        snprintf(buf, sizeof(buf), "%.*s", (int)n, line);
        size_t bl = strlen(buf);
        if (!strncmp(buf, "Assertion failed:", 17)) {
            snprintf(assertion, sizeof(assertion), "%s", buf);
        } else if (!strncmp(buf, "Test ", 5) && strncmp(buf, "Test summary:", 13)) {
            const char *outcomes[] = { " passed.", " failed.", " skipped." };
            for (int o = 0; o < 3; o++) {
                size_t ol = strlen(outcomes[o]);
                if (bl > 5 + ol && !strcmp(buf + bl - ol, outcomes[o])) {
                    buf[bl - ol] = 0;
                    run_add_case(ctx, classname, buf + 5, o, o == 1 ? (assertion[0] ? assertion : "failed") : NULL,
                                 coord_now(ctx->c));
                    failed += o == 1;
                    assertion[0] = 0;
                }
            }
        }
        line = nl ? nl + 1 : end;
    }
    return failed;
}

static int run_run_tests(struct run_ctx *ctx, struct scen_step *st)
{
    struct run_dev *d = &ctx->dev[st->device];
    size_t start = d->out[0].len;
    d->cursor[0] = start;
    json_t *r = run_command(ctx, st->device, json_pack("{s:s,s:s,s:s}", "cmd", "serial-write", "port", "Serial",
                                                         "data", "t"));
    if (!r)
        return -1;
    json_decref(r);
    struct args none = { 0 };
    struct serial_wait w = { ctx, st->device, 0, &none, 0, 0 };
    int rc = run_wait(ctx, summary_seen, &w);
    if (rc < 0)
        return -1;
    int failed = collect_tests(ctx, st, d->out[0].data ? d->out[0].data + start : "",
                               rc == 1 ? w.match_end - start : d->out[0].len - start);
    if (rc == 0) {
        snprintf(ctx->expected, sizeof(ctx->expected), "the tests to finish with a \"Test summary:\" line");
        run_describe_output(ctx, st->device, 0, ctx->seen, sizeof(ctx->seen));
        return 1;
    }
    d->cursor[0] = w.match_end;
    const char *summary = memmem(d->out[0].data + start, w.match_end - start, "Test summary:", 13);
    if (failed) {
        snprintf(ctx->expected, sizeof(ctx->expected), "every on-device test to pass");
        snprintf(ctx->seen, sizeof(ctx->seen), "%.*s", (int)strcspn(summary, "\r\n"), summary);
        return 1;
    }
    return 0;
}

/* ---- the table ---- */

static const struct step_type steps[] = {
    { "wait-serial", true, false, parse_wait_serial, run_wait_serial, free_args },
    { "expect-serial", true, false, parse_expect_serial, run_expect_serial, free_args },
    { "write-serial", true, false, parse_write_serial, run_write_serial, free_args },
    { "set-pin", true, false, parse_set_pin, run_set_pin, free_args },
    { "expect-pin", true, false, parse_pin_check, run_expect_pin, free_args },
    { "wait-pin", true, false, parse_pin_check, run_wait_pin, free_args },
    { "set-analog", true, false, parse_set_analog, run_set_analog, free_args },
    { "delay", false, false, parse_delay, run_delay, free_args },
    { "wait-log", true, false, parse_wait_log, run_wait_log, free_args },
    { "reset", true, true, parse_reset, run_reset, NULL },
    { "power-cycle", true, true, parse_power_cycle, run_power_cycle, NULL },
    { "run-tests", true, true, parse_run_tests, run_run_tests, NULL },
    { "net", true, false, parse_net, run_net, free_net },
    { "dns", true, false, parse_dns, run_net, free_net },
    { "press-button", true, false, parse_press_button, run_press_button, free_ui },
    { "expect-led", true, false, parse_led, run_expect_led, free_ui },
    { "wait-led", true, false, parse_led, run_wait_led, free_ui },
};

const struct step_type *step_find(const char *name)
{
    for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++)
        if (!strcmp(steps[i].name, name))
            return &steps[i];
    for (int i = 0; i < vdev_ble_nsteps; i++)
        if (!strcmp(vdev_ble_steps[i].name, name))
            return &vdev_ble_steps[i];
    return NULL;
}

const char *step_names(void)
{
    static char list[1024];
    if (!list[0]) {
        for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++)
            snprintf(list + strlen(list), sizeof(list) - strlen(list), "%s%s", i ? ", " : "", steps[i].name);
        for (int i = 0; i < vdev_ble_nsteps; i++)
            snprintf(list + strlen(list), sizeof(list) - strlen(list), ", %s", vdev_ble_steps[i].name);
    }
    return list;
}
