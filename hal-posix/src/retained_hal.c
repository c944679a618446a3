/* hal-posix/src/retained_hal.c - owns retained memory: the app's `retained`
 * variables (the `retained_user` section, whose bounds the linker gives)
 * are the device's backup RAM. At boot they are restored from the flash's
 * retained image when the reset kept backup RAM powered and the image was
 * saved by this same firmware; otherwise they keep the initial values of
 * the image (a power-on, as Device OS initialises them). The image is
 * saved at a reset, before deep sleep and in the crash handler. Also the
 * boot notes (the reason the next fresh start reports). */
#include "../../flash/nor.h"
#include "../../flash/records.h"
#include "../../sim/platform.h"
#include "core_hal.h"
#include "hal_sim.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

/* Defined by the linker when the app has retained variables. */
extern char __start_retained_user[] __attribute__((weak));
extern char __stop_retained_user[] __attribute__((weak));

#define REASON_POWER_MANAGEMENT 30
#define REASON_POWER_DOWN 40
#define REASON_POWER_BROWNOUT 50
#define PLATFORM_PHOTON 6

static struct {
    bool armed;                       /* the flash is open and the section known */
    uint8_t fw_id[VDEV_FW_ID_SIZE];
} R;

static uint32_t section_size(void)
{
    if (!__start_retained_user || !__stop_retained_user)
        return 0;
    return (uint32_t)(__stop_retained_user - __start_retained_user);
}

/* Did backup RAM keep its contents through this kind of reset? */
static bool reason_keeps(int reason, uint32_t flags)
{
    switch (reason) {
    case 0: /* NONE: the very first power-on */
    case REASON_POWER_DOWN:
    case REASON_POWER_BROWNOUT:
        return false;
    case REASON_POWER_MANAGEMENT: /* deep sleep: a Photon powers backup RAM only with the feature on */
        return vdev_platform_current()->id != PLATFORM_PHOTON || (flags & VDEV_RETAINED_FEATURE);
    default:
        return true;
    }
}

int vdev_retained_boot(int reason, const uint8_t *fw_id, char *err, size_t errlen)
{
    uint32_t size = section_size();
    if (size > VDEV_RETAINED_CAPACITY) {
        snprintf(err, errlen, "the app's retained variables take %u bytes, more than the %u bytes of backup RAM",
                 (unsigned)size, VDEV_RETAINED_CAPACITY);
        return -EFBIG;
    }
    memcpy(R.fw_id, fw_id, VDEV_FW_ID_SIZE);
    R.armed = vdev_nor_is_open();
    if (!R.armed)
        return 0;
    struct vdev_retained_info info;
    if (vdev_retained_image_info(&info) || !info.valid)
        return 0;
    if (reason_keeps(reason, info.flags) && info.size == size && !memcmp(info.fw_id, fw_id, VDEV_FW_ID_SIZE)) {
        if (size)
            vdev_retained_image_load(__start_retained_user, size);
        return 0;
    }
    vdev_retained_image_invalidate(); /* lost: the variables start from their initial values */
    return 0;
}

void vdev_retained_save(void)
{
    if (!R.armed)
        return;
    uint32_t flags = HAL_Feature_Get(FEATURE_RETAINED_MEMORY) ? VDEV_RETAINED_FEATURE : 0;
    vdev_retained_image_save(__start_retained_user, section_size(), flags, R.fw_id);
}

void vdev_retained_power_loss(void)
{
    if (R.armed)
        vdev_retained_image_invalidate();
}

void vdev_flash_note_reset(int reason, uint32_t data)
{
    if (vdev_nor_is_open())
        vdev_note_append(reason, data);
}
