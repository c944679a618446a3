/* scenarios/steps_priv.h - what the step files share: the common-keys check
 * and the steps defined outside steps.c. */
#ifndef VDEV_STEPS_PRIV_H
#define VDEV_STEPS_PRIV_H

#include "steps.h"

/* A mapping's keys must be device, timeout or one of `extra` (NULL-terminated). */
int step_keys_plus_(struct scenario *s, const struct ynode *map, const char *const *extra, char *err, size_t errlen);

/* steps_net.c */
int parse_net(struct scenario *s, struct scen_step *st, char *err, size_t errlen);
int parse_dns(struct scenario *s, struct scen_step *st, char *err, size_t errlen);
int run_net(struct run_ctx *ctx, struct scen_step *st);
void free_net(void *p);

/* steps_life.c */
int parse_power_cycle(struct scenario *s, struct scen_step *st, char *err, size_t errlen);
int run_power_cycle(struct run_ctx *ctx, struct scen_step *st);

/* steps_ui.c: buttons and the RGB LED */
int parse_press_button(struct scenario *s, struct scen_step *st, char *err, size_t errlen);
int run_press_button(struct run_ctx *ctx, struct scen_step *st);
int parse_led(struct scenario *s, struct scen_step *st, char *err, size_t errlen);
int run_expect_led(struct run_ctx *ctx, struct scen_step *st);
int run_wait_led(struct run_ctx *ctx, struct scen_step *st);
void free_ui(void *args);

/* steps_ble.c */
extern const struct step_type vdev_ble_steps[];
extern const int vdev_ble_nsteps;

#endif
