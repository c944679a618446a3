/* scenarios/steps.h - the step table: one small handler per step, each
 * with a parse function (checks its arguments before anything runs) and a
 * run function. Later issues add steps here. */
#ifndef VDEV_STEPS_H
#define VDEV_STEPS_H

#include "scenario.h"

#include <stdbool.h>
#include <stddef.h>

struct run_ctx;

struct step_type {
    const char *name;
    bool needs_device;       /* must name its device when there are several */
    bool scalar_is_device;   /* `- reset: board`: the scalar argument is the device */
    int (*parse)(struct scenario *s, struct scen_step *st, char *err, size_t errlen);
    /* 0 passed; 1 failed (ctx->expected and ctx->seen say how); -1 the run broke (ctx->seen) */
    int (*run)(struct run_ctx *ctx, struct scen_step *st);
    void (*free)(void *args);
};

const struct step_type *step_find(const char *name);
const char *step_names(void);

#endif
