// vdev wiring: the core functions (pins, analog, time, delays, interrupts,
// shiftIn/Out, tone, random, map), the serial port objects, and the entry
// points through which the system runs the app's setup() and loop().
#include "application.h"
#include "vdev_system.h"


void pinMode(uint16_t pin, PinMode mode) { HAL_Pin_Mode(pin, mode); }
PinMode getPinMode(uint16_t pin) { return HAL_Get_Pin_Mode(pin); }
bool pinAvailable(uint16_t pin) { return HAL_Pin_Is_Valid(pin); }
void digitalWrite(uint16_t pin, uint8_t value) { HAL_GPIO_Write(pin, value); }

int32_t digitalRead(uint16_t pin)
{
    HAL_Timer_Get_Micro_Seconds(); // a read takes a little device time (lets polling loops progress)
    return HAL_GPIO_Read(pin);
}

int32_t analogRead(uint16_t pin) { return HAL_ADC_Read(pin); }
void setADCSampleTime(uint8_t sample_time) { HAL_ADC_Set_Sample_Time(sample_time); }
void analogWrite(pin_t pin, uint32_t value) { HAL_PWM_Write_Ext(pin, value); }
void analogWrite(pin_t pin, uint32_t value, uint32_t freq) { HAL_PWM_Write_With_Frequency_Ext(pin, value, freq); }

uint8_t analogWriteResolution(pin_t pin, uint8_t value)
{
    HAL_PWM_Set_Resolution(pin, value);
    return HAL_PWM_Get_Resolution(pin);
}

uint8_t analogWriteResolution(pin_t pin) { return HAL_PWM_Get_Resolution(pin); }
uint32_t analogWriteMaxFrequency(pin_t pin) { return HAL_PWM_Get_Max_Frequency(pin); }
extern "C" uint32_t pulseIn(pin_t pin, uint16_t value) { return HAL_Pulse_In(pin, value); }

void shiftOut(uint8_t dataPin, uint8_t clockPin, uint8_t bitOrder, uint8_t val)
{
    for (int i = 0; i < 8; i++) {
        int b = bitOrder == LSBFIRST ? i : 7 - i;
        digitalWrite(dataPin, (val >> b) & 1);
        digitalWrite(clockPin, HIGH);
        digitalWrite(clockPin, LOW);
    }
}

uint8_t shiftIn(uint8_t dataPin, uint8_t clockPin, uint8_t bitOrder)
{
    uint8_t v = 0;
    for (int i = 0; i < 8; i++) {
        digitalWrite(clockPin, HIGH);
        int bitv = digitalRead(dataPin) ? 1 : 0;
        v |= bitv << (bitOrder == LSBFIRST ? i : 7 - i);
        digitalWrite(clockPin, LOW);
    }
    return v;
}

void tone(uint8_t pin, unsigned int frequency, unsigned long duration) { HAL_Tone_Start(pin, frequency, (uint32_t)duration); }
void noTone(uint8_t pin) { HAL_Tone_Stop(pin); }

system_tick_t millis(void) { return HAL_Timer_Get_Milli_Seconds(); }
unsigned long micros(void) { return HAL_Timer_Get_Micro_Seconds(); }
void delay(unsigned long ms) { system_delay_ms(ms, false); }
void delayMicroseconds(unsigned int us) { HAL_Delay_Microseconds(us); }

long random(long max)
{
    if (max <= 0)
        return 0;
    return rand() % max;
}

long random(long min, long max)
{
    if (min >= max)
        return min;
    return random(max - min) + min;
}

void randomSeed(unsigned int seed) { srand(seed); }

int map(int value, int fromStart, int fromEnd, int toStart, int toEnd)
{
    if (fromEnd == fromStart)
        return value;
    return (value - fromStart) * (toEnd - toStart) / (fromEnd - fromStart) + toStart;
}

double map(double value, double fromStart, double fromEnd, double toStart, double toEnd)
{
    if (fromEnd == fromStart)
        return value;
    return (value - fromStart) * (toEnd - toStart) / (fromEnd - fromStart) + toStart;
}

// ---- interrupts ----

namespace {
wiring_interrupt_handler_t* isr_handlers[TOTAL_PINS];

void call_handler(void* data) { (*static_cast<wiring_interrupt_handler_t*>(data))(); }
void call_raw(void* data) { reinterpret_cast<raw_interrupt_handler_t>(data)(); }
} // namespace

bool attachInterrupt(uint16_t pin, wiring_interrupt_handler_t handler, InterruptMode mode, int8_t, uint8_t)
{
    if (pin >= TOTAL_PINS || !handler)
        return false;
    HAL_Interrupts_Detach(pin);
    delete isr_handlers[pin];
    isr_handlers[pin] = new wiring_interrupt_handler_t(handler);
    if (HAL_Interrupts_Attach(pin, call_handler, isr_handlers[pin], mode, nullptr) != 0) {
        delete isr_handlers[pin];
        isr_handlers[pin] = nullptr;
        return false;
    }
    return true;
}

bool attachInterrupt(uint16_t pin, void (&handler)(void), InterruptMode mode, int8_t, uint8_t)
{
    if (pin >= TOTAL_PINS)
        return false;
    HAL_Interrupts_Detach(pin);
    return HAL_Interrupts_Attach(pin, call_raw, reinterpret_cast<void*>(handler), mode, nullptr) == 0;
}

void detachInterrupt(uint16_t pin)
{
    HAL_Interrupts_Detach(pin);
    if (pin < TOTAL_PINS) {
        delete isr_handlers[pin];
        isr_handlers[pin] = nullptr;
    }
}

void interrupts(void) { HAL_Interrupts_Enable_All(); }
void noInterrupts(void) { HAL_Interrupts_Disable_All(); }

// ---- serial ports ----

void USARTSerial::begin(unsigned long baud) { begin(baud, SERIAL_8N1); }
void USARTSerial::begin(unsigned long baud, uint32_t config) { HAL_USART_Begin_Config(serial_, (uint32_t)baud, config, nullptr); }
void USARTSerial::halfduplex(bool) {}
void USARTSerial::end() { HAL_USART_End(serial_); }
void USARTSerial::blockOnOverrun(bool) {}
int USARTSerial::availableForWrite(void) { return HAL_USART_Available_Data_For_Write(serial_); }

int USARTSerial::available(void)
{
    int n = HAL_USART_Available_Data(serial_);
    if (!n)
        HAL_Timer_Get_Micro_Seconds(); // polling costs device time
    return n;
}

int USARTSerial::peek(void) { return HAL_USART_Peek_Data(serial_); }
int USARTSerial::read(void) { return HAL_USART_Read_Data(serial_); }
void USARTSerial::flush(void) { HAL_USART_Flush_Data(serial_); }
size_t USARTSerial::write(uint8_t c) { return HAL_USART_Write_Data(serial_, c); }

size_t USARTSerial::write(const uint8_t* buffer, size_t size)
{
    int32_t n = HAL_USART_Write_Buffer(serial_, buffer, size);
    return n < 0 ? 0 : (size_t)n;
}

bool USARTSerial::isEnabled(void) { return HAL_USART_Is_Enabled(serial_); }

unsigned int USBSerial::baud() { return HAL_USB_USART_Baud_Rate(serial_); }
USBSerial::operator bool() { return isEnabled() && isConnected(); }
bool USBSerial::isEnabled() { return HAL_USB_USART_Is_Enabled(serial_); }
bool USBSerial::isConnected() { return HAL_USB_USART_Is_Connected(serial_); }
void USBSerial::begin(long speed) { HAL_USB_USART_Begin(serial_, (uint32_t)speed, nullptr); }
void USBSerial::end() { HAL_USB_USART_End(serial_); }
int USBSerial::peek() { return HAL_USB_USART_Receive_Data(serial_, true); }
size_t USBSerial::write(uint8_t c) { return HAL_USB_USART_Send_Data(serial_, c) >= 0 ? 1 : 0; }

size_t USBSerial::write(const uint8_t* buffer, size_t size)
{
    int32_t n = HAL_USB_USART_Send_Buffer(serial_, buffer, size);
    return n < 0 ? 0 : (size_t)n;
}

int USBSerial::read() { return HAL_USB_USART_Receive_Data(serial_, false); }
int USBSerial::availableForWrite(void) { return HAL_USB_USART_Available_Data_For_Write(serial_); }

int USBSerial::available()
{
    int n = HAL_USB_USART_Available_Data(serial_);
    if (!n)
        HAL_Timer_Get_Micro_Seconds(); // polling costs device time
    return n;
}

void USBSerial::flush() { HAL_USB_USART_Flush_Data(serial_); }

USBSerial& _fetch_usbserial()
{
    static USBSerial port(HAL_USB_USART_SERIAL);
    return port;
}

USARTSerial& _fetch_usart1()
{
    static USARTSerial port(HAL_USART_SERIAL1);
    return port;
}

// ---- the app, as the system runs it ----

extern "C" void vdev_app_setup(void) { setup(); }

extern "C" void vdev_app_loop(void)
{
    loop();
    application_checkin(); // the app is alive (ApplicationWatchdog)
    if (serialEvent && HAL_USB_USART_Available_Data(HAL_USB_USART_SERIAL) > 0)
        serialEvent();
    if (serialEvent1 && HAL_USART_Available_Data(HAL_USART_SERIAL1) > 0)
        serialEvent1();
}
