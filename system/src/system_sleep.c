/* system/src/system_sleep.c - System.sleep() as the system runs it
 * (system_sleep.h), as Device OS 1.4 does: unless SLEEP_NETWORK_STANDBY,
 * the cloud and the network are put to sleep first and brought back after
 * (asynchronously: the network reconnects in the background); stop mode is
 * the HAL's (power_hal.c); after stop mode a single-threaded app in
 * AUTOMATIC or SEMI_AUTOMATIC mode waits up to 60 s for the cloud before
 * sleep() returns; deep sleep is the HAL's standby, which ends in a reset.
 * `sleep` and `wake` events. */
#include "../include/system_sleep.h"

#include "../include/system_cloud.h"
#include "../include/system_lifecycle.h"
#include "../include/system_mode.h"
#include "../include/system_network.h"

#include "../../hal-posix/include/concurrent_hal.h"
#include "../../hal-posix/include/core_hal.h"
#include "../../hal-posix/include/gpio_hal.h"
#include "../../hal-posix/include/timer_hal.h"
#include "../../sim/events.h"
#include "../../sim/platform.h"
#include "../../sim/sched.h"

#include <stdio.h>
#include <string.h>

#define CLOUD_WAIT_MS 60000u /* after stop mode, single-threaded AUTOMATIC/SEMI_AUTOMATIC */

static struct {
    bool cloud, net_connect, net_on; /* what to bring back after the sleep */
    os_timer_t wlan_timer;           /* SLEEP_MODE_WLAN with seconds */
} SL;

static void suspend_network(void)
{
    SL.cloud = vdev_cloud_wanted();
    SL.net_connect = SL.cloud || network_ready() || network_connecting();
    SL.net_on = network_is_on();
    vdev_cloud_suspend("sleep");
    network_off();
}

static void resume_network(void)
{
    if (SL.net_connect)
        network_connect();
    else if (SL.net_on)
        network_on();
    vdev_cloud_resume(SL.cloud);
}

static const char *edge_name(InterruptMode m) { return m == RISING ? "RISING" : m == FALLING ? "FALLING" : "CHANGE"; }

static int check_pins(const uint16_t *pins, size_t n, const InterruptMode *modes, size_t nm, long seconds)
{
    if (vdev_sched_in_isr())
        return SYSTEM_ERROR_INVALID_STATE; /* an interrupt handler cannot sleep */
    if ((n == 0 || nm == 0 || !pins || !modes) && seconds <= 0)
        return SYSTEM_ERROR_NOT_ALLOWED;
    if ((n > 0 && (!pins || nm == 0)) || (nm > 0 && !modes))
        return SYSTEM_ERROR_NOT_ALLOWED;
    for (size_t i = 0; i < n; i++)
        if (!HAL_Pin_Is_Valid(pins[i]))
            return SYSTEM_ERROR_NOT_ALLOWED;
    for (size_t i = 0; i < nm; i++)
        if (modes[i] != RISING && modes[i] != FALLING && modes[i] != CHANGE)
            return SYSTEM_ERROR_NOT_ALLOWED;
    return 0;
}

/* "D2,D3" and "RISING,FALLING" for the `sleep` event. */
static void describe(const uint16_t *pins, size_t n, const InterruptMode *modes, size_t nm, char *names,
                     size_t nlen, char *edges, size_t elen)
{
    names[0] = edges[0] = 0;
    for (size_t i = 0, a = 0, b = 0; i < n && a < nlen && b < elen; i++) {
        const char *name = vdev_platform_pin_name(vdev_platform_current(), pins[i]);
        a += (size_t)snprintf(names + a, nlen - a, "%s%s", i ? "," : "", name ? name : "?");
        b += (size_t)snprintf(edges + b, elen - b, "%s%s", i ? "," : "", edge_name(modes[i < nm ? i : nm - 1]));
    }
}

/* Single-threaded AUTOMATIC/SEMI_AUTOMATIC: wait for the cloud to come back. */
static void wait_for_cloud(void)
{
    System_Mode_TypeDef m = system_mode();
    if (vdev_system_threaded() || (m != AUTOMATIC && m != SEMI_AUTOMATIC) || !vdev_cloud_wanted())
        return;
    uint32_t start = HAL_Timer_Get_Milli_Seconds();
    while (!vdev_cloud_connected() && HAL_Timer_Get_Milli_Seconds() - start < CLOUD_WAIT_MS) {
        vdev_system_process();
        HAL_Delay_Milliseconds(1);
    }
}

int system_sleep_pins(const uint16_t *pins, size_t pins_count, const InterruptMode *modes, size_t modes_count,
                      long seconds, uint32_t flags, void *reserved)
{
    (void)reserved;
    int rc = check_pins(pins, pins_count, modes, modes_count, seconds);
    if (rc) {
        vdev_event("sleep", "{s:s,s:I,s:i}", "mode", "stop", "seconds", (long long)seconds, "error", rc);
        return rc;
    }
    char names[128], edges[192];
    describe(pins, pins_count, modes, modes_count, names, sizeof(names), edges, sizeof(edges));
    bool net_sleep = !(flags & SYSTEM_SLEEP_FLAG_NETWORK_STANDBY);
    vdev_event("sleep", "{s:s,s:I,s:s,s:s,s:s}", "mode", "stop", "seconds", (long long)(seconds > 0 ? seconds : 0),
               "pins", names, "edges", edges, "network", net_sleep ? "off" : "standby");
    if (net_sleep)
        suspend_network();
    vdev_lifecycle_set_sleeping(true);
    int ret = HAL_Core_Enter_Stop_Mode_Ext(pins, pins_count, modes, modes_count, seconds, NULL);
    vdev_lifecycle_set_sleeping(false);
    if (ret > 0)
        vdev_event("wake", "{s:s,s:s,s:s}", "mode", "stop", "reason", "pin", "pin",
                   vdev_platform_pin_name(vdev_platform_current(), pins[ret - 1]));
    else if (ret == 0)
        vdev_event("wake", "{s:s,s:s}", "mode", "stop", "reason", "rtc");
    else
        vdev_event("wake", "{s:s,s:s,s:i}", "mode", "stop", "reason", "error", "error", ret);
    if (net_sleep)
        resume_network();
    wait_for_cloud();
    return ret;
}

int system_sleep_pin(uint16_t pin, uint16_t mode, long seconds, uint32_t flags, void *reserved)
{
    InterruptMode m = (InterruptMode)mode;
    return system_sleep_pins(&pin, 1, &m, 1, seconds, flags, reserved);
}

uint16_t vdev_system_wkp_pin(void)
{
    return (uint16_t)vdev_platform_pin_lookup(vdev_platform_current(), "WKP");
}

static void wlan_alarm(os_timer_t t)
{
    (void)t;
    vdev_event("wake", "{s:s,s:s}", "mode", "wlan", "reason", "rtc");
    resume_network();
}

int system_sleep(Spark_Sleep_TypeDef mode, long seconds, uint32_t flags, void *reserved)
{
    (void)reserved;
    if (seconds < 0)
        seconds = 0;
    if (mode == SLEEP_MODE_WLAN) { /* only the network sleeps; the app runs on */
        vdev_event("sleep", "{s:s,s:I}", "mode", "wlan", "seconds", (long long)seconds);
        suspend_network();
        if (seconds > 0 && (SL.wlan_timer || os_timer_create(&SL.wlan_timer, 1000, wlan_alarm, NULL, true, NULL) == 0))
            os_timer_change(SL.wlan_timer, OS_TIMER_CHANGE_PERIOD, false, (unsigned)seconds * 1000u, 0, NULL);
        return 0;
    }
    if (mode != SLEEP_MODE_DEEP && mode != SLEEP_MODE_SOFTPOWEROFF)
        return SYSTEM_ERROR_INVALID_ARGUMENT;
    bool wkp = !(flags & SYSTEM_SLEEP_FLAG_DISABLE_WKP_PIN);
    bool net_sleep = !(flags & SYSTEM_SLEEP_FLAG_NETWORK_STANDBY);
    vdev_event("sleep", "{s:s,s:I,s:b,s:s}", "mode", mode == SLEEP_MODE_DEEP ? "deep" : "softpoweroff", "seconds",
               (long long)seconds, "wkp", wkp, "network", net_sleep ? "off" : "standby");
    if (net_sleep) /* and it stays off if the HAL refuses, as on Device OS 1.4 */
        suspend_network();
    vdev_lifecycle_set_sleeping(true);
    int rc = HAL_Core_Enter_Standby_Mode((uint32_t)seconds, wkp ? 0 : HAL_STANDBY_MODE_FLAG_DISABLE_WKP_PIN);
    vdev_lifecycle_set_sleeping(false);
    vdev_event("wake", "{s:s,s:s,s:i}", "mode", "deep", "reason", "error", "error", rc);
    return rc;
}
