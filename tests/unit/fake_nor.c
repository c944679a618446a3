/* tests/unit/fake_nor.c - a RAM fake of flash/nor.h for unit tests, with
 * NOR semantics (erase to 0xFF, program ANDs), counters, and a switch that
 * cuts the Nth program or erase (a kill -9 in the middle of it) and longjmps
 * out; also the platform and the event sink the code under test uses. */
#include "fake_nor.h"

#include <errno.h>
#include <string.h>

struct fake_nor fake_nor;
struct vdev_platform fake_platform;

#define F fake_nor

void fake_nor_reset(void)
{
    memset(&F, 0, sizeof(F));
    memset(F.mem, 0xFF, sizeof(F.mem));
    F.kill_at = -1;
    F.rng = 12345;
}

uint32_t fake_rnd(void)
{
    F.rng = F.rng * 1103515245u + 12345u;
    return F.rng >> 8;
}

bool fake_killed_at(int k, int mode, void (*op)(const void *), const void *arg)
{
    F.ops = 0;
    F.kill_at = k;
    F.mode = mode;
    if (setjmp(F.kill))
        return true;
    op(arg);
    F.kill_at = -1;
    return false;
}

const struct vdev_platform *vdev_platform_current(void) { return &fake_platform; }

const char *vdev_nor_path(void) { return NULL; } /* no file: damage is counted, not printed */

void vdev_event(const char *type, const char *fields_fmt, ...)
{
    (void)fields_fmt;
    F.flash_events += !strcmp(type, "flash");
    F.warnings += !strcmp(type, "warning");
}

/* the fake's own CRC-32 (IEEE, reflected), as nor.h specifies it */
uint32_t vdev_crc32(uint32_t crc, const void *data, size_t n)
{
    const uint8_t *p = data;
    crc = ~crc;
    while (n--) {
        crc ^= *p++;
        for (int k = 0; k < 8; k++)
            crc = (crc & 1) ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
    }
    return ~crc;
}

int vdev_flash_region(enum vdev_flash_region r, uint32_t *offset, uint32_t *size)
{
    if (F.absent)
        return -ENODEV;
    if (r != VDEV_FLASH_EEPROM)
        return -EINVAL;
    *offset = FAKE_BASE;
    *size = FAKE_REGION;
    return 0;
}

const uint8_t *vdev_nor_map(uint32_t addr, size_t len)
{
    return addr >= FAKE_BASE && len <= FAKE_REGION && addr - FAKE_BASE <= FAKE_REGION - len ? F.mem + addr : NULL;
}

int vdev_nor_read(uint32_t addr, void *buf, size_t len)
{
    const uint8_t *p = vdev_nor_map(addr, len);
    if (!p)
        return -EFAULT;
    memcpy(buf, p, len);
    return 0;
}

/* the cut operation: part of it happens, then the process is gone */
static void maybe_kill(uint8_t *dst, const uint8_t *src, size_t len, bool erase)
{
    if (F.ops++ != F.kill_at)
        return;
    size_t n = F.mode == 1 ? fake_rnd() % (len + 1) : F.mode >= 2 ? len : 0;
    for (size_t i = 0; i < n; i++)
        if (F.mode != 2 || fake_rnd() % 2)
            dst[i] = erase ? 0xFF : dst[i] & src[i];
    F.kill_at = -1;
    longjmp(F.kill, 1);
}

int vdev_nor_program(uint32_t addr, const void *data, size_t len)
{
    uint8_t *p = (uint8_t *)vdev_nor_map(addr, len);
    if (!p)
        return -EFAULT;
    if (addr % 4 || len % 4)
        return -EINVAL;
    const uint8_t *d = data;
    maybe_kill(p, d, len, false);
    F.programs++;
    for (size_t i = 0; i < len; i++) {
        F.reprograms += d[i] != 0xFF && p[i] != 0xFF;
        p[i] &= d[i];
    }
    return 0;
}

int vdev_nor_erase_sector(uint32_t addr)
{
    uint8_t *p = (uint8_t *)vdev_nor_map(addr, VDEV_NOR_SECTOR);
    if (!p || (addr - FAKE_BASE) % VDEV_NOR_SECTOR)
        return -EINVAL;
    maybe_kill(p, NULL, VDEV_NOR_SECTOR, true);
    F.erases++;
    memset(p, 0xFF, VDEV_NOR_SECTOR);
    return 0;
}
