/* sim/control_life.c - the control commands that reset the device or change
 * its boot mode (control_life.h). `reset` is the reset button (PIN_RESET),
 * at once, as hardware is; with `reason` it is another hardware cause
 * (WATCHDOG, POWER_BROWNOUT, PANIC with `data` the panic code, UNKNOWN), or
 * UPDATE: the system's own reset after a firmware update, which goes through
 * `reset_pending` and waits while the app disables resets. With `request`
 * true, and for safe-mode, dfu and factory-reset, it is Device OS's USB
 * control request (`particle usb reset|safe-mode|dfu`): the cloud is
 * disconnected at once, nothing reconnects, and the request is carried out
 * 1 s later (1.4.0 fix 1905; system_lifecycle.c). */
#include "control_life.h"

#include "../system/include/system_lifecycle.h"
#include "device.h"

#include <string.h>

static const struct {
    const char *name;
    int code;
} reasons[] = {
    { "PIN_RESET", 20 }, { "WATCHDOG", 60 }, { "POWER_BROWNOUT", 50 }, { "PANIC", 130 }, { "UNKNOWN", 10 },
    { "UPDATE", 70 },
};

static void request(json_t *m, vdev_control_request_t r, vdev_control_reply_fn reply)
{
    int rc = vdev_system_control_request(r);
    reply(m, rc == 0, rc ? "a request is already on its way" : NULL, NULL);
}

static void reset(json_t *m, vdev_control_reply_fn reply)
{
    if (json_is_true(json_object_get(m, "request"))) {
        request(m, VDEV_REQUEST_RESET, reply);
        return;
    }
    json_t *why = json_object_get(m, "reason"), *data = json_object_get(m, "data");
    int code = -1;
    for (size_t i = 0; i < sizeof(reasons) / sizeof(reasons[0]); i++)
        if (!why || (json_is_string(why) && !strcmp(json_string_value(why), reasons[i].name)))
            code = code < 0 ? reasons[i].code : code;
    if (code < 0) {
        reply(m, false, "reason must be PIN_RESET, WATCHDOG, POWER_BROWNOUT, PANIC, UNKNOWN or UPDATE", NULL);
        return;
    }
    if (data && (!json_is_integer(data) || json_integer_value(data) < 0 || json_integer_value(data) > 0xFFFFFFFFll)) {
        reply(m, false, "data must be an integer 0..4294967295", NULL);
        return;
    }
    reply(m, true, NULL, NULL);
    if (code == 70) /* RESET_REASON_UPDATE: the system asks, the app may hold it back */
        vdev_system_request_reset(code);
    else
        vdev_device_reset(code, data ? (uint32_t)json_integer_value(data) : 0);
}

bool vdev_control_life(json_t *m, const char *cmd, vdev_control_reply_fn reply)
{
    if (!strcmp(cmd, "reset"))
        reset(m, reply);
    else if (!strcmp(cmd, "safe-mode"))
        request(m, VDEV_REQUEST_SAFE_MODE, reply);
    else if (!strcmp(cmd, "dfu"))
        request(m, VDEV_REQUEST_DFU, reply);
    else if (!strcmp(cmd, "factory-reset"))
        request(m, VDEV_REQUEST_FACTORY_RESET, reply);
    else
        return false;
    return true;
}
