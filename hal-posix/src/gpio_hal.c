/* hal-posix/src/gpio_hal.c - the pins: modes, output latches, levels driven
 * from outside, pull resistors, ADC values, PWM/DAC outputs, pin interrupts
 * and pulseIn. Every change a person could observe is an event. */
#include "gpio_hal.h"

#include "../../sim/events.h"
#include "../../sim/platform.h"
#include "../../sim/sched.h"
#include "hal_sim.h"
#include "interrupts_hal.h"
#include "timer_hal.h"
#include "tone_hal.h"

#include <errno.h>
#include <string.h>

#define NPINS 24
#define GEN3_MAX_INTERRUPTS 8

struct pin {
    uint32_t tone_freq;
    uint64_t tone_end;  /* device time the tone stops, VDEV_FOREVER: until stopped */
    uint8_t mode;
    uint8_t out;        /* output latch */
    int8_t ext;         /* level driven from outside, -1: not driven */
    uint8_t level;      /* last effective level, for edge detection */
    uint16_t adc;
    uint32_t pwm_value;
    uint32_t pwm_freq;
    uint8_t pwm_res;
    HAL_InterruptHandler isr;
    void *isr_data;
    uint8_t isr_mode;
    bool isr_pending;
};

#define MAX_WARNINGS 64
#define MAX_EDGE_HOOKS 4

static struct {
    struct pin pins[NPINS];
    int irq_disabled;
    struct {
        const char *what;
        int pin;
    } warned[MAX_WARNINGS];
    int nwarned;
    vdev_gpio_edge_fn edge_hooks[MAX_EDGE_HOOKS];
} G;

static const char *const mode_names[] = { "INPUT", "OUTPUT", "INPUT_PULLUP", "INPUT_PULLDOWN",
                                          "AF_OUTPUT_PUSHPULL", "AF_OUTPUT_DRAIN", "AN_INPUT", "AN_OUTPUT" };

static const char *pin_name(int pin) { return vdev_platform_pin_name(vdev_platform_current(), pin); }

static bool valid(int pin, const char *what)
{
    if (pin >= 0 && pin < NPINS && pin_name(pin))
        return true;
    vdev_hal_warn_pin(what, pin);
    return false;
}

/* Warnings name the pin as the app passed it (a number); once per kind. */
static bool first_time(const char *what, int pin)
{
    for (int i = 0; i < G.nwarned; i++)
        if (G.warned[i].pin == pin && !strcmp(G.warned[i].what, what))
            return false;
    if (G.nwarned < MAX_WARNINGS) {
        G.warned[G.nwarned].what = what;
        G.warned[G.nwarned].pin = pin;
        G.nwarned++;
    }
    return true;
}

void vdev_hal_warn_pin(const char *what, int pin)
{
    if (first_time(what, pin))
        vdev_event("warning", "{s:s,s:i,s:s}", "what", what, "pin", pin, "message",
                   pin_name(pin) ? "this pin cannot do that; the call is ignored"
                                 : "no such pin on this platform; the call is ignored");
}

static bool is_output(uint8_t mode)
{
    return mode == OUTPUT || mode == AF_OUTPUT_PUSHPULL || mode == AF_OUTPUT_DRAIN;
}

static uint8_t effective(const struct pin *p)
{
    if (p->mode == OUTPUT || p->mode == AF_OUTPUT_PUSHPULL)
        return p->out;
    if (p->mode == AF_OUTPUT_DRAIN) /* open drain: low when driven low, else what the line is */
        return p->out ? (p->ext >= 0 ? (uint8_t)p->ext : 1) : 0;
    if (p->ext >= 0)
        return (uint8_t)p->ext;
    return p->mode == INPUT_PULLUP ? 1 : 0;
}

static void run_isr(int pin)
{
    struct pin *p = &G.pins[pin];
    if (!p->isr)
        return;
    if (G.irq_disabled) {
        p->isr_pending = true;
        return;
    }
    p->isr_pending = false;
    vdev_sched_isr_enter();
    p->isr(p->isr_data);
    vdev_sched_isr_exit();
}

/* Recompute a pin's level; wake pulseIn waiters and fire its interrupt. */
static void update_level(int pin)
{
    struct pin *p = &G.pins[pin];
    uint8_t now = effective(p);
    if (now == p->level)
        return;
    uint8_t was = p->level;
    p->level = now;
    vdev_sched_lock();
    vdev_sched_wake(p, -1);
    vdev_sched_unlock();
    for (int i = 0; i < MAX_EDGE_HOOKS && G.edge_hooks[i]; i++)
        G.edge_hooks[i](pin, now);
    if (p->isr && (p->isr_mode == CHANGE || (p->isr_mode == RISING && !was && now) ||
                   (p->isr_mode == FALLING && was && !now)))
        run_isr(pin);
}

void HAL_Pin_Mode(pin_t pin, PinMode mode)
{
    if (!valid(pin, "pinMode"))
        return;
    if ((unsigned)mode > AN_OUTPUT) {
        if (first_time("pinMode (unknown mode)", pin))
            vdev_event("warning", "{s:s,s:i,s:i,s:s}", "what", "pinMode (unknown mode)", "pin", (int)pin, "mode",
                       (int)mode, "message", "unknown pin mode; the call is ignored");
        return;
    }
    struct pin *p = &G.pins[pin];
    uint8_t old_level = p->level;
    bool was_out = is_output(p->mode);
    if (p->mode != mode)
        vdev_event("pin-mode", "{s:s,s:s}", "pin", pin_name(pin), "mode", mode_names[mode]);
    p->mode = (uint8_t)mode;
    if (is_output(mode) && (!was_out || effective(p) != old_level))
        vdev_event("pin", "{s:s,s:i}", "pin", pin_name(pin), "value", effective(p));
    update_level(pin);
}

PinMode HAL_Get_Pin_Mode(pin_t pin)
{
    if (pin >= NPINS || !pin_name(pin))
        return PIN_MODE_NONE;
    return (PinMode)G.pins[pin].mode;
}

bool HAL_Pin_Is_Valid(pin_t pin) { return pin < NPINS && pin_name(pin) != NULL; }

PinFunction HAL_Validate_Pin_Function(pin_t pin, PinFunction fn)
{
    const struct vdev_platform *pl = vdev_platform_current();
    if (!HAL_Pin_Is_Valid(pin))
        return PF_NONE;
    if (fn == PF_ADC && vdev_platform_pin_has(pl, pin, VDEV_PIN_ADC))
        return PF_ADC;
    if (fn == PF_TIMER && vdev_platform_pin_has(pl, pin, VDEV_PIN_PWM))
        return PF_TIMER;
    if (fn == PF_DAC && vdev_platform_pin_has(pl, pin, VDEV_PIN_DAC))
        return PF_DAC;
    if (fn == PF_DIO)
        return PF_DIO;
    return PF_NONE;
}

void HAL_GPIO_Write(pin_t pin, uint8_t value)
{
    if (!valid(pin, "digitalWrite"))
        return;
    struct pin *p = &G.pins[pin];
    uint8_t v = value ? 1 : 0;
    uint8_t before = effective(p);
    p->out = v;
    if (p->mode == AF_OUTPUT_PUSHPULL && p->pwm_value) { /* a digital write ends PWM */
        p->pwm_value = 0;
        p->mode = OUTPUT;
    }
    if (is_output(p->mode) && effective(p) != before)
        vdev_event("pin", "{s:s,s:i}", "pin", pin_name(pin), "value", effective(p));
    update_level(pin);
}

int32_t HAL_GPIO_Read(pin_t pin)
{
    if (!valid(pin, "digitalRead"))
        return 0;
    return effective(&G.pins[pin]);
}

uint32_t HAL_Pulse_In(pin_t pin, uint16_t value)
{
    if (!valid(pin, "pulseIn"))
        return 0;
    struct pin *p = &G.pins[pin];
    uint8_t want = value ? 1 : 0;
    uint64_t deadline = vdev_clock_poll() + 3000000u; /* Device OS gives up after 3 s */
    uint64_t start = 0;
    vdev_sched_lock();
    /* a pulse already in progress does not count: wait for it to end */
    while (effective(p) == want)
        if (vdev_sched_wait(p, deadline) == VDEV_WAKE_TIMEOUT && effective(p) == want)
            goto timeout;
    while (effective(p) != want)
        if (vdev_sched_wait(p, deadline) == VDEV_WAKE_TIMEOUT && effective(p) != want)
            goto timeout;
    start = vdev_clock_now();
    while (effective(p) == want)
        if (vdev_sched_wait(p, deadline) == VDEV_WAKE_TIMEOUT && effective(p) == want)
            goto timeout;
    vdev_sched_unlock();
    return (uint32_t)(vdev_clock_now() - start);
timeout:
    vdev_sched_unlock();
    return 0;
}

int32_t HAL_ADC_Read(pin_t pin)
{
    if (!valid(pin, "analogRead"))
        return 0;
    if (!vdev_platform_pin_has(vdev_platform_current(), pin, VDEV_PIN_ADC)) {
        vdev_hal_warn_pin("analogRead (not an analog pin)", pin);
        return 0;
    }
    struct pin *p = &G.pins[pin];
    if (p->mode != AN_INPUT) {
        vdev_event("pin-mode", "{s:s,s:s}", "pin", pin_name(pin), "mode", mode_names[AN_INPUT]);
        p->mode = AN_INPUT;
        update_level(pin);
    }
    vdev_clock_advance(10); /* a conversion takes time */
    return p->adc;
}

void HAL_ADC_Set_Sample_Time(uint8_t sample_time) { (void)sample_time; }

static void pwm_write(pin_t pin, uint32_t value, uint32_t freq)
{
    if (!valid(pin, "analogWrite"))
        return;
    const struct vdev_platform *pl = vdev_platform_current();
    struct pin *p = &G.pins[pin];
    if (vdev_platform_pin_has(pl, pin, VDEV_PIN_DAC) && freq == 0) {
        HAL_DAC_Write(pin, (uint16_t)value);
        return;
    }
    if (!vdev_platform_pin_has(pl, pin, VDEV_PIN_PWM)) {
        vdev_hal_warn_pin("analogWrite (no PWM on this pin)", pin);
        return;
    }
    if (!p->pwm_res)
        p->pwm_res = 8;
    uint32_t max = (1u << p->pwm_res) - 1;
    if (value > max)
        value = max;
    if (freq == 0)
        freq = p->pwm_freq ? p->pwm_freq : 500;
    if (freq > HAL_PWM_Get_Max_Frequency(pin))
        return;
    uint8_t before = effective(p);
    p->pwm_value = value;
    p->pwm_freq = freq;
    if (p->mode != AF_OUTPUT_PUSHPULL) {
        p->mode = AF_OUTPUT_PUSHPULL;
        vdev_event("pin-mode", "{s:s,s:s}", "pin", pin_name(pin), "mode", mode_names[AF_OUTPUT_PUSHPULL]);
    }
    /* 0 and full scale are plain levels; anything between is a PWM wave */
    p->out = value == 0 ? 0 : 1;
    vdev_event("analog-write", "{s:s,s:i,s:i,s:i}", "pin", pin_name(pin), "value", (int)value, "frequency",
               (int)freq, "resolution", p->pwm_res);
    if (effective(p) != before)
        update_level(pin);
}

void HAL_PWM_Write_Ext(pin_t pin, uint32_t value) { pwm_write(pin, value, 0); }

void HAL_PWM_Write_With_Frequency_Ext(pin_t pin, uint32_t value, uint32_t freq)
{
    pwm_write(pin, value, freq ? freq : 500);
}

uint32_t HAL_PWM_Get_Frequency_Ext(pin_t pin) { return HAL_Pin_Is_Valid(pin) ? G.pins[pin].pwm_freq : 0; }
uint32_t HAL_PWM_Get_AnalogValue_Ext(pin_t pin) { return HAL_Pin_Is_Valid(pin) ? G.pins[pin].pwm_value : 0; }

uint32_t HAL_PWM_Get_Max_Frequency(pin_t pin)
{
    if (!HAL_Pin_Is_Valid(pin))
        return 0;
    uint8_t res = G.pins[pin].pwm_res ? G.pins[pin].pwm_res : 8;
    /* Gen 3: 16 MHz PWM clock; Photon: 60 MHz timer (rounded figures) */
    uint32_t clock = vdev_platform_current()->ble ? 16000000u : 60000000u;
    return clock >> res;
}

uint8_t HAL_PWM_Get_Resolution(pin_t pin) { return HAL_Pin_Is_Valid(pin) ? (G.pins[pin].pwm_res ? G.pins[pin].pwm_res : 8) : 0; }

void HAL_PWM_Set_Resolution(pin_t pin, uint8_t res)
{
    if (!valid(pin, "analogWriteResolution"))
        return;
    if (res >= 2 && res <= 15)
        G.pins[pin].pwm_res = res;
}

void HAL_DAC_Write(pin_t pin, uint16_t value)
{
    if (!valid(pin, "analogWrite"))
        return;
    struct pin *p = &G.pins[pin];
    if (value > 4095)
        value = 4095;
    if (p->mode != AN_OUTPUT)
        vdev_event("pin-mode", "{s:s,s:s}", "pin", pin_name(pin), "mode", mode_names[AN_OUTPUT]);
    p->mode = AN_OUTPUT;
    p->pwm_value = value;
    vdev_event("analog-write", "{s:s,s:i,s:s}", "pin", pin_name(pin), "value", (int)value, "kind", "dac");
}

/* ---- tones ---- */

void HAL_Tone_Start(uint8_t pin, uint32_t frequency, uint32_t duration)
{
    if (!valid(pin, "tone"))
        return;
    if (!vdev_platform_pin_has(vdev_platform_current(), pin, VDEV_PIN_PWM)) {
        vdev_hal_warn_pin("tone (no PWM on this pin)", pin);
        return;
    }
    if (frequency < 20 || frequency > 20000) {
        HAL_Tone_Stop(pin);
        return;
    }
    struct pin *p = &G.pins[pin];
    p->tone_freq = frequency;
    p->tone_end = duration ? vdev_clock_now() + (uint64_t)duration * 1000u : VDEV_FOREVER;
    vdev_event("tone", "{s:s,s:i,s:i}", "pin", pin_name(pin), "frequency", (int)frequency, "duration",
               (int)duration);
}

void HAL_Tone_Stop(uint8_t pin)
{
    if (!valid(pin, "noTone"))
        return;
    struct pin *p = &G.pins[pin];
    if (p->tone_freq && !HAL_Tone_Is_Stopped(pin))
        vdev_event("tone", "{s:s,s:i}", "pin", pin_name(pin), "frequency", 0);
    p->tone_freq = 0;
}

bool HAL_Tone_Is_Stopped(uint8_t pin)
{
    if (!HAL_Pin_Is_Valid(pin))
        return true;
    struct pin *p = &G.pins[pin];
    return !p->tone_freq || vdev_clock_now() >= p->tone_end;
}

uint32_t HAL_Tone_Get_Frequency(uint8_t pin) { return HAL_Tone_Is_Stopped(pin) ? 0 : G.pins[pin].tone_freq; }

/* ---- interrupts ---- */

int HAL_Interrupts_Attach(uint16_t pin, HAL_InterruptHandler handler, void *data, InterruptMode mode,
                          HAL_InterruptExtraConfiguration *config)
{
    (void)config;
    if (!valid(pin, "attachInterrupt") || !handler || (unsigned)mode > FALLING)
        return SYSTEM_ERROR_INVALID_ARGUMENT;
    if (vdev_platform_current()->ble) { /* Gen 3: 8 GPIOTE channels */
        int used = 0;
        for (int i = 0; i < NPINS; i++)
            used += G.pins[i].isr != NULL && i != pin;
        if (used >= GEN3_MAX_INTERRUPTS)
            return SYSTEM_ERROR_LIMIT_EXCEEDED;
    }
    struct pin *p = &G.pins[pin];
    p->level = effective(p);
    p->isr = handler;
    p->isr_data = data;
    p->isr_mode = (uint8_t)mode;
    p->isr_pending = false;
    return 0;
}

int HAL_Interrupts_Detach(uint16_t pin)
{
    if (!valid(pin, "detachInterrupt"))
        return SYSTEM_ERROR_INVALID_ARGUMENT;
    G.pins[pin].isr = NULL;
    G.pins[pin].isr_pending = false;
    return 0;
}

static void run_pending(void)
{
    for (int i = 0; i < NPINS && !G.irq_disabled; i++)
        if (G.pins[i].isr_pending)
            run_isr(i);
}

void HAL_Interrupts_Enable_All(void)
{
    G.irq_disabled = 0;
    run_pending();
}

void HAL_Interrupts_Disable_All(void) { G.irq_disabled = 1; }

int HAL_disable_irq(void)
{
    int was = G.irq_disabled;
    G.irq_disabled = 1;
    return was;
}

void HAL_enable_irq(int is)
{
    G.irq_disabled = is;
    if (!is)
        run_pending();
}

uint8_t HAL_IsISR(void) { return vdev_sched_in_isr() ? 1 : 0; }

/* ---- driven from outside ---- */

int vdev_gpio_drive(int pin, int level)
{
    if (pin < 0 || pin >= NPINS || !pin_name(pin))
        return -EINVAL;
    struct pin *p = &G.pins[pin];
    int8_t ext = level < 0 ? -1 : (level ? 1 : 0);
    if (p->ext == ext)
        return 0;
    p->ext = ext;
    if (ext < 0)
        vdev_event("input", "{s:s,s:n}", "pin", pin_name(pin), "value");
    else
        vdev_event("input", "{s:s,s:i}", "pin", pin_name(pin), "value", (int)ext);
    update_level(pin);
    return 0;
}

int vdev_gpio_add_edge_hook(vdev_gpio_edge_fn fn)
{
    for (int i = 0; i < MAX_EDGE_HOOKS; i++) {
        if (G.edge_hooks[i] == fn)
            return 0;
        if (!G.edge_hooks[i]) {
            G.edge_hooks[i] = fn;
            return 0;
        }
    }
    return -ENOSPC;
}

int vdev_gpio_level(int pin)
{
    if (pin < 0 || pin >= NPINS || !pin_name(pin))
        return -EINVAL;
    return effective(&G.pins[pin]);
}

int vdev_adc_set(int pin, int value)
{
    if (!vdev_platform_pin_has(vdev_platform_current(), pin, VDEV_PIN_ADC))
        return -EINVAL;
    if (value < 0 || value > 4095)
        return -ERANGE;
    G.pins[pin].adc = (uint16_t)value;
    vdev_event("analog-input", "{s:s,s:i}", "pin", pin_name(pin), "value", value);
    return 0;
}

void vdev_gpio_init(void)
{
    memset(&G, 0, sizeof(G));
    for (int i = 0; i < NPINS; i++) {
        G.pins[i].ext = -1;
        G.pins[i].mode = INPUT;
    }
}
