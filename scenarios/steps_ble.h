/* scenarios/steps_ble.h - what the BLE step files share: a step's parsed
 * arguments (steps_ble.c parses, steps_ble_run.c runs) and the run
 * functions. Nothing else includes it. */
#ifndef VDEV_STEPS_BLE_H
#define VDEV_STEPS_BLE_H

#include "../ble-bridge/att.h"
#include "steps.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum { K_SCAN, K_CONNECT, K_DISCOVER, K_READ, K_WRITE, K_SUBSCRIBE, K_NOTIFY, K_DISCONNECT, K_RAW, K_EXPECT };

struct ble_args {
    int kind;
    char text[256];           /* name, value text, uuid text */
    struct vdev_uuid uuid;
    bool has_uuid, has_name, has_value, flag, has_flag;
    uint8_t value[512];
    size_t vlen;
    uint8_t expect[512];
    size_t elen;
    bool has_expect;
    int adv, links, scan;     /* expect-ble: -1 unchecked */
    int mtu;
};


struct run_ctx;
int run_scan(struct run_ctx *ctx, struct scen_step *st);
int run_connect(struct run_ctx *ctx, struct scen_step *st);
int run_discover(struct run_ctx *ctx, struct scen_step *st);
int run_read(struct run_ctx *ctx, struct scen_step *st);
int run_write(struct run_ctx *ctx, struct scen_step *st);
int run_subscribe(struct run_ctx *ctx, struct scen_step *st);
int run_notify(struct run_ctx *ctx, struct scen_step *st);
int run_disconnect(struct run_ctx *ctx, struct scen_step *st);
int run_raw(struct run_ctx *ctx, struct scen_step *st);
int run_expect(struct run_ctx *ctx, struct scen_step *st);

#endif
