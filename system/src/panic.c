/* system/src/panic.c - owns panic_() and PANIC() (system/include/panic.h):
 * the code's name or the formatted message, logged at LOG_LEVEL_PANIC for
 * PANIC(), then the device's panic (HAL_Core_Panic: SOS, `panic` event,
 * retained memory saved, PANIC noted for the next start, exit 3). */
#include "../include/panic.h"

#include "../../hal-posix/include/core_hal.h"
#include "../include/logging.h"

#include <stdarg.h>
#include <stdio.h>

static const char *code_name(int code)
{
    static const char *const names[] = { "NotUsedPanicCode", "HardFault",        "NMIFault",     "MemManage",
                                         "BusFault",         "UsageFault",       "InvalidLenth", "Exit",
                                         "OutOfHeap",        "SPIOverRun",       "AssertionFailure",
                                         "InvalidCase",      "PureVirtualCall",  "StackOverflow", "HeapError" };
    return code >= 0 && code < (int)(sizeof(names) / sizeof(names[0])) ? names[code] : "panic";
}

void panic_(ePanicCode code, void *extra, void (*delay_us)(uint32_t))
{
    (void)extra;
    (void)delay_us;
    HAL_Core_Panic((int)code, code_name((int)code));
    __builtin_unreachable();
}

void vdev_panic_fmt(int code, const char *fmt, ...)
{
    char msg[LOG_MAX_STRING_LENGTH];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt ? fmt : "", ap);
    va_end(ap);
    log_message(LOG_LEVEL_PANIC, "app", NULL, NULL, "%s", msg);
    HAL_Core_Panic(code, msg[0] ? msg : code_name(code));
    __builtin_unreachable();
}
