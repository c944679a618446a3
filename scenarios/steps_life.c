/* scenarios/steps_life.c - owns the device-lifecycle steps: power-cycle
 * (the device restarts as from power-off: the flash keeps the DCT and the
 * EEPROM; retained memory and the RTC are lost; the new boot reports
 * POWER_DOWN). */
#include "run.h"
#include "steps_priv.h"

#define ERR(n, ...) ydoc_error(&s->doc, (n), err, errlen, __VA_ARGS__)

/* `- power-cycle: board`, `- power-cycle: {device: board}`, or `- power-cycle:` with one device */
int parse_power_cycle(struct scenario *s, struct scen_step *st, char *err, size_t errlen)
{
    const struct ynode *n = st->node;
    if (n->kind == YNODE_MAP)
        return step_keys_plus_(s, n, (const char *const[]){ NULL }, err, errlen);
    if (n->kind == YNODE_SCALAR && n->null)
        return s->ndevices == 1 ? 0 : ERR(n, "power-cycle needs the device's name");
    return scen_device_index(s, n, &st->device, err, errlen);
}

int run_power_cycle(struct run_ctx *ctx, struct scen_step *st)
{
    json_t *r = run_command(ctx, st->device, json_pack("{s:s}", "cmd", "power-cycle"));
    if (!r)
        return -1;
    json_decref(r); /* like a reset: output before the new boot no longer counts */
    return 0;
}
