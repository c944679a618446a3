/* system/src/system_lifecycle.c - the device's lifecycle as the system runs
 * it (system_lifecycle.h): safe mode at boot, resets the system asks for
 * (`reset_pending`, then `reset` once resets are enabled), control requests
 * that reset (fix 1905: the cloud goes first, nothing reconnects, the
 * request is carried out 1 s later on the timer thread), the factory reset,
 * and the state the RGB LED shows. */
#include "../include/system_lifecycle.h"

#include "../include/system_cloud.h"
#include "../include/system_event.h"
#include "../include/system_mode.h"
#include "../include/system_network.h"

#include "../../hal-posix/include/concurrent_hal.h"
#include "../../hal-posix/include/core_hal.h"
#include "../../hal-posix/include/dct_hal.h"
#include "../../sim/events.h"

#include <string.h>

/* The DCT, when the flash module is linked in. */
int dct_write_app_data(const void *data, uint32_t offset, uint32_t size) __attribute__((weak));

#define CONTROL_REQUEST_DELAY_MS 1000u /* Device OS 1.4.0 lets the USB reply go out first */

static struct {
    bool safe_mode;
    bool sleeping;
    bool reset_disabled;      /* System.disableReset() */
    bool reset_pending;       /* the system wants to reset */
    bool pending_notified;    /* `reset_pending` went to the app */
    bool in_shutdown;         /* `reset` went to the app */
    int pending_reason;
    vdev_control_request_t request;
    os_timer_t request_timer;
} L;

static const char *const request_names[] = { "reset", "safe-mode", "dfu", "factory-reset" };

/* ---- what the LED shows ---- */

bool vdev_system_safe_mode(void) { return L.safe_mode; }
bool vdev_system_sleeping(void) { return L.sleeping; }

void vdev_system_state_changed(void)
{
    if (vdev_led_system_state_changed)
        vdev_led_system_state_changed();
}

void vdev_lifecycle_set_sleeping(bool on)
{
    L.sleeping = on;
    vdev_system_state_changed();
}

/* ---- boot ---- */

void vdev_lifecycle_boot(void)
{
    int reason = RESET_REASON_NONE;
    HAL_Core_Get_Last_Reset_Info(&reason, NULL, NULL);
    if (reason != RESET_REASON_SAFE_MODE)
        return;
    L.safe_mode = true;
    set_system_mode(SAFE_MODE);
    vdev_event("safe-mode", NULL);
    vdev_system_state_changed();
}

/* ---- resets the system asks for ---- */

void vdev_system_request_reset(int reason)
{
    if (L.reset_pending)
        return;
    L.reset_pending = true;
    L.pending_reason = reason;
    vdev_event("reset-pending", "{s:i,s:b}", "code", reason, "enabled", !L.reset_disabled);
    vdev_system_wake();
}

void vdev_system_enable_reset(bool enabled)
{
    L.reset_disabled = !enabled;
    if (enabled && L.reset_pending)
        vdev_system_wake();
}

bool vdev_system_reset_enabled(void) { return !L.reset_disabled; }
bool vdev_system_reset_pending(void) { return L.reset_pending; }

void vdev_lifecycle_process(void)
{
    if (!L.reset_pending)
        return;
    if (!L.pending_notified) { /* sent even when resets are disabled, so the app may enable them */
        L.pending_notified = true;
        system_notify_event(VDEV_SYSTEM_EVENT_RESET_PENDING, 0, NULL);
    }
    if (L.reset_disabled || L.in_shutdown)
        return;
    L.in_shutdown = true;
    system_notify_event(VDEV_SYSTEM_EVENT_RESET, 0, NULL);
    if (!L.reset_disabled) /* the handler may still have said no */
        HAL_Core_System_Reset_Ex(L.pending_reason, 0, NULL);
    L.in_shutdown = false;
}

void vdev_system_watchdog_expired(unsigned timeout_ms)
{
    vdev_event("watchdog", "{s:I}", "timeout_ms", (long long)timeout_ms);
}

/* ---- factory reset ---- */

void vdev_system_factory_reset(void)
{
    network_clear_credentials();
    if (dct_write_app_data) {
        uint8_t not_done = 0xFF; /* as erased flash: the device is not set up */
        dct_write_app_data(&not_done, DCT_SETUP_DONE_OFFSET, DCT_SETUP_DONE_SIZE);
    }
    HAL_Core_Factory_Reset();
    for (;;) {
    }
}

/* ---- control requests ---- */

static void carry_out(os_timer_t t)
{
    (void)t;
    switch (L.request) {
    case VDEV_REQUEST_RESET:
        HAL_Core_System_Reset_Ex(RESET_REASON_USER, 0, NULL); /* System.reset() */
        break;
    case VDEV_REQUEST_SAFE_MODE:
        HAL_Core_Enter_Safe_Mode(NULL);
        break;
    case VDEV_REQUEST_DFU:
        HAL_Core_Enter_Bootloader(false);
        break;
    case VDEV_REQUEST_FACTORY_RESET:
        vdev_system_factory_reset();
    }
}

int vdev_system_control_request(vdev_control_request_t request)
{
    if ((unsigned)request > VDEV_REQUEST_FACTORY_RESET)
        return SYSTEM_ERROR_INVALID_ARGUMENT;
    if (L.request_timer && os_timer_is_active(L.request_timer, NULL))
        return SYSTEM_ERROR_BUSY; /* one is already on its way */
    L.request = request;
    vdev_event("control-request", "{s:s}", "request", request_names[request]);
    vdev_cloud_hold_for_reset();
    if (!L.request_timer &&
        os_timer_create(&L.request_timer, CONTROL_REQUEST_DELAY_MS, carry_out, NULL, true, NULL) != 0)
        return SYSTEM_ERROR_NO_MEMORY;
    os_timer_change(L.request_timer, OS_TIMER_CHANGE_START, true, 0, 0, NULL);
    return 0;
}
