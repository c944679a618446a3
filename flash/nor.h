/* flash/nor.h - the device's flash: one file per device, memory-mapped,
 * with NOR semantics (4 KB sectors erase to 0xFF; programming only clears
 * bits; programming a cell that is not erased is reported as an event and
 * stores old AND new, as the chip would). A header (magic, layout version,
 * platform, size, CRC) guards the file; a truncated, corrupt or
 * other-platform file is refused, never reformatted. Writes go straight to
 * the shared mapping, so a kill -9 loses nothing already programmed.
 * Layout (regions below): docs/flash.md. Host side: only flash/*.c include
 * host headers. */
#ifndef VDEV_FLASH_NOR_H
#define VDEV_FLASH_NOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define VDEV_NOR_SECTOR 4096u

enum vdev_flash_region {
    VDEV_FLASH_DCT,          /* the DCT (two copies for atomic updates) */
    VDEV_FLASH_EEPROM,       /* EEPROM emulation (banks of sectors, page swapping) */
    VDEV_FLASH_RETAINED,     /* the retained-memory image and the boot notes */
    VDEV_FLASH_FIRMWARE,     /* the user-firmware slot */
    VDEV_FLASH_OTA,          /* the OTA slot */
    VDEV_FLASH_REGIONS
};

/* Open (or create, filled with 0xFF) the flash file for a platform id.
 * reset: start afresh (--flash-reset). 0, or negative with one sentence in
 * err saying what is wrong and how to recover (e.g. --flash-reset). */
int vdev_nor_open(const char *path, int platform_id, bool reset, char *err, size_t errlen);
void vdev_nor_close(void);
bool vdev_nor_is_open(void);
/* Where a region lives (offset from the start of the data area) and its size. */
int vdev_flash_region(enum vdev_flash_region r, uint32_t *offset, uint32_t *size);

/* Data-area access; addresses are offsets in the data area. 0 or -errno
 * (-ENODEV when no flash is open, -EFAULT out of range, -EINVAL misaligned). */
int vdev_nor_read(uint32_t addr, void *buf, size_t len);
int vdev_nor_program(uint32_t addr, const void *data, size_t len);
int vdev_nor_erase_sector(uint32_t addr); /* addr: a multiple of VDEV_NOR_SECTOR */
/* A pointer into the mapping (read-only use), or NULL. */
const uint8_t *vdev_nor_map(uint32_t addr, size_t len);

#endif
