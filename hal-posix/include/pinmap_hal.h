/* hal-posix/include/pinmap_hal.h - pin modes and the pin map of the platform
 * the app is compiled for (PLATFORM_ID): D0.., A0.., and the aliases. */
#ifndef VDEV_PINMAP_HAL_H
#define VDEV_PINMAP_HAL_H

#include "hal_platform.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum PinMode {
    INPUT,
    OUTPUT,
    INPUT_PULLUP,
    INPUT_PULLDOWN,
    AF_OUTPUT_PUSHPULL,
    AF_OUTPUT_DRAIN,
    AN_INPUT,
    AN_OUTPUT,
    OUTPUT_OPEN_DRAIN = AF_OUTPUT_DRAIN,
    PIN_MODE_NONE = 0xFF
} PinMode;

typedef enum PinFunction { PF_NONE, PF_DIO, PF_TIMER, PF_ADC, PF_DAC } PinFunction;

PinFunction HAL_Validate_Pin_Function(pin_t pin, PinFunction pinFunction);

#ifdef __cplusplus
}
#endif

#define D0 0
#define D1 1
#define D2 2
#define D3 3
#define D4 4
#define D5 5
#define D6 6
#define D7 7
#define BTN 20
#define RGBR 21
#define RGBG 22
#define RGBB 23

#if HAL_PLATFORM_GEN == 3
#define D8 8
#define D9 9
#define D10 10
#define D11 11
#define D12 12
#define D13 13
#define D14 14
#define D15 15
#define D16 16
#define D17 17
#define D18 18
#define D19 19
#define A0 19
#define A1 18
#define A2 17
#define A3 16
#define A4 15
#define A5 14
#define SS 14
#define SCK 13
#define MISO 11
#define MOSI 12
#define SDA 0
#define SCL 1
#define TX 9
#define RX 10
#define WKP 8
#else
#define A0 10
#define A1 11
#define A2 12
#define A3 13
#define A4 14
#define A5 15
#define A6 16
#define A7 17
#define RX 18
#define TX 19
#define WKP A7
#define DAC1 A6
#define DAC2 A3
#define DAC A6
#define SS A2
#define SCK A3
#define MISO A4
#define MOSI A5
#define SDA D0
#define SCL D1
#endif

#endif
