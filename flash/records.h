/* flash/records.h - the system's own records in the flash file, on top of
 * nor.h: the retained-memory image and the boot notes (the retained region:
 * sector 0 the image, sector 1 the notes), and the module-info record at
 * the start of the user-firmware slot. Formats: docs/flash.md. */
#ifndef VDEV_FLASH_RECORDS_H
#define VDEV_FLASH_RECORDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Backup RAM for the app's retained variables (Device OS: 3068 bytes). */
#define VDEV_RETAINED_CAPACITY 3068u
#define VDEV_FW_ID_SIZE 20u          /* the image's GNU build ID */

/* ---- boot notes: the reset reason the next fresh start reports ---- */

/* The latest note: 0, or -ENOENT when none was written (a new file). */
int vdev_note_latest(int *reason, uint32_t *data);
/* Append a note (erasing the notes sector when it is full).
 * Async-signal-safe. 0 or -errno. */
int vdev_note_append(int reason, uint32_t data);

/* ---- the retained image ---- */

#define VDEV_RETAINED_FEATURE 1u     /* flags: FEATURE_RETAINED_MEMORY was on when saved */

struct vdev_retained_info {
    bool present;                    /* a committed image (valid or invalidated) */
    bool valid;                      /* committed, not invalidated, CRC good */
    uint32_t size, flags;
    uint8_t fw_id[VDEV_FW_ID_SIZE];
};
int vdev_retained_image_info(struct vdev_retained_info *out);
/* Erase, then program data, header, commit word last. Async-signal-safe. */
int vdev_retained_image_save(const void *data, uint32_t size, uint32_t flags, const uint8_t *fw_id);
/* Copy a valid image of exactly `size` bytes into data: 0, -ENOENT none or
 * not valid, -EINVAL another size. */
int vdev_retained_image_load(void *data, uint32_t size);
/* Mark the image lost (power loss): one word programmed to 0. */
int vdev_retained_image_invalidate(void);

/* ---- module info of the app image (user-firmware slot) ---- */

struct vdev_module_info {
    char name[64];
    uint32_t size;                   /* bytes of the image file */
    uint8_t hash[VDEV_FW_ID_SIZE];   /* its build ID */
};
/* 0, or -ENOENT when the slot holds no record. */
int vdev_module_info_read(struct vdev_module_info *out);
/* Rewrite the record only when it differs (1 written, 0 unchanged, -errno). */
int vdev_module_info_write(const struct vdev_module_info *mi);

#endif
