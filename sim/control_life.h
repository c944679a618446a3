/* sim/control_life.h - the control commands that reset the device or change
 * its boot mode (docs/control-protocol.md): reset (the button, another
 * hardware cause, a system reset after an update, or a USB control
 * request), safe-mode, dfu, factory-reset. */
#ifndef VDEV_CONTROL_LIFE_H
#define VDEV_CONTROL_LIFE_H

#include <jansson.h>
#include <stdbool.h>

typedef void (*vdev_control_reply_fn)(json_t *msg, bool ok, const char *error, json_t *extra);

/* Run one of these commands (in firmware context); false when `cmd` is not one. */
bool vdev_control_life(json_t *msg, const char *cmd, vdev_control_reply_fn reply);

#endif
