/* ble-bridge/air.h - the device's end of the loopback air: what the
 * coordinator says (control command "ble-rx") turned into radio up calls. */
#ifndef VDEV_BLE_AIR_H
#define VDEV_BLE_AIR_H

#include <stddef.h>

struct json_t;

/* Handle one "ble-rx" command (firmware context). 0, or -EINVAL with the
 * reason in err. */
int vdev_ble_air_input(struct json_t *msg, char *err, size_t errlen);

#endif
