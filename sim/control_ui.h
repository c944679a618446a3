/* sim/control_ui.h - the control commands for the buttons and the RGB LED
 * (docs/control-protocol.md): button, press-button, get-led. */
#ifndef VDEV_CONTROL_UI_H
#define VDEV_CONTROL_UI_H

#include <jansson.h>
#include <stdbool.h>

typedef void (*vdev_control_reply_fn)(json_t *msg, bool ok, const char *error, json_t *extra);

/* Run `cmd` if it is one of these (in firmware context); false otherwise. */
bool vdev_control_ui(json_t *msg, const char *cmd, vdev_control_reply_fn reply);

#endif
