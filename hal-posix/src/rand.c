/* hal-posix/src/rand.c - rand()/srand() with one generator per firmware
 * thread, each seeded from the hardware RNG on first use (Device OS 1.4.0
 * fix #1905). These replace the C library's process-wide rand(). */
#include "rng_hal.h"

#include <stdlib.h>

static __thread unsigned long long state;
static __thread int seeded;

int rand(void)
{
    if (!seeded) {
        state = ((unsigned long long)HAL_RNG_GetRandomNumber() << 32) | HAL_RNG_GetRandomNumber();
        seeded = 1;
    }
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return (int)((state >> 33) & RAND_MAX);
}

void srand(unsigned int seed)
{
    state = seed;
    seeded = 1;
}
