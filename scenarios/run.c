/* scenarios/run.c - running one scenario: start its devices under a
 * coordinator, run the steps in order in device time, report progress and,
 * on a failure, the step's file:line, what was expected, what was seen and
 * the last events of every device. */
#define _GNU_SOURCE
#include "runner.h"

#include "run.h"
#include "steps.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void sbuf_add(struct sbuf *b, const char *p, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *d = realloc(b->data, cap);
        if (!d)
            return;
        b->data = d;
        b->cap = cap;
    }
    memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = 0;
}

void sbuf_free(struct sbuf *b)
{
    free(b->data);
    memset(b, 0, sizeof(*b));
}

static void sbuf_printf(struct sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void sbuf_printf(struct sbuf *b, const char *fmt, ...)
{
    char small[1024];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof(small), fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n < sizeof(small)) {
        sbuf_add(b, small, (size_t)n);
        return;
    }
    char *big = malloc((size_t)n + 1);
    if (!big)
        return;
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    sbuf_add(b, big, (size_t)n);
    free(big);
}

int run_port(const char *port)
{
    return !strcmp(port, "Serial") ? 0 : !strcmp(port, "Serial1") ? 1 : -1;
}

void run_add_case(struct run_ctx *ctx, const char *classname, const char *name, int outcome, const char *message,
                  uint64_t t)
{
    if (ctx->ncases == ctx->capcases) {
        int cap = ctx->capcases ? ctx->capcases * 2 : 16;
        struct testcase *n = realloc(ctx->cases, (size_t)cap * sizeof(*n));
        if (!n)
            return;
        ctx->cases = n;
        ctx->capcases = cap;
    }
    struct testcase *tc = &ctx->cases[ctx->ncases++];
    tc->classname = strdup(classname);
    tc->name = strdup(name);
    tc->outcome = outcome;
    tc->message = message ? strdup(message) : NULL;
    tc->time = t;
}

/* Everything devices report lands here first. */
static void observe(void *p, int dev, json_t *ev)
{
    struct run_ctx *ctx = p;
    struct run_dev *d = &ctx->dev[dev];
    const char *type = json_string_value(json_object_get(ev, "type"));
    uint64_t t = (uint64_t)json_integer_value(json_object_get(ev, "t"));
    if (!strcmp(type, "serial")) {
        int port = run_port(json_string_value(json_object_get(ev, "port")));
        json_t *data = json_object_get(ev, "data"), *hex = json_object_get(ev, "hex");
        if (port < 0)
            return;
        if (data) {
            sbuf_add(&d->out[port], json_string_value(data), json_string_length(data));
        } else if (hex) {
            const char *h = json_string_value(hex);
            for (size_t i = 0; h[i] && h[i + 1]; i += 2) {
                unsigned v;
                sscanf(h + i, "%2x", &v);
                char ch = (char)v;
                sbuf_add(&d->out[port], &ch, 1);
            }
        }
    } else if (!strcmp(type, "log")) {
        json_array_append(d->logs, ev);
    } else if (!strcmp(type, "led")) {
        json_decref(d->led);
        d->led = json_incref(ev);
    } else if (!strcmp(type, "pin") || !strcmp(type, "input")) {
        const char *pin = json_string_value(json_object_get(ev, "pin"));
        json_t *v = json_object_get(ev, "value");
        if (!strcmp(type, "input"))
            json_object_del(d->pins, pin); /* what it reads also depends on its mode: ask */
        else
            json_object_set_new(d->pins, pin, json_integer(json_integer_value(v)));
        if (json_is_integer(v)) {
            if (ctx->nvcd == ctx->capvcd) {
                size_t cap = ctx->capvcd ? ctx->capvcd * 2 : 256;
                struct vcd_change *n = realloc(ctx->vcd, cap * sizeof(*n));
                if (!n)
                    return;
                ctx->vcd = n;
                ctx->capvcd = cap;
            }
            struct vcd_change *c = &ctx->vcd[ctx->nvcd++];
            c->dev = dev;
            snprintf(c->pin, sizeof(c->pin), "%s", pin);
            c->value = (int)json_integer_value(v);
            c->t = t;
        }
    } else if (!strcmp(type, "boot")) {
        /* a fresh boot: only what the device says from now on counts */
        json_object_clear(d->pins);
        d->cursor[0] = d->out[0].len;
        d->cursor[1] = d->out[1].len;
        d->log_cursor = json_array_size(d->logs);
        json_decref(d->led);
        d->led = NULL;
    } else if (!strcmp(type, "pin-mode")) {
        json_object_del(d->pins, json_string_value(json_object_get(ev, "pin")));
    }
}

struct cond_wrap {
    bool (*cond)(void *);
    void *arg;
};

static bool wrapped(void *p)
{
    struct cond_wrap *w = p;
    return w->cond(w->arg);
}

int run_wait(struct run_ctx *ctx, bool (*cond)(void *arg), void *arg)
{
    struct cond_wrap w = { cond, arg };
    char err[512];
    int r = coord_advance(ctx->c, ctx->step_deadline, wrapped, &w, err, sizeof(err));
    if (r < 0)
        snprintf(ctx->seen, sizeof(ctx->seen), "%s", err);
    return r;
}

json_t *run_command(struct run_ctx *ctx, int dev, json_t *cmd)
{
    char err[512];
    json_t *r = coord_command(ctx->c, dev, cmd, err, sizeof(err));
    json_decref(cmd);
    if (!r) {
        snprintf(ctx->seen, sizeof(ctx->seen), "%s", err);
        return NULL;
    }
    if (!json_is_true(json_object_get(r, "ok"))) {
        snprintf(ctx->seen, sizeof(ctx->seen), "the device refused the command: %s",
                 json_string_value(json_object_get(r, "error")));
        json_decref(r);
        return NULL;
    }
    return r;
}

void run_describe_output(struct run_ctx *ctx, int dev, int port, char *out, size_t len)
{
    struct run_dev *d = &ctx->dev[dev];
    struct sbuf *b = &d->out[port];
    size_t from = d->cursor[port] <= b->len ? d->cursor[port] : b->len;
    size_t n = b->len - from;
    if (n == 0) {
        snprintf(out, len, "no %s output since the last match", port ? "Serial1" : "Serial");
        return;
    }
    size_t show = n > 400 ? 400 : n;
    json_t *s = json_stringn(b->data + b->len - show, show);
    char *q = s ? json_dumps(s, JSON_ENCODE_ANY) : NULL;
    snprintf(out, len, "%s output since the last match%s: %s", port ? "Serial1" : "Serial",
             show < n ? " (its end)" : "", q ? q : "(not text)");
    free(q);
    json_decref(s);
}

/* "wait-serial \"ready\"" or "set-pin {pin: D2, value: 1}" */
static void describe_step(const struct scen_step *st, char *out, size_t len)
{
    const struct ynode *n = st->node;
    size_t used = (size_t)snprintf(out, len, "%s", st->type->name);
    if (n->kind == YNODE_SCALAR && !n->null) {
        json_t *j = json_string(n->scalar);
        char *q = j ? json_dumps(j, JSON_ENCODE_ANY) : NULL;
        snprintf(out + used, len - used, " %s", q ? q : n->scalar);
        free(q);
        json_decref(j);
    } else if (n->kind == YNODE_MAP) {
        used += (size_t)snprintf(out + used, len - used, " {");
        for (size_t i = 0; i < n->n && used < len - 40; i++) {
            const struct ynode *v = n->items[i];
            json_t *j = v->kind == YNODE_SCALAR && !v->null ? json_string(v->scalar) : NULL;
            char *q = j ? json_dumps(j, JSON_ENCODE_ANY) : NULL;
            used += (size_t)snprintf(out + used, len - used, "%s%s: %s", i ? ", " : "", n->keys[i]->scalar,
                                     v->kind != YNODE_SCALAR ? "..." : v->null ? "null" : q ? q : v->scalar);
            free(q);
            json_decref(j);
        }
        snprintf(out + used, len - used, "}");
    }
}

static void report_failure(struct run_ctx *ctx, struct sbuf *o, const struct scen_step *st, const char *file)
{
    sbuf_printf(o, "        at %s:%d:%d, t=%.6f s\n", file, st->line, st->col, coord_now(ctx->c) / 1e6);
    if (ctx->expected[0])
        sbuf_printf(o, "        expected: %s\n", ctx->expected);
    sbuf_printf(o, "        seen:     %s\n", ctx->seen);
    for (int i = 0; i < coord_device_count(ctx->c); i++) {
        const char *lines[COORD_LAST_EVENTS];
        int n = coord_last_events(ctx->c, i, lines, COORD_LAST_EVENTS);
        sbuf_printf(o, "        last %d events of %s:\n", n, coord_device_name(ctx->c, i));
        for (int k = 0; k < n; k++)
            sbuf_printf(o, "          %s\n", lines[k]);
        const char *failure = coord_device_failure(ctx->c, i);
        if (failure && strstr(failure, "crashed")) {
            const char *report = coord_device_stderr(ctx->c, i);
            if (report[0])
                sbuf_printf(o, "        %s said:\n%s", coord_device_name(ctx->c, i), report);
        }
    }
}

int runner_run_scenario(struct scenario *s, const struct runner_opts *opts, const char *const *images,
                        const char *workdir, struct scenario_result *res, FILE *live)
{
    struct run_ctx ctx;
    memset(&ctx, 0, sizeof(ctx));
    ctx.s = s;
    struct sbuf *o = &res->output;
    const char *file = s->path;
    sbuf_printf(o, "scenario: %s (%s)\n", s->name, file);
    if (live) {
        fputs(o->data, live);
        fflush(live);
    }
    size_t shown = o->len;
    ctx.c = coord_new(true, workdir);
    coord_set_observer(ctx.c, observe, &ctx);
    for (int i = 0; i < s->ndevices; i++) {
        ctx.dev[i].logs = json_array();
        ctx.dev[i].pins = json_object();
        char events[4096] = "", hosts[4096] = "", snoop[4096] = "";
        if (opts->events_dir)
            snprintf(events, sizeof(events), "%s/%s.%s.jsonl", opts->events_dir, res->stem, s->devices[i].name);
        if (opts->btsnoop_dir)
            snprintf(snoop, sizeof(snoop), "%s/%s.%s.btsnoop", opts->btsnoop_dir, res->stem, s->devices[i].name);
        if (s->hosts || s->devices[i].hosts) { /* the device's hosts table: the scenario's, then its own */
            snprintf(hosts, sizeof(hosts), "%s/%d.hosts", workdir, i);
            FILE *f = fopen(hosts, "w");
            const struct ynode *maps[2] = { s->hosts, s->devices[i].hosts };
            for (int m = 0; f && m < 2; m++)
                for (size_t k = 0; maps[m] && k < maps[m]->n; k++)
                    fprintf(f, "%s %s\n", maps[m]->items[k]->scalar, maps[m]->keys[k]->scalar);
            if (f)
                fclose(f);
        }
        struct coord_device_spec spec = { s->devices[i].name, images[i], s->devices[i].platform, s->devices[i].seed,
                                          events[0] ? events : NULL, hosts[0] ? hosts : NULL,
                                          snoop[0] ? snoop : NULL, s->devices[i].flash, false };
        int di = coord_add_device(ctx.c, &spec);
        if (di >= 0)
            coord_place_device(ctx.c, di, s->devices[i].has_pos ? s->devices[i].pos : NULL,
                               s->devices[i].has_rssi ? &s->devices[i].rssi : NULL);
    }
    for (int i = 0; i < s->nwires; i++)
        coord_add_wire(ctx.c, s->wires[i].from, s->wires[i].from_port, s->wires[i].to, s->wires[i].to_port);
    char err[512];
    ctx.deadline = s->timeout;
    int passed_steps = 0;
    res->passed = false;
    if (coord_start(ctx.c, err, sizeof(err))) {
        sbuf_printf(o, "  FAIL  the devices did not start: %s\n", err);
        snprintf(res->message, sizeof(res->message), "the devices did not start: %s", err);
    } else {
        res->passed = true;
        for (int i = 0; i < s->nsteps; i++) {
            struct scen_step *st = &s->steps[i];
            uint64_t now = coord_now(ctx.c);
            uint64_t limit = st->has_timeout ? st->timeout
                             : ctx.deadline == SCEN_NO_TIMEOUT ? SCEN_WAIT_TIMEOUT_US : ctx.deadline - now;
            ctx.step_deadline = now + limit < ctx.deadline ? now + limit : ctx.deadline;
            ctx.expected[0] = ctx.seen[0] = 0;
            int r = st->type->run(&ctx, st);
            char what[256];
            describe_step(st, what, sizeof(what));
            if (r == 0) {
                passed_steps++;
                sbuf_printf(o, "  ok    %-52s t=%.6f\n", what, coord_now(ctx.c) / 1e6);
            } else {
                if (r == 1 && ctx.deadline != SCEN_NO_TIMEOUT && coord_now(ctx.c) >= ctx.deadline)
                    snprintf(ctx.seen + strlen(ctx.seen), sizeof(ctx.seen) - strlen(ctx.seen),
                             " (the scenario's timeout of %.3f s was reached)", ctx.deadline / 1e6);
                sbuf_printf(o, "  FAIL  %s\n", what);
                report_failure(&ctx, o, st, file);
                snprintf(res->message, sizeof(res->message), "%s:%d: %s: expected %s; seen %s", file, st->line, what,
                         ctx.expected[0] ? ctx.expected : "it to work", ctx.seen);
                res->passed = false;
            }
            if (live) {
                fputs(o->data + shown, live);
                fflush(live);
                shown = o->len;
            }
            if (r != 0)
                break;
        }
    }
    res->time = coord_now(ctx.c);
    coord_free(ctx.c);
    for (int i = 0; i < s->ndevices; i++) {
        char hosts[4096];
        snprintf(hosts, sizeof(hosts), "%s/%d.hosts", workdir, i);
        unlink(hosts);
    }
    sbuf_printf(o, "%s: %s (%d of %d steps passed, %.6f s of device time)\n", res->passed ? "PASSED" : "FAILED",
                s->name, passed_steps, s->nsteps, res->time / 1e6);
    if (live) {
        fputs(o->data + shown, live);
        fflush(live);
    }
    res->cases = ctx.cases;
    res->ncases = ctx.ncases;
    res->vcd = ctx.vcd;
    res->nvcd = ctx.nvcd;
    for (int i = 0; i < s->ndevices; i++) {
        sbuf_free(&ctx.dev[i].out[0]);
        sbuf_free(&ctx.dev[i].out[1]);
        json_decref(ctx.dev[i].logs);
        json_decref(ctx.dev[i].pins);
        json_decref(ctx.dev[i].led);
    }
    return res->passed ? 0 : 1;
}
