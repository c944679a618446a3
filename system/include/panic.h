/* system/include/panic.h - the panic API an app reaches through Particle.h,
 * as Device OS's services headers give it: the panic codes (the number the
 * LED blinks after SOS), panic_(), PANIC(code, fmt, ...) and SPARK_ASSERT().
 * In vdev a panic is what a crash is (docs/architecture.md): SOS with the
 * code, a `panic` event with the message, exit 3, and the next fresh start
 * reports RESET_REASON_PANIC with the code as its data. PANIC() first logs
 * its message at LOG_LEVEL_PANIC (category "app"), as the device does. */
#ifndef VDEV_PANIC_H
#define VDEV_PANIC_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
    NotUsedPanicCode = 0,
    HardFault = 1,
    NMIFault = 2,
    MemManage = 3,
    BusFault = 4,
    UsageFault = 5,
    InvalidLenth = 6, /* sic: Device OS's name */
    Exit = 7,
    OutOfHeap = 8,
    SPIOverRun = 9,
    AssertionFailure = 10,
    InvalidCase = 11,
    PureVirtualCall = 12,
    StackOverflow = 13,
    HeapError = 14,
} ePanicCode;

/* The message is the code's name. extra and delay_us are not used. */
void panic_(ePanicCode code, void *extra, void (*delay_us)(uint32_t)) __attribute__((noreturn));
/* PANIC(): log fmt at LOG_LEVEL_PANIC, then panic with it as the message. */
void vdev_panic_fmt(int code, const char *fmt, ...) __attribute__((noreturn, format(printf, 2, 3)));

#ifdef __cplusplus
}
#endif

#define PANIC(code, fmt, ...) vdev_panic_fmt((int)(code), fmt, ##__VA_ARGS__)
#define SPARK_ASSERT(predicate)                                      \
    do {                                                             \
        if (!(predicate))                                            \
            PANIC(AssertionFailure, "AssertionFailure " #predicate); \
    } while (0)

#endif
