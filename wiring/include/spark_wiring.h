// vdev wiring: pins, analog I/O, time and delays, shift registers, pulseIn,
// random numbers and map() -- Particle's Arduino-style core functions.
#ifndef SPARK_WIRING_H
#define SPARK_WIRING_H

#include "gpio_hal.h"
#include "interrupts_hal.h"
#include "pinmap_hal.h"
#include "rng_hal.h"
#include "timer_hal.h"
#include "tone_hal.h"
#include "spark_wiring_constants.h"

#include <functional>

void pinMode(uint16_t pin, PinMode mode);
PinMode getPinMode(uint16_t pin);
bool pinAvailable(uint16_t pin);
void digitalWrite(uint16_t pin, uint8_t value);
int32_t digitalRead(uint16_t pin);
int32_t analogRead(uint16_t pin);
void setADCSampleTime(uint8_t sample_time);
void analogWrite(pin_t pin, uint32_t value);
void analogWrite(pin_t pin, uint32_t value, uint32_t pwm_frequency);
uint8_t analogWriteResolution(pin_t pin, uint8_t value);
uint8_t analogWriteResolution(pin_t pin);
uint32_t analogWriteMaxFrequency(pin_t pin);

extern "C" uint32_t pulseIn(pin_t pin, uint16_t value);
void shiftOut(uint8_t dataPin, uint8_t clockPin, uint8_t bitOrder, uint8_t val);
uint8_t shiftIn(uint8_t dataPin, uint8_t clockPin, uint8_t bitOrder);
void tone(uint8_t pin, unsigned int frequency, unsigned long duration = 0);
void noTone(uint8_t pin);

system_tick_t millis(void);
unsigned long micros(void);
void delay(unsigned long ms);
void delayMicroseconds(unsigned int us);

long random(long max);
long random(long min, long max);
void randomSeed(unsigned int seed);

int map(int value, int fromStart, int fromEnd, int toStart, int toEnd);
double map(double value, double fromStart, double fromEnd, double toStart, double toEnd);

// interrupts
typedef std::function<void()> wiring_interrupt_handler_t;
typedef void (*raw_interrupt_handler_t)(void);
bool attachInterrupt(uint16_t pin, wiring_interrupt_handler_t handler, InterruptMode mode, int8_t priority = -1,
                     uint8_t subpriority = 0);
// a plain function binds here exactly; lambdas and pointers go through std::function
bool attachInterrupt(uint16_t pin, void (&handler)(void), InterruptMode mode, int8_t priority = -1,
                     uint8_t subpriority = 0);
template <typename T>
bool attachInterrupt(uint16_t pin, void (T::*handler)(), T* instance, InterruptMode mode, int8_t priority = -1,
                     uint8_t subpriority = 0)
{
    using namespace std::placeholders;
    return attachInterrupt(pin, wiring_interrupt_handler_t(std::bind(handler, instance)), mode, priority,
                           subpriority);
}
void detachInterrupt(uint16_t pin);
void interrupts(void);
void noInterrupts(void);

class AtomicSection {
    int prev_;

public:
    AtomicSection() : prev_(HAL_disable_irq()) {}
    ~AtomicSection() { HAL_enable_irq(prev_); }
};
#define ATOMIC_BLOCK() for (bool __todo = true; __todo;) for (AtomicSection __as; __todo; __todo = false)

#endif
