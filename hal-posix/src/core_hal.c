/* hal-posix/src/core_hal.c - HAL start-up, reset and reset info, features,
 * the hardware RNG, the device ID, the RTC and free-memory figures. */
#include "core_hal.h"

#include "../../sim/device.h"
#include "../../sim/events.h"
#include "../../sim/platform.h"
#include "../../sim/sched.h"
#include "deviceid_hal.h"
#include "hal_sim.h"
#include "rng_hal.h"
#include "rtc_hal.h"

#include <malloc.h>
#include <string.h>

void vdev_hal_timer_init(uint64_t boot);

static struct {
    uint64_t rng;
    int reset_reason;
    uint32_t reset_data;
    uint8_t device_id[12];
    uint32_t features;
    int64_t rtc_base;     /* Unix time at rtc_set_us, or -1 */
    uint64_t rtc_set_us;
    size_t heap_at_boot;
} C;

static uint64_t splitmix64(uint64_t *s)
{
    uint64_t z = (*s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

void vdev_hal_init(const struct vdev_hal_boot *boot)
{
    memset(&C, 0, sizeof(C));
    C.rng = boot->seed ^ (0xD1B54A32D192ED03ull * (boot->boot + 1));
    C.reset_reason = boot->reset_reason;
    C.reset_data = boot->reset_data;
    memcpy(C.device_id, boot->device_id, sizeof(C.device_id));
    C.rtc_base = boot->rtc_epoch;
    C.rtc_set_us = vdev_clock_now();
    C.features = 1u << FEATURE_RESET_INFO;
    C.heap_at_boot = mallinfo2().uordblks;
    vdev_hal_timer_init(vdev_clock_now());
    vdev_gpio_init();
}

uint32_t HAL_RNG_GetRandomNumber(void) { return (uint32_t)(splitmix64(&C.rng) >> 32); }

unsigned HAL_device_ID(uint8_t *dest, unsigned destLen)
{
    if (dest && destLen) {
        unsigned n = destLen < sizeof(C.device_id) ? destLen : (unsigned)sizeof(C.device_id);
        memcpy(dest, C.device_id, n);
    }
    return sizeof(C.device_id);
}

unsigned HAL_Platform_ID(void) { return (unsigned)vdev_platform_current()->id; }

void HAL_Core_System_Reset(void) { HAL_Core_System_Reset_Ex(RESET_REASON_USER, 0, NULL); }

void HAL_Core_System_Reset_Ex(int reason, uint32_t data, void *reserved)
{
    (void)reserved;
    vdev_device_reset(reason, data);
}

int HAL_Core_Get_Last_Reset_Info(int *reason, uint32_t *data, void *reserved)
{
    (void)reserved;
    if (reason)
        *reason = C.reset_reason;
    if (data)
        *data = C.reset_data;
    return 0;
}

int HAL_Feature_Set(HAL_Feature feature, bool enabled)
{
    if ((unsigned)feature >= 32)
        return SYSTEM_ERROR_INVALID_ARGUMENT;
    if (enabled)
        C.features |= 1u << feature;
    else
        C.features &= ~(1u << feature);
    return 0;
}

bool HAL_Feature_Get(HAL_Feature feature) { return (unsigned)feature < 32 && (C.features >> feature) & 1u; }

/* The heap a device has free after boot, less what the app allocated since. */
uint32_t HAL_Core_Runtime_Info_Free(void)
{
    const struct vdev_platform *p = vdev_platform_current();
    size_t total = p->ble ? 83000u : 60000u;
    size_t used = mallinfo2().uordblks;
    size_t grown = used > C.heap_at_boot ? used - C.heap_at_boot : 0;
    return grown >= total ? 0 : (uint32_t)(total - grown);
}

void HAL_Core_Panic(int code, const char *message) { vdev_device_panic(code, message); }

time_t HAL_RTC_Get_UnixTime(void)
{
    int64_t base = C.rtc_base < 0 ? 0 : C.rtc_base;
    return (time_t)(base + (int64_t)((vdev_clock_now() - C.rtc_set_us) / 1000000u));
}

void HAL_RTC_Set_UnixTime(time_t value)
{
    C.rtc_base = value;
    C.rtc_set_us = vdev_clock_now();
}

bool HAL_RTC_Time_Is_Valid(void *reserved)
{
    (void)reserved;
    return C.rtc_base >= 0;
}
