// vdev wiring: class RGBClass and its object `RGB` (Particle Device OS 1.4
// API): the app takes control of the RGB LED, sets its colour and
// brightness, hears every change (onChange), and mirrors it to PWM pins.
//
// - color() does nothing unless the app has control (RGB.control(true),
//   which turns the LED off until a colour is set).
// - brightness(0..255, default 96) scales every pattern, system ones too;
//   it stays when control goes back to the system.
// - onChange handlers get the colour as shown (scaled by the brightness)
//   once per change of pattern, colour or brightness, not at every step of
//   a breathing or blinking pattern.
#ifndef SPARK_WIRING_RGB_H
#define SPARK_WIRING_RGB_H

#include <cstdint>
#include <functional>

#include "pinmap_hal.h"
#include "system_led.h"

#ifndef RGB_COLOR_RED
#define RGB_COLOR_RED 0xFF0000
#define RGB_COLOR_GREEN 0x00FF00
#define RGB_COLOR_BLUE 0x0000FF
#define RGB_COLOR_YELLOW 0xFFFF00
#define RGB_COLOR_CYAN 0x00FFFF
#define RGB_COLOR_MAGENTA 0xFF00FF
#define RGB_COLOR_WHITE 0xFFFFFF
#define RGB_COLOR_ORANGE 0xFF6000
#define RGB_COLOR_GREY 0x1F1F1F
#define RGB_COLOR_GRAY 0x1F1F1F
#endif

typedef void(raw_rgb_change_handler_t)(uint8_t, uint8_t, uint8_t);
typedef std::function<raw_rgb_change_handler_t> wiring_rgb_change_handler_t;

class RGBClass {
public:
    static bool controlled(void);
    static void control(bool take);
    static void color(int red, int green, int blue);
    static void color(uint32_t rgb);
    static void brightness(uint8_t value, bool update = true);
    static uint8_t brightness();

    void onChange(wiring_rgb_change_handler_t handler);
    void onChange(raw_rgb_change_handler_t* handler);
    template <typename T>
    void onChange(void (T::*handler)(uint8_t, uint8_t, uint8_t), T* instance)
    {
        using namespace std::placeholders;
        onChange(std::bind(handler, instance, _1, _2, _3));
    }

    // the LED's colour on three PWM pins (invert: common anode); bootloader
    // mirroring is accepted and has no effect (vdev has no bootloader)
    static void mirrorTo(pin_t rpin, pin_t gpin, pin_t bpin, bool invert = false, bool bootloader = false);
    static void mirrorDisable(bool bootloader = true);

private:
    wiring_rgb_change_handler_t changeHandler_;
    static void changed(void* ctx, uint8_t r, uint8_t g, uint8_t b);
};

extern RGBClass RGB;

#endif
