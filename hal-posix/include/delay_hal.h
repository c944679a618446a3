/* hal-posix/include/delay_hal.h - delays (declared in timer_hal.h). */
#include "timer_hal.h"
