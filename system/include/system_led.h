/* system/include/system_led.h - the RGB LED as the system drives it: the
 * Device OS status patterns and their priorities, the app's control of the
 * LED (the wiring RGB object), brightness, change handlers, mirroring to
 * PWM pins, and the `led` event on every visible change.
 *
 * Inputs: the network (system_network.c), the cloud session, listening
 * mode, safe mode and firmware updates report their state here; the LED
 * shows the most important one (see docs/led-and-buttons.md). */
#ifndef VDEV_SYSTEM_LED_H
#define VDEV_SYSTEM_LED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Device OS colours (rgbled.h) and its default brightness */
#define VDEV_LED_DEFAULT_BRIGHTNESS 96

/* The network as the LED shows it (lowest to highest). */
typedef enum {
    VDEV_LED_NET_OFF = 0,        /* breathing white */
    VDEV_LED_NET_ON = 1,         /* breathing blue: on, not connected */
    VDEV_LED_NET_CONNECTING = 2, /* blinking green */
    VDEV_LED_NET_DHCP = 3,       /* fast blinking green */
    VDEV_LED_NET_CONNECTED = 4   /* breathing green (no cloud wanted) */
} vdev_led_network;

/* The cloud session as the LED shows it (only while the network is connected). */
typedef enum {
    VDEV_LED_CLOUD_OFF = 0,        /* the network's pattern */
    VDEV_LED_CLOUD_CONNECTING = 1, /* blinking cyan */
    VDEV_LED_CLOUD_HANDSHAKE = 2,  /* fast blinking cyan */
    VDEV_LED_CLOUD_CONNECTED = 3   /* breathing cyan (breathing magenta in safe mode) */
} vdev_led_cloud;

/* Signals that override the network and cloud patterns. */
typedef enum {
    VDEV_LED_SIGNAL_SAFE_MODE = 1,       /* breathing magenta instead of breathing cyan */
    VDEV_LED_SIGNAL_LISTENING = 2,       /* blinking blue */
    VDEV_LED_SIGNAL_FIRMWARE_UPDATE = 4, /* fast blinking magenta */
    VDEV_LED_SIGNAL_CLEARING = 8         /* fast blinking blue: credentials being cleared */
} vdev_led_signal;

/* Start: emit the first `led` event (called once the system runs). */
void vdev_led_init(void);

/* System inputs (any firmware context, ISRs included). Safe mode, sleep and
 * the cloud session are read from their modules when they report a change
 * (vdev_led_system_state_changed, system_lifecycle.h). */
void vdev_led_system_state_changed(void);
void vdev_led_set_network(vdev_led_network state);
/* The network_status system event's data (NETWORK_STATUS_*), mapped. */
void vdev_led_network_status(int network_status);
void vdev_led_set_cloud(vdev_led_cloud state);
void vdev_led_set_signal(vdev_led_signal signal, bool on);

/* The app (RGB): control, colour (ignored unless controlled), brightness. */
void vdev_led_app_control(bool on);
bool vdev_led_app_controlled(void);
void vdev_led_app_color(uint32_t rgb);
/* Brightness 0..255 scales every pattern, the app's colour too (it stays set
 * when the app gives control back). */
void vdev_led_set_brightness(uint8_t brightness, bool update);
uint8_t vdev_led_brightness(void);
/* Called on every visible change with the colour as shown (scaled by the
 * brightness). NULL removes the handler. */
typedef void (*vdev_led_change_fn)(void *ctx, uint8_t r, uint8_t g, uint8_t b);
void vdev_led_on_change(vdev_led_change_fn fn, void *ctx);
/* Mirror the LED to three PWM pins (common anode: invert). 0 or -270. */
int vdev_led_mirror(int rpin, int gpin, int bpin, bool invert);
void vdev_led_mirror_disable(void);

/* What the LED shows now. pattern: "breathing-cyan", "sos", "solid"... */
struct vdev_led_state {
    const char *pattern;
    uint8_t color[3];  /* the base colour, before brightness */
    uint8_t brightness;
    int code;          /* SOS: the panic code, else 0 */
};
void vdev_led_get(struct vdev_led_state *out);

/* The SOS pattern with a Device OS panic code (1 hard fault, ...). Emits the
 * `led` event at once; used on crashes and panics, before the `panic` event. */
void vdev_led_panic(int code);

#ifdef __cplusplus
}
#endif
#endif
