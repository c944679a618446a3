// vdev wiring: the RGB object over the system's LED (system_led.h).
#include "spark_wiring_rgb.h"

RGBClass RGB;

bool RGBClass::controlled(void) { return vdev_led_app_controlled(); }
void RGBClass::control(bool take) { vdev_led_app_control(take); }

void RGBClass::color(int red, int green, int blue)
{
    vdev_led_app_color(((uint32_t)(red & 0xFF) << 16) | ((uint32_t)(green & 0xFF) << 8) | (uint32_t)(blue & 0xFF));
}

void RGBClass::color(uint32_t rgb) { color((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF); }
void RGBClass::brightness(uint8_t value, bool update) { vdev_led_set_brightness(value, update); }
uint8_t RGBClass::brightness() { return vdev_led_brightness(); }

void RGBClass::changed(void* ctx, uint8_t r, uint8_t g, uint8_t b)
{
    auto self = static_cast<RGBClass*>(ctx);
    if (self->changeHandler_)
        self->changeHandler_(r, g, b);
}

void RGBClass::onChange(wiring_rgb_change_handler_t handler)
{
    changeHandler_ = handler;
    vdev_led_on_change(changeHandler_ ? changed : nullptr, this);
}

void RGBClass::onChange(raw_rgb_change_handler_t* handler)
{
    if (handler)
        onChange(wiring_rgb_change_handler_t(handler));
    else
        onChange(wiring_rgb_change_handler_t());
}

void RGBClass::mirrorTo(pin_t rpin, pin_t gpin, pin_t bpin, bool invert, bool bootloader)
{
    (void)bootloader;
    vdev_led_mirror(rpin, gpin, bpin, invert);
}

void RGBClass::mirrorDisable(bool bootloader)
{
    (void)bootloader;
    vdev_led_mirror_disable();
}
