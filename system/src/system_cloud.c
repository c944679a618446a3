/* system/src/system_cloud.c - the simulated cloud session and the app's
 * cloud requests (system_cloud.h).
 *
 * The session: DISCONNECTED -> CONNECTING when the device wants the cloud
 * and the network is ready; CONNECTED VDEV_CLOUD_CONNECT_MS later (a
 * one-shot software timer, so device time decides, deterministically);
 * back to DISCONNECTED when the network goes (abruptly), or the app, a
 * sleep or a coming reset ends it (gracefully: `disconnecting` first). Each
 * change is a `cloud` event with `status` and a `cloud_status` system event
 * with Device OS's parameter (0 disconnected, 1 connecting, 8 connected,
 * 9 disconnecting). Once a reset is coming, no new attempt is made (fix
 * 1905). Requests (publish, function, variable, subscribe, connect,
 * disconnect) are `cloud` events with `op`. */
#include "../include/system_cloud.h"

#include "../include/system_event.h"
#include "../include/system_lifecycle.h"
#include "../include/system_network.h"

#include "../../hal-posix/include/concurrent_hal.h"
#include "../../hal-posix/include/hal_platform.h"
#include "../../hal-posix/include/rtc_hal.h"
#include "../../sim/events.h"
#include "../../sim/sched.h"

#include <string.h>
#include <time.h>

/* The system-task queue delivers system events on the app's thread when it
 * is linked in (system_tasks.c); else they go to the handlers at once. */
void vdev_system_raise(uint64_t event, int data) __attribute__((weak));

enum { PARAM_DISCONNECTED = 0, PARAM_CONNECTING = 1, PARAM_CONNECTED = 8, PARAM_DISCONNECTING = 9 };

static struct {
    vdev_cloud_state_t state;
    bool wanted;        /* the auto-connect flag */
    bool held;          /* a reset is coming: no new attempts */
    os_timer_t timer;   /* CONNECTING -> CONNECTED */
    int nsubs, nfuncs, nvars;
    uint64_t recent[VDEV_CLOUD_PUBLISH_BURST]; /* times of the latest publishes (ring) */
    int nrecent, oldest;
    uint32_t last_sync_ms; /* millis() of the last time sync, 0: none */
    int64_t last_sync_time; /* the Unix time it set */
} CL;

static void raise_event(uint64_t event, int param)
{
    if (vdev_system_raise)
        vdev_system_raise(event, param);
    else
        system_notify_event(event, param, NULL);
}

static void notify(int param)
{
    if (vdev_system_raise)
        vdev_system_raise(VDEV_SYSTEM_EVENT_CLOUD_STATUS, param);
    else
        system_notify_event(VDEV_SYSTEM_EVENT_CLOUD_STATUS, param, NULL);
}

static void changed(vdev_cloud_state_t st, const char *status, int param, const char *reason)
{
    CL.state = st;
    if (reason)
        vdev_event("cloud", "{s:s,s:s}", "status", status, "reason", reason);
    else
        vdev_event("cloud", "{s:s}", "status", status);
    notify(param);
    vdev_system_state_changed();
}

/* The cloud's answer to a time request: the host's time in real mode; in
 * virtual mode the default virtual RTC epoch plus device time, so runs
 * repeat. 0: not connected. */
int vdev_cloud_sync_time(void)
{
    if (CL.state != VDEV_CLOUD_CONNECTED)
        return 0;
    time_t t = vdev_clock_mode() == VDEV_CLOCK_REAL ? time(NULL)
                                                    : (time_t)(VDEV_CLOUD_VIRTUAL_EPOCH + vdev_clock_now() / 1000000u);
    HAL_RTC_Set_UnixTime(t);
    CL.last_sync_time = (int64_t)t;
    CL.last_sync_ms = (uint32_t)(vdev_clock_now() / 1000u) | 1u; /* never 0 once synced */
    vdev_event("cloud", "{s:s,s:I}", "op", "time", "time", (long long)t);
    raise_event(VDEV_SYSTEM_EVENT_TIME_CHANGED, 1 /* time_changed_sync */);
    return 1;
}

uint32_t vdev_cloud_last_sync(int64_t *unix_time)
{
    if (unix_time)
        *unix_time = CL.last_sync_time;
    return CL.last_sync_ms;
}

static void on_timer(os_timer_t t)
{
    (void)t;
    if (CL.state == VDEV_CLOUD_CONNECTING && CL.wanted && !CL.held && network_ready()) {
        changed(VDEV_CLOUD_CONNECTED, "connected", PARAM_CONNECTED, NULL);
        /* a fresh session asks for the time when the device has none (1.4.0: only then) */
        if (!HAL_RTC_Time_Is_Valid(NULL))
            vdev_cloud_sync_time();
    }
}

static void try_connect(void)
{
    if (!CL.wanted || CL.held || CL.state != VDEV_CLOUD_DISCONNECTED || !network_ready())
        return;
    changed(VDEV_CLOUD_CONNECTING, "connecting", PARAM_CONNECTING, NULL);
    if (!CL.timer)
        os_timer_create(&CL.timer, VDEV_CLOUD_CONNECT_MS, on_timer, NULL, true, NULL);
    if (CL.timer)
        os_timer_change(CL.timer, OS_TIMER_CHANGE_START, false, 0, 0, NULL);
}

static void drop(const char *reason, bool graceful)
{
    if (CL.state == VDEV_CLOUD_DISCONNECTED)
        return;
    if (CL.timer)
        os_timer_change(CL.timer, OS_TIMER_CHANGE_STOP, false, 0, 0, NULL);
    if (graceful && CL.state == VDEV_CLOUD_CONNECTED) {
        vdev_event("cloud", "{s:s,s:s}", "status", "disconnecting", "reason", reason);
        notify(PARAM_DISCONNECTING);
    }
    changed(VDEV_CLOUD_DISCONNECTED, "disconnected", PARAM_DISCONNECTED, reason);
}

vdev_cloud_state_t vdev_cloud_state(void) { return CL.state; }
bool vdev_cloud_connected(void) { return CL.state == VDEV_CLOUD_CONNECTED; }
bool vdev_cloud_wanted(void) { return CL.wanted; }

void vdev_cloud_network_changed(void)
{
    if (!network_ready())
        drop("network", false);
    else
        try_connect();
}

void vdev_cloud_connect(void)
{
    if (!CL.wanted)
        vdev_event("cloud", "{s:s}", "op", "connect");
    CL.wanted = true;
    network_connect(); /* the cloud needs the network: Device OS brings it up */
    try_connect();
}

void vdev_cloud_disconnect(void)
{
    if (CL.wanted)
        vdev_event("cloud", "{s:s}", "op", "disconnect");
    CL.wanted = false;
    drop("app", true);
}

void vdev_cloud_suspend(const char *reason)
{
    CL.wanted = false;
    drop(reason, true);
}

void vdev_cloud_resume(bool wanted)
{
    CL.wanted = wanted;
    try_connect();
}

void vdev_cloud_hold_for_reset(void)
{
    CL.held = true;
    drop("reset", true);
}

static bool name_ok(const char *name) { return name && *name && strlen(name) <= VDEV_CLOUD_NAME_MAX; }

static int publish_failed(const char *name, const char *data, int ttl, int flags, const char *why, int rc)
{
    vdev_event("cloud", "{s:s,s:s,s:s,s:i,s:i,s:b,s:s}", "op", "publish", "name", name, "data", data ? data : "",
               "ttl", ttl, "flags", flags, "ok", false, "error", why);
    return rc;
}

/* 1.4.0's limit for app events: a burst of 4, then 1 per second. */
static bool rate_limited(uint64_t now)
{
    return CL.nrecent == VDEV_CLOUD_PUBLISH_BURST && now - CL.recent[CL.oldest] < 1000000u;
}

int vdev_cloud_publish(const char *name, const char *data, int ttl, int flags)
{
    if (!name_ok(name) || (data && strlen(data) > VDEV_CLOUD_DATA_MAX)) {
        vdev_event("cloud", "{s:s,s:s,s:s}", "op", "publish", "name", name ? name : "", "error", "too long");
        return SYSTEM_ERROR_TOO_LARGE;
    }
    if (CL.state != VDEV_CLOUD_CONNECTED)
        return publish_failed(name, data, ttl, flags, "not connected", SYSTEM_ERROR_INVALID_STATE);
    uint64_t now = vdev_clock_now();
    if (rate_limited(now))
        return publish_failed(name, data, ttl, flags, "rate limited", SYSTEM_ERROR_LIMIT_EXCEEDED);
    if (CL.nrecent < VDEV_CLOUD_PUBLISH_BURST) {
        CL.recent[(CL.oldest + CL.nrecent++) % VDEV_CLOUD_PUBLISH_BURST] = now;
    } else {
        CL.recent[CL.oldest] = now;
        CL.oldest = (CL.oldest + 1) % VDEV_CLOUD_PUBLISH_BURST;
    }
    vdev_event("cloud", "{s:s,s:s,s:s,s:i,s:i,s:b}", "op", "publish", "name", name, "data", data ? data : "", "ttl",
               ttl, "flags", flags, "ok", true);
    return 0;
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
