/* tests/unit/fake_nor.h - the RAM fake of flash/nor.h (fake_nor.c): its
 * state, which tests read and set, and the kill switch. */
#ifndef VDEV_FAKE_NOR_H
#define VDEV_FAKE_NOR_H

#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>

#include "../../flash/nor.h"
#include "../../sim/events.h"
#include "../../sim/platform.h"

#define FAKE_BASE 8192u     /* the EEPROM region's offset in the fake data area */
#define FAKE_REGION 32768u  /* 8 sectors: two banks of 16 KB */

struct fake_nor {
    uint8_t mem[FAKE_BASE + FAKE_REGION];
    int ops, kill_at, mode; /* the cut op does 0: nothing, 1: a prefix, 2: a random subset, 3: all */
    uint32_t rng;
    int reprograms;         /* programs of a cell that was not erased */
    int programs, erases;
    int flash_events, warnings;
    bool absent;            /* vdev_flash_region: -ENODEV */
    jmp_buf kill;
};

extern struct fake_nor fake_nor;
extern struct vdev_platform fake_platform; /* what vdev_platform_current() returns */

void fake_nor_reset(void); /* all erased, counters 0, no kill armed */
uint32_t fake_rnd(void);
/* Run op(arg) with operation k (0-based) cut in the given mode: true if it
 * was cut (the op never returned). */
bool fake_killed_at(int k, int mode, void (*op)(const void *), const void *arg);

#endif
