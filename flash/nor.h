/* flash/nor.h - the device's flash: one file per device, memory-mapped,
 * with NOR semantics (4 KB sectors erase to 0xFF; programming only clears
 * bits; programming a cell that is not erased is reported as an event and
 * stores old AND new, as the chip would). A header (magic, layout version,
 * platform, size, CRC) guards the file; a truncated, corrupt or
 * other-platform file is refused, never reformatted. Writes go straight to
 * the shared mapping, so a kill -9 loses nothing already programmed.
 * Layout (regions below): docs/flash.md. Host side: only the .c files of
 * flash/ include host headers. */
#ifndef VDEV_FLASH_NOR_H
#define VDEV_FLASH_NOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define VDEV_NOR_SECTOR 4096u
#define VDEV_NOR_HEADER_SIZE 4096u      /* the header sector, before the data area */
#define VDEV_FLASH_LAYOUT_VERSION 1u
#define VDEV_FLASH_MAGIC "vdevNOR\n"    /* 8 bytes at offset 0 */

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

/* ---- also ---- */

/* Open an existing file read-only, whatever its platform (`vdev flash
 * show`): the same refusals except the platform check. Writes then fail
 * with -EROFS. */
int vdev_nor_open_readonly(const char *path, char *err, size_t errlen);

struct vdev_nor_info {
    uint32_t layout_version, platform_id, header_size, data_size, header_crc;
    uint64_t file_size;
    bool created;            /* this open created the file (new, or --flash-reset) */
    bool readonly;
};
int vdev_nor_info(struct vdev_nor_info *out);
/* The open file's path as it was given (for messages), or NULL. */
const char *vdev_nor_path(void);

/* A region of a platform's layout without an open file (-EINVAL: unknown
 * platform or region). */
int vdev_flash_layout(int platform_id, enum vdev_flash_region r, uint32_t *offset, uint32_t *size);
const char *vdev_flash_region_name(enum vdev_flash_region r);

/* Called once per program call that needed a 0 bit to become 1 (first
 * such address). The device turns it into a `flash` event. */
typedef void (*vdev_nor_conflict_fn)(uint32_t addr, void *ctx);
void vdev_nor_set_conflict_hook(vdev_nor_conflict_fn fn, void *ctx);
/* Called after every program and erase (tests: a kill between two steps). */
typedef void (*vdev_nor_step_fn)(void *ctx);
void vdev_nor_set_step_hook(vdev_nor_step_fn fn, void *ctx);

/* CRC-32 (IEEE 802.3, reflected), chained: crc = vdev_crc32(crc, p, n), start 0. */
uint32_t vdev_crc32(uint32_t crc, const void *data, size_t len);

#endif
