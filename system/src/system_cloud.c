/* system/src/system_cloud.c - cloud requests made by the app. There is no
 * simulated cloud yet: registrations and subscriptions are checked against
 * the Device OS 1.4.0 limits and recorded; publishes are queued (bounded) for
 * the session to send; each request is a `cloud` event. The device is never
 * connected, so Particle.connected() is false and publish() fails as on a
 * device without a cloud connection. */
#include "../include/system_cloud.h"

#include "../../hal-posix/include/hal_platform.h"
#include "../../sim/events.h"

#include <stdlib.h>
#include <string.h>

static struct {
    int nsubs;
    int nfuncs, nvars;
    size_t queued;
    bool want_connected;
} CL;

static bool name_ok(const char *name)
{
    return name && *name && strlen(name) <= VDEV_CLOUD_NAME_MAX;
}

int vdev_cloud_publish(const char *name, const char *data, int ttl, int flags)
{
    if (!name_ok(name) || (data && strlen(data) > VDEV_CLOUD_DATA_MAX)) {
        vdev_event("cloud", "{s:s,s:s,s:s}", "op", "publish", "name", name ? name : "", "error", "too long");
        return SYSTEM_ERROR_TOO_LARGE;
    }
    bool queued = CL.queued < VDEV_CLOUD_MAX_PUBLISH_QUEUE;
    if (queued)
        CL.queued++;
    vdev_event("cloud", "{s:s,s:s,s:s,s:i,s:i,s:b}", "op", "publish", "name", name, "data", data ? data : "", "ttl",
               ttl, "flags", flags, "queued", queued);
    return SYSTEM_ERROR_INVALID_STATE; /* not connected */
}

int vdev_cloud_register_function(const char *name)
{
    if (!name_ok(name))
        return SYSTEM_ERROR_INVALID_ARGUMENT;
    CL.nfuncs++;
    vdev_event("cloud", "{s:s,s:s}", "op", "function", "name", name);
    return 0;
}

int vdev_cloud_register_variable(const char *name, const char *type)
{
    if (!name_ok(name))
        return SYSTEM_ERROR_INVALID_ARGUMENT;
    CL.nvars++;
    vdev_event("cloud", "{s:s,s:s,s:s}", "op", "variable", "name", name, "var_type", type);
    return 0;
}

int vdev_cloud_subscribe(const char *prefix, int scope)
{
    if (!prefix || strlen(prefix) > VDEV_CLOUD_NAME_MAX)
        return SYSTEM_ERROR_INVALID_ARGUMENT;
    if (CL.nsubs >= VDEV_CLOUD_MAX_SUBSCRIPTIONS)
        return SYSTEM_ERROR_LIMIT_EXCEEDED;
    CL.nsubs++;
    vdev_event("cloud", "{s:s,s:s,s:s}", "op", "subscribe", "prefix", prefix, "scope",
               scope == 0 ? "MY_DEVICES" : "ALL_DEVICES");
    return 0;
}

void vdev_cloud_unsubscribe(void)
{
    CL.nsubs = 0;
    vdev_event("cloud", "{s:s}", "op", "unsubscribe");
}

void vdev_cloud_connect(void)
{
    if (!CL.want_connected)
        vdev_event("cloud", "{s:s}", "op", "connect");
    CL.want_connected = true;
}

void vdev_cloud_disconnect(void)
{
    if (CL.want_connected)
        vdev_event("cloud", "{s:s}", "op", "disconnect");
    CL.want_connected = false;
}

bool vdev_cloud_connected(void) { return false; }
size_t vdev_cloud_queued(void) { return CL.queued; }
