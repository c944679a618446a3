/* sim/platform.c - pin maps and capabilities of Argon, Boron and Photon
 * (Device OS 1.4.0 reference, section 4). */
#include "platform.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define D VDEV_PIN_DIGITAL
#define ADC (VDEV_PIN_DIGITAL | VDEV_PIN_ADC | VDEV_PIN_PWM)
#define PWM (VDEV_PIN_DIGITAL | VDEV_PIN_PWM)
#define SYS VDEV_PIN_SYSTEM

/* Gen 3 (Argon, Boron): D0-D19, A0-A5 = D19-D14, then the button and RGB. */
static const struct vdev_pin_info gen3_pins[] = {
    { "D0", D },    { "D1", D },    { "D2", PWM },  { "D3", PWM },  { "D4", PWM },  { "D5", PWM },
    { "D6", PWM },  { "D7", PWM },  { "D8", PWM },  { "D9", D },     { "D10", D },   { "D11", D },
    { "D12", D },   { "D13", D },   { "A5", ADC },  { "A4", ADC },  { "A3", ADC },  { "A2", ADC },
    { "A1", ADC },  { "A0", ADC },  { "BTN", SYS }, { "RGBR", SYS }, { "RGBG", SYS }, { "RGBB", SYS },
};

static const struct vdev_alias gen3_aliases[] = {
    { "D14", 14 }, { "D15", 15 }, { "D16", 16 }, { "D17", 17 }, { "D18", 18 }, { "D19", 19 },
    { "SS", 14 },  { "SCK", 13 }, { "MISO", 11 }, { "MOSI", 12 }, { "SDA", 0 }, { "SCL", 1 },
    { "TX", 9 },   { "RX", 10 },  { "WKP", 8 },  { "LED", 7 },  { NULL, 0 },
};

/* Photon: D0-D7 = 0-7, A0-A7 = 10-17, RX 18, TX 19, then the button and RGB. */
static const struct vdev_pin_info photon_pins[] = {
    { "D0", PWM },  { "D1", PWM },  { "D2", PWM },  { "D3", PWM },  { "D4", D },     { "D5", D },
    { "D6", D },    { "D7", D },    { NULL, 0 },    { NULL, 0 },    { "A0", ADC & ~VDEV_PIN_PWM },
    { "A1", ADC & ~VDEV_PIN_PWM }, { "A2", ADC & ~VDEV_PIN_PWM }, { "A3", (ADC & ~VDEV_PIN_PWM) | VDEV_PIN_DAC },
    { "A4", ADC },  { "A5", ADC },  { "A6", (ADC & ~VDEV_PIN_PWM) | VDEV_PIN_DAC }, { "A7", ADC },
    { "RX", PWM },  { "TX", PWM },  { "BTN", SYS }, { "RGBR", SYS }, { "RGBG", SYS }, { "RGBB", SYS },
};

static const struct vdev_alias photon_aliases[] = {
    { "WKP", 17 }, { "DAC", 16 }, { "DAC1", 16 }, { "DAC2", 13 }, { "SS", 12 }, { "SCK", 13 },
    { "MISO", 14 }, { "MOSI", 15 }, { "SDA", 0 }, { "SCL", 1 }, { "LED", 7 }, { NULL, 0 },
};

static const struct vdev_platform platforms[] = {
    { 12, "argon", true, false, true, true, 4096, 24, gen3_pins, gen3_aliases },
    { 13, "boron", false, true, true, true, 4096, 24, gen3_pins, gen3_aliases },
    { 6, "photon", true, false, false, false, 2048, 24, photon_pins, photon_aliases },
};

static const struct vdev_platform *current = &platforms[0];

const struct vdev_platform *vdev_platform_by_name(const char *name)
{
    for (size_t i = 0; name && i < sizeof(platforms) / sizeof(platforms[0]); i++)
        if (!strcasecmp(platforms[i].name, name))
            return &platforms[i];
    return NULL;
}

const struct vdev_platform *vdev_platform_by_id(int id)
{
    for (size_t i = 0; i < sizeof(platforms) / sizeof(platforms[0]); i++)
        if (platforms[i].id == id)
            return &platforms[i];
    return NULL;
}

const char *vdev_platform_names(void) { return "argon, boron, photon"; }
const struct vdev_platform *vdev_platform_current(void) { return current; }

void vdev_platform_set_current(const struct vdev_platform *p)
{
    if (p)
        current = p;
}

const char *vdev_platform_pin_name(const struct vdev_platform *p, int pin)
{
    if (!p || pin < 0 || pin >= p->npins)
        return NULL;
    return p->pins[pin].name;
}

bool vdev_platform_pin_has(const struct vdev_platform *p, int pin, unsigned caps)
{
    if (!vdev_platform_pin_name(p, pin))
        return false;
    return (p->pins[pin].caps & caps) == caps;
}

int vdev_platform_pin_lookup(const struct vdev_platform *p, const char *name)
{
    if (!p || !name || !*name)
        return -1;
    if (isdigit((unsigned char)name[0])) {
        char *end;
        long v = strtol(name, &end, 10);
        if (*end || !vdev_platform_pin_name(p, (int)v))
            return -1;
        return (int)v;
    }
    for (int i = 0; i < p->npins; i++)
        if (p->pins[i].name && !strcasecmp(p->pins[i].name, name))
            return i;
    for (const struct vdev_alias *a = p->aliases; a->name; a++)
        if (!strcasecmp(a->name, name))
            return a->pin;
    return -1;
}
