/* system/src/system_led.c - the RGB LED: which Device OS pattern the system
 * shows (SOS > the app's control > clearing credentials > firmware update >
 * listening > cloud > network), the app's colour and brightness, the change
 * handler, mirroring to PWM pins, and one `led` event per visible change
 * (a breathing or blinking pattern is one state, not a stream of steps). */
#include "../include/system_led.h"
#include "../include/system_cloud.h"
#include "../include/system_lifecycle.h"
#include "../include/system_network.h"

#include "../../hal-posix/include/gpio_hal.h"
#include "../../hal-posix/include/hal_platform.h"
#include "../../sim/device.h"
#include "../../sim/events.h"
#include "../../sim/platform.h"

#include <stdio.h>
#include <string.h>

/* The states the LED reads from other modules; weak, so that the LED works
 * in a firmware without them. */
#pragma weak vdev_system_safe_mode
#pragma weak vdev_system_sleeping
#pragma weak vdev_cloud_state

#define RGB_WHITE 0xFFFFFFu
#define RGB_BLUE 0x0000FFu
#define RGB_GREEN 0x00FF00u
#define RGB_CYAN 0x00FFFFu
#define RGB_MAGENTA 0xFF00FFu
#define RGB_RED 0xFF0000u

enum kind { K_OFF, K_SOLID, K_BREATHING, K_BLINKING, K_FAST, K_SOS };

struct look {
    enum kind kind;
    uint32_t color;
};

static struct {
    bool started;
    vdev_led_network net;
    vdev_led_cloud cloud;
    unsigned signals;
    int panic_code;
    bool sleeping;
    bool app;
    uint32_t app_color;
    uint8_t brightness;
    vdev_led_change_fn on_change;
    void *on_change_ctx;
    bool in_handler;
    bool mirroring, mirror_invert;
    int mirror_pins[3];
    /* what the last `led` event said */
    bool shown;
    char pattern[32];
    uint32_t color;
    uint8_t shown_brightness;
} LED = { .brightness = VDEV_LED_DEFAULT_BRIGHTNESS };

static struct look resolve(void)
{
    if (LED.panic_code > 0)
        return (struct look){ K_SOS, RGB_RED };
    if (LED.sleeping)
        return (struct look){ K_OFF, 0 };
    if (LED.app)
        return (struct look){ LED.app_color ? K_SOLID : K_OFF, LED.app_color };
    if (LED.signals & VDEV_LED_SIGNAL_CLEARING)
        return (struct look){ K_FAST, RGB_BLUE };
    if (LED.signals & VDEV_LED_SIGNAL_FIRMWARE_UPDATE)
        return (struct look){ K_FAST, RGB_MAGENTA };
    if (LED.signals & VDEV_LED_SIGNAL_LISTENING)
        return (struct look){ K_BLINKING, RGB_BLUE };
    if (LED.net == VDEV_LED_NET_CONNECTED) {
        switch (LED.cloud) {
        case VDEV_LED_CLOUD_CONNECTED:
            return (struct look){ K_BREATHING, (LED.signals & VDEV_LED_SIGNAL_SAFE_MODE) ? RGB_MAGENTA : RGB_CYAN };
        case VDEV_LED_CLOUD_HANDSHAKE: return (struct look){ K_FAST, RGB_CYAN };
        case VDEV_LED_CLOUD_CONNECTING: return (struct look){ K_BLINKING, RGB_CYAN };
        default: return (struct look){ K_BREATHING, RGB_GREEN };
        }
    }
    switch (LED.net) {
    case VDEV_LED_NET_DHCP: return (struct look){ K_FAST, RGB_GREEN };
    case VDEV_LED_NET_CONNECTING: return (struct look){ K_BLINKING, RGB_GREEN };
    case VDEV_LED_NET_ON: return (struct look){ K_BREATHING, RGB_BLUE };
    default: return (struct look){ K_BREATHING, RGB_WHITE };
    }
}

static const char *color_name(uint32_t c)
{
    switch (c) {
    case RGB_WHITE: return "white";
    case RGB_BLUE: return "blue";
    case RGB_GREEN: return "green";
    case RGB_CYAN: return "cyan";
    case RGB_MAGENTA: return "magenta";
    case RGB_RED: return "red";
    default: return "rgb";
    }
}

static void pattern_name(struct look l, char *out, size_t len)
{
    static const char *const kinds[] = { "off", "solid", "breathing", "blinking", "fast-blinking", "sos" };
    if (l.kind == K_OFF || l.kind == K_SOLID || l.kind == K_SOS)
        snprintf(out, len, "%s", kinds[l.kind]);
    else
        snprintf(out, len, "%s-%s", kinds[l.kind], color_name(l.color));
}

static uint8_t scaled(uint32_t color, int shift)
{
    return (uint8_t)((((color >> shift) & 0xFFu) * LED.brightness + 127u) / 255u);
}

static void mirror_out(uint32_t color, bool dark)
{
    if (!LED.mirroring)
        return;
    for (int i = 0; i < 3; i++) {
        uint8_t v = dark ? 0 : scaled(color, 16 - 8 * i);
        HAL_PWM_Write_Ext((pin_t)LED.mirror_pins[i], LED.mirror_invert ? 255u - v : v);
    }
}

static void emit(struct look l)
{
    char name[32];
    pattern_name(l, name, sizeof(name));
    uint32_t c = l.color;
    if (l.kind == K_SOS)
        vdev_event("led", "{s:s,s:[iii],s:i,s:i}", "pattern", name, "color", (int)(c >> 16 & 0xFF),
                   (int)(c >> 8 & 0xFF), (int)(c & 0xFF), "brightness", LED.brightness, "code", LED.panic_code);
    else
        vdev_event("led", "{s:s,s:[iii],s:i}", "pattern", name, "color", (int)(c >> 16 & 0xFF),
                   (int)(c >> 8 & 0xFF), (int)(c & 0xFF), "brightness", LED.brightness);
}

/* Show what the inputs now call for: an event (and the handler, the mirror)
 * when it differs from what is shown. */
static void update(void)
{
    if (!LED.started)
        return;
    struct look l = resolve();
    char name[32];
    pattern_name(l, name, sizeof(name));
    if (LED.shown && !strcmp(name, LED.pattern) && LED.color == l.color && LED.shown_brightness == LED.brightness)
        return;
    LED.shown = true;
    snprintf(LED.pattern, sizeof(LED.pattern), "%s", name);
    LED.color = l.color;
    LED.shown_brightness = LED.brightness;
    emit(l);
    mirror_out(l.color, l.kind == K_OFF);
    if (LED.on_change && !LED.in_handler) {
        LED.in_handler = true; /* a handler that changes the LED does not call itself again */
        uint32_t c = l.kind == K_OFF ? 0 : l.color;
        LED.on_change(LED.on_change_ctx, scaled(c, 16), scaled(c, 8), scaled(c, 0));
        LED.in_handler = false;
    }
}

static void panic_hook(int code) { vdev_led_panic(code); }

/* Read what the lifecycle and the cloud modules say. */
static void poll_system(void)
{
    bool safe = vdev_system_safe_mode && vdev_system_safe_mode();
    LED.signals = safe ? LED.signals | VDEV_LED_SIGNAL_SAFE_MODE : LED.signals & ~(unsigned)VDEV_LED_SIGNAL_SAFE_MODE;
    LED.sleeping = vdev_system_sleeping && vdev_system_sleeping();
    if (vdev_cloud_state) {
        switch (vdev_cloud_state()) {
        case VDEV_CLOUD_CONNECTED: LED.cloud = VDEV_LED_CLOUD_CONNECTED; break;
        case VDEV_CLOUD_CONNECTING: LED.cloud = VDEV_LED_CLOUD_CONNECTING; break;
        default: LED.cloud = VDEV_LED_CLOUD_OFF; break;
        }
    }
}

void vdev_led_system_state_changed(void)
{
    poll_system();
    update();
}

void vdev_led_init(void)
{
    vdev_device_set_panic_hook(panic_hook);
    poll_system();
    LED.started = true;
    update();
}

void vdev_led_set_network(vdev_led_network state)
{
    LED.net = state;
    update();
}

void vdev_led_network_status(int st)
{
    switch (st) {
    case NETWORK_STATUS_POWERING_OFF:
    case NETWORK_STATUS_OFF: vdev_led_set_network(VDEV_LED_NET_OFF); break;
    case NETWORK_STATUS_CONNECTING: vdev_led_set_network(VDEV_LED_NET_CONNECTING); break;
    case NETWORK_STATUS_CONNECTED: vdev_led_set_network(VDEV_LED_NET_CONNECTED); break;
    default: vdev_led_set_network(VDEV_LED_NET_ON); break;
    }
}

void vdev_led_set_cloud(vdev_led_cloud state)
{
    LED.cloud = state;
    update();
}

void vdev_led_set_signal(vdev_led_signal signal, bool on)
{
    if (on)
        LED.signals |= (unsigned)signal;
    else
        LED.signals &= ~(unsigned)signal;
    update();
}

void vdev_led_app_control(bool on)
{
    if (on && !LED.app)
        LED.app_color = 0; /* taking control turns the LED off until a colour is set */
    LED.app = on;
    update();
}

bool vdev_led_app_controlled(void) { return LED.app; }

void vdev_led_app_color(uint32_t rgb)
{
    if (!LED.app)
        return;
    LED.app_color = rgb & 0xFFFFFFu;
    update();
}

void vdev_led_set_brightness(uint8_t brightness, bool update_now)
{
    LED.brightness = brightness;
    if (update_now || !LED.app)
        update();
}

uint8_t vdev_led_brightness(void) { return LED.brightness; }

void vdev_led_on_change(vdev_led_change_fn fn, void *ctx)
{
    LED.on_change = fn;
    LED.on_change_ctx = ctx;
}

int vdev_led_mirror(int rpin, int gpin, int bpin, bool invert)
{
    const struct vdev_platform *pl = vdev_platform_current();
    int pins[3] = { rpin, gpin, bpin };
    for (int i = 0; i < 3; i++)
        if (!vdev_platform_pin_has(pl, pins[i], VDEV_PIN_PWM))
            return SYSTEM_ERROR_INVALID_ARGUMENT;
    memcpy(LED.mirror_pins, pins, sizeof(pins));
    LED.mirror_invert = invert;
    LED.mirroring = true;
    struct look l = resolve();
    if (LED.started)
        mirror_out(l.color, l.kind == K_OFF);
    return 0;
}

void vdev_led_mirror_disable(void) { LED.mirroring = false; }

void vdev_led_get(struct vdev_led_state *out)
{
    static char name[32];
    struct look l = resolve();
    pattern_name(l, name, sizeof(name));
    out->pattern = name;
    out->color[0] = (uint8_t)(l.color >> 16);
    out->color[1] = (uint8_t)(l.color >> 8);
    out->color[2] = (uint8_t)l.color;
    out->brightness = LED.brightness;
    out->code = l.kind == K_SOS ? LED.panic_code : 0;
}

void vdev_led_panic(int code)
{
    LED.panic_code = code > 0 ? code : 1;
    LED.started = true;
    LED.shown = false; /* always reported: it is the last thing the LED does */
    LED.on_change = NULL; /* no app code runs on the way down */
    update();
}
