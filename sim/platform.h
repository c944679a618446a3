/* sim/platform.h - the simulated platforms (Argon, Boron, Photon): ids,
 * radios, pin maps and pin capabilities, from the Device OS 1.4.0 reference. */
#ifndef VDEV_PLATFORM_H
#define VDEV_PLATFORM_H

#include <stdbool.h>

enum { VDEV_PIN_DIGITAL = 1, VDEV_PIN_ADC = 2, VDEV_PIN_PWM = 4, VDEV_PIN_DAC = 8, VDEV_PIN_SYSTEM = 16 };

struct vdev_pin_info {
    const char *name;   /* canonical name used in events, e.g. "D7", "A0" */
    unsigned caps;
};

struct vdev_alias {
    const char *name;
    int pin;
};

struct vdev_platform {
    int id;
    const char *name;
    bool wifi, cellular, ble, ipv6;
    int eeprom_size;
    int npins;
    const struct vdev_pin_info *pins;
    const struct vdev_alias *aliases; /* NULL-terminated */
};

const struct vdev_platform *vdev_platform_by_name(const char *name);
const struct vdev_platform *vdev_platform_by_id(int id);
/* The platform of this firmware image (set once at start-up). */
const struct vdev_platform *vdev_platform_current(void);
void vdev_platform_set_current(const struct vdev_platform *p);
/* Pin number for a name or alias ("D7", "a0", "WKP", "7"), or -1. */
int vdev_platform_pin_lookup(const struct vdev_platform *p, const char *name);
/* Canonical name of a pin, or NULL when the pin does not exist. */
const char *vdev_platform_pin_name(const struct vdev_platform *p, int pin);
bool vdev_platform_pin_has(const struct vdev_platform *p, int pin, unsigned caps);
/* "argon, boron, photon" */
const char *vdev_platform_names(void);

#endif
