/* hal-posix/src/power_hal.c - the MCU's power and boot-mode transitions:
 * stop mode (every thread stops until a wake pin sees its edge or the timer
 * expires), standby / deep sleep (the device is off until WKP rises or the
 * timer expires, then it boots with RESET_REASON_POWER_MANAGEMENT), and the
 * resets into safe mode, DFU and factory reset.
 *
 * While the device sleeps, the scheduler holds every other thread
 * (vdev_sched_freeze): device time passes without them (in virtual time it
 * jumps to the timer, costing no wall time; in real time the host waits),
 * and pins driven from outside (control `set-pin`) wake it. As the RTOS tick
 * stands still in stop mode, every timeout and software timer set before
 * the sleep expires that much later. Pin interrupt handlers are held while
 * it sleeps and run when it wakes. */
#include "core_hal.h"

#include "../../sim/device.h"
#include "../../sim/events.h"
#include "../../sim/platform.h"
#include "../../sim/sched.h"
#include "gpio_hal.h"
#include "hal_sim.h"

#include <stdio.h>

/* Provided by the retained-memory module when it is linked in. */
void vdev_retained_save(void) __attribute__((weak));

static struct {
    bool armed;          /* a sleep is waiting for its wake pins */
    bool hooked;         /* on_level is registered with the GPIO HAL */
    const uint16_t *pins;
    size_t npins;
    const InterruptMode *modes;
    size_t nmodes;
    int woke;            /* index + 1 of the pin that woke the device, 0: none yet */
    char wait_obj;
} P;

static InterruptMode mode_of(size_t i) { return i < P.nmodes ? P.modes[i] : P.modes[P.nmodes - 1]; }

/* Every level change of a pin: is it the edge a wake pin waits for? */
static void on_level(int pin, int level)
{
    if (!P.armed || P.woke)
        return;
    for (size_t i = 0; i < P.npins; i++) {
        if (P.pins[i] != pin)
            continue;
        InterruptMode m = mode_of(i);
        if (m == CHANGE || (m == RISING && level) || (m == FALLING && !level)) {
            P.woke = (int)i + 1;
            vdev_sched_lock();
            vdev_sched_wake(&P.wait_obj, -1);
            vdev_sched_unlock();
        }
        return;
    }
}

/* As Device OS configures a wake pin: a pull against the edge it waits for. */
static void configure_pin(uint16_t pin, InterruptMode m)
{
    HAL_Pin_Mode(pin, m == RISING ? INPUT_PULLDOWN : m == FALLING ? INPUT_PULLUP : INPUT);
}

/* Sleep until a wake pin's edge or the deadline; every other thread is held. */
static void sleep_until(const uint16_t *pins, size_t npins, const InterruptMode *modes, size_t nmodes,
                        uint64_t deadline)
{
    if (!P.hooked)
        P.hooked = vdev_gpio_add_edge_hook(on_level) == 0;
    P.pins = pins;
    P.npins = npins;
    P.modes = modes;
    P.nmodes = nmodes;
    P.woke = 0;
    for (size_t i = 0; i < npins; i++)
        configure_pin(pins[i], mode_of(i));
    int irq = HAL_disable_irq();
    P.armed = true;
    vdev_sched_freeze(true);
    vdev_sched_lock();
    while (!P.woke && vdev_clock_now() < deadline)
        vdev_sched_wait(&P.wait_obj, deadline);
    vdev_sched_unlock();
    P.armed = false;
    vdev_hal_timers_shift(vdev_sched_freeze(false));
    HAL_enable_irq(irq);
}

static uint64_t deadline_after(long seconds)
{
    return seconds > 0 ? vdev_clock_now() + (uint64_t)seconds * 1000000u : VDEV_FOREVER;
}

int HAL_Core_Enter_Stop_Mode_Ext(const uint16_t *pins, size_t pins_count, const InterruptMode *mode,
                                 size_t mode_count, long seconds, void *reserved)
{
    (void)reserved;
    if (vdev_sched_in_isr())
        return SYSTEM_ERROR_INVALID_STATE; /* nothing would ever run to wake it */
    if ((pins_count == 0 || mode_count == 0 || !pins || !mode) && seconds <= 0)
        return SYSTEM_ERROR_NOT_ALLOWED; /* nothing would ever wake it */
    if ((pins_count > 0 && (!pins || mode_count == 0)) || (mode_count > 0 && !mode))
        return SYSTEM_ERROR_NOT_ALLOWED;
    for (size_t i = 0; i < pins_count; i++)
        if (!HAL_Pin_Is_Valid(pins[i]))
            return SYSTEM_ERROR_NOT_ALLOWED;
    for (size_t i = 0; i < mode_count; i++)
        if (mode[i] != RISING && mode[i] != FALLING && mode[i] != CHANGE)
            return SYSTEM_ERROR_NOT_ALLOWED;
    sleep_until(pins, pins_count, mode, mode_count, deadline_after(seconds));
    return P.woke; /* 0: the timer */
}

void HAL_Core_Enter_Stop_Mode(uint16_t wakeUpPin, uint16_t edgeTriggerMode, long seconds)
{
    InterruptMode m = (InterruptMode)edgeTriggerMode;
    HAL_Core_Enter_Stop_Mode_Ext(&wakeUpPin, 1, &m, 1, seconds, NULL);
}

int HAL_Core_Enter_Standby_Mode(uint32_t seconds, uint32_t flags)
{
    const struct vdev_platform *pl = vdev_platform_current();
    bool wkp = !(flags & HAL_STANDBY_MODE_FLAG_DISABLE_WKP_PIN);
    /* Gen 3 (nRF52840): the RTC stops in System OFF, and WKP is the only way out */
    if (pl->ble && (seconds > 0 || !wkp))
        return SYSTEM_ERROR_NOT_SUPPORTED;
    if (vdev_sched_in_isr())
        return SYSTEM_ERROR_INVALID_STATE;
    if (vdev_retained_save)
        vdev_retained_save();
    static uint16_t wkp_pin;
    static const InterruptMode rising = RISING;
    wkp_pin = (uint16_t)vdev_platform_pin_lookup(pl, "WKP");
    sleep_until(&wkp_pin, wkp ? 1 : 0, &rising, 1, deadline_after((long)seconds));
    vdev_event("wake", "{s:s,s:s}", "mode", "deep", "reason", P.woke ? "pin" : "rtc");
    HAL_Core_System_Reset_Ex(RESET_REASON_POWER_MANAGEMENT, 0, NULL);
    return 0; /* not reached */
}

void HAL_Core_Enter_Safe_Mode(void *reserved)
{
    (void)reserved;
    HAL_Core_System_Reset_Ex(RESET_REASON_SAFE_MODE, 0, NULL);
}

void HAL_Core_Factory_Reset(void) { HAL_Core_System_Reset_Ex(RESET_REASON_FACTORY_RESET, 0, NULL); }

/* There is no bootloader to hand over to: the run ends here, cleanly. */
void HAL_Core_Enter_Bootloader(bool persist)
{
    vdev_event("dfu", "{s:b}", "persist", persist);
    fprintf(stderr, "vdev: the device entered DFU mode (System.dfu()): a real device would now wait for a "
                    "firmware download over USB; the run ends here\n");
    vdev_device_stop("dfu");
}
