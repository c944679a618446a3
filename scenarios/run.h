/* scenarios/run.h - the state of one scenario run, shared by the runner and
 * the step handlers: what each device has printed and logged, its pins, the
 * deadlines, the outcome of the current step and the test cases found. */
#ifndef VDEV_RUN_H
#define VDEV_RUN_H

#include "coord.h"
#include "scenario.h"

#include <jansson.h>
#include <stdint.h>
#include <stdio.h>

struct sbuf {
    char *data;
    size_t len, cap;
};
void sbuf_add(struct sbuf *b, const char *p, size_t n);
void sbuf_free(struct sbuf *b);

struct run_dev {
    struct sbuf out[2];      /* Serial, Serial1 output */
    size_t cursor[2];        /* where the next match starts */
    json_t *logs;            /* log events, in order */
    size_t log_cursor;
    json_t *pins;            /* canonical pin name -> level as seen from outside */
    json_t *led;             /* the latest `led` event (NULL: none since the boot) */
};

struct testcase {
    char *classname, *name;
    int outcome;             /* 0 passed, 1 failed, 2 skipped */
    char *message;
    uint64_t time;
};

struct run_ctx {
    struct scenario *s;
    struct coord *c;
    struct run_dev dev[SCEN_MAX_DEVICES];
    uint64_t deadline;       /* the scenario's timeout, absolute device time */
    uint64_t step_deadline;
    char expected[1024];
    char seen[4096];
    struct testcase *cases;
    int ncases, capcases;
    /* pin changes for --vcd: device, pin, value, time */
    struct vcd_change {
        int dev;
        char pin[8];
        int value;
        uint64_t t;
    } *vcd;
    size_t nvcd, capvcd;
};

void run_add_case(struct run_ctx *ctx, const char *classname, const char *name, int outcome, const char *message,
                  uint64_t t);
/* Index of a port name: 0 Serial, 1 Serial1. */
int run_port(const char *port);
/* Advance until cond holds or the step's deadline; 1 held, 0 timed out, -1 broke. */
int run_wait(struct run_ctx *ctx, bool (*cond)(void *arg), void *arg);
/* Send a command; the reply or NULL (ctx->seen says why). */
json_t *run_command(struct run_ctx *ctx, int dev, json_t *cmd);
/* The tail of a device's output since its last match, for messages. */
void run_describe_output(struct run_ctx *ctx, int dev, int port, char *out, size_t len);

#endif
