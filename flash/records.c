/* flash/records.c - owns the formats of the system's records in the flash
 * file: the retained-memory image (sector 0 of the retained region), the
 * boot notes (sector 1: an append-only log of 16-byte notes) and the
 * module-info record (start of the user-firmware slot). Saving the image
 * and appending a note are async-signal-safe: no allocation, no locks,
 * only reads and programs of the mapping. */
#include "records.h"

#include "nor.h"

#include <errno.h>
#include <string.h>

#define RET_MAGIC 0x4E544552u     /* "RETN" */
#define NOTE_MAGIC 0x45544F4Eu    /* "NOTE" */
#define MODI_MAGIC 0x49444F4Du    /* "MODI" */
#define COMMIT 0x54494D43u        /* "CMIT" */

/* retained image header (64 bytes), then the data */
#define R_MAGIC 0
#define R_SIZE 4
#define R_CRC 8
#define R_FLAGS 12
#define R_FWID 16
#define R_COMMIT 44
#define R_INVALID 48
#define R_DATA 64

#define NOTE_SIZE 16u
#define NOTES (VDEV_NOR_SECTOR / NOTE_SIZE)

/* module info: magic, size, hash[20], name[64], crc of the 92 bytes before */
#define M_MAGIC 0
#define M_SIZE 4
#define M_HASH 8
#define M_NAME 28
#define M_CRC 92
#define M_LEN 96

static uint32_t get32(const uint8_t *p) { return p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24; }

static void put32(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

static int retained_base(uint32_t *image, uint32_t *notes)
{
    uint32_t off, size;
    int rc = vdev_flash_region(VDEV_FLASH_RETAINED, &off, &size);
    if (rc)
        return rc;
    if (size < 2 * VDEV_NOR_SECTOR)
        return -ENOSPC;
    if (image)
        *image = off;
    if (notes)
        *notes = off + VDEV_NOR_SECTOR;
    return 0;
}

static bool all_erased(const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] != 0xFF)
            return false;
    return true;
}

/* ---- boot notes ---- */

int vdev_note_latest(int *reason, uint32_t *data)
{
    uint32_t base;
    int rc = retained_base(NULL, &base);
    if (rc)
        return rc;
    const uint8_t *s = vdev_nor_map(base, VDEV_NOR_SECTOR);
    if (!s)
        return -EFAULT;
    int found = -ENOENT;
    for (uint32_t i = 0; i < NOTES; i++) {
        const uint8_t *n = s + i * NOTE_SIZE;
        if (all_erased(n, NOTE_SIZE))
            break;
        if (get32(n) == NOTE_MAGIC && get32(n + 12) == vdev_crc32(0, n, 12)) {
            *reason = (int)get32(n + 4);
            *data = get32(n + 8);
            found = 0;
        }
    }
    return found;
}

int vdev_note_append(int reason, uint32_t data)
{
    uint32_t base;
    int rc = retained_base(NULL, &base);
    if (rc)
        return rc;
    const uint8_t *s = vdev_nor_map(base, VDEV_NOR_SECTOR);
    if (!s)
        return -EFAULT;
    uint32_t slot = 0;
    while (slot < NOTES && !all_erased(s + slot * NOTE_SIZE, NOTE_SIZE))
        slot++;
    if (slot == NOTES) {
        rc = vdev_nor_erase_sector(base);
        if (rc)
            return rc;
        slot = 0;
    }
    uint8_t n[NOTE_SIZE];
    put32(n, NOTE_MAGIC);
    put32(n + 4, (uint32_t)reason);
    put32(n + 8, data);
    put32(n + 12, vdev_crc32(0, n, 12));
    return vdev_nor_program(base + slot * NOTE_SIZE, n, sizeof(n));
}

/* ---- the retained image ---- */

int vdev_retained_image_info(struct vdev_retained_info *out)
{
    memset(out, 0, sizeof(*out));
    uint32_t base;
    int rc = retained_base(&base, NULL);
    if (rc)
        return rc;
    const uint8_t *h = vdev_nor_map(base, VDEV_NOR_SECTOR);
    if (!h)
        return -EFAULT;
    if (get32(h + R_MAGIC) != RET_MAGIC || get32(h + R_COMMIT) != COMMIT)
        return 0;
    uint32_t size = get32(h + R_SIZE);
    if (size > VDEV_RETAINED_CAPACITY)
        return 0;
    out->present = true;
    out->size = size;
    out->flags = get32(h + R_FLAGS);
    memcpy(out->fw_id, h + R_FWID, VDEV_FW_ID_SIZE);
    out->valid = get32(h + R_INVALID) == 0xFFFFFFFFu && vdev_crc32(0, h + R_DATA, size) == get32(h + R_CRC);
    return 0;
}

int vdev_retained_image_save(const void *data, uint32_t size, uint32_t flags, const uint8_t *fw_id)
{
    if (size > VDEV_RETAINED_CAPACITY)
        return -ENOSPC;
    uint32_t base;
    int rc = retained_base(&base, NULL);
    if (rc || (rc = vdev_nor_erase_sector(base)))
        return rc;
    if (size && (rc = vdev_nor_program(base + R_DATA, data, size)))
        return rc;
    uint8_t h[R_COMMIT];
    memset(h, 0xFF, sizeof(h));
    put32(h + R_MAGIC, RET_MAGIC);
    put32(h + R_SIZE, size);
    put32(h + R_CRC, vdev_crc32(0, data, size));
    put32(h + R_FLAGS, flags);
    memcpy(h + R_FWID, fw_id, VDEV_FW_ID_SIZE);
    if ((rc = vdev_nor_program(base, h, sizeof(h))))
        return rc;
    uint8_t commit[4];
    put32(commit, COMMIT);
    return vdev_nor_program(base + R_COMMIT, commit, sizeof(commit));
}

int vdev_retained_image_load(void *data, uint32_t size)
{
    struct vdev_retained_info info;
    int rc = vdev_retained_image_info(&info);
    if (rc)
        return rc;
    if (!info.valid)
        return -ENOENT;
    if (info.size != size)
        return -EINVAL;
    uint32_t base = 0;
    retained_base(&base, NULL);
    return vdev_nor_read(base + R_DATA, data, size);
}

int vdev_retained_image_invalidate(void)
{
    struct vdev_retained_info info;
    int rc = vdev_retained_image_info(&info);
    if (rc || !info.valid)
        return rc;
    uint32_t base = 0;
    retained_base(&base, NULL);
    static const uint8_t zero[4];
    return vdev_nor_program(base + R_INVALID, zero, sizeof(zero));
}

/* ---- module info ---- */

static void encode_module(uint8_t *r, const struct vdev_module_info *mi)
{
    memset(r, 0, M_LEN);
    put32(r + M_MAGIC, MODI_MAGIC);
    put32(r + M_SIZE, mi->size);
    memcpy(r + M_HASH, mi->hash, VDEV_FW_ID_SIZE);
    memcpy(r + M_NAME, mi->name, strnlen(mi->name, sizeof(mi->name) - 1));
    put32(r + M_CRC, vdev_crc32(0, r, M_CRC));
}

int vdev_module_info_read(struct vdev_module_info *out)
{
    uint32_t off;
    int rc = vdev_flash_region(VDEV_FLASH_FIRMWARE, &off, NULL);
    if (rc)
        return rc;
    const uint8_t *r = vdev_nor_map(off, M_LEN);
    if (!r)
        return -EFAULT;
    if (get32(r + M_MAGIC) != MODI_MAGIC || get32(r + M_CRC) != vdev_crc32(0, r, M_CRC))
        return -ENOENT;
    memset(out, 0, sizeof(*out));
    out->size = get32(r + M_SIZE);
    memcpy(out->hash, r + M_HASH, VDEV_FW_ID_SIZE);
    memcpy(out->name, r + M_NAME, sizeof(out->name) - 1);
    return 0;
}

int vdev_module_info_write(const struct vdev_module_info *mi)
{
    uint32_t off;
    int rc = vdev_flash_region(VDEV_FLASH_FIRMWARE, &off, NULL);
    if (rc)
        return rc;
    uint8_t r[M_LEN];
    encode_module(r, mi);
    const uint8_t *cur = vdev_nor_map(off, M_LEN);
    if (cur && !memcmp(cur, r, M_LEN))
        return 0;
    if ((rc = vdev_nor_erase_sector(off)) || (rc = vdev_nor_program(off, r, M_LEN)))
        return rc;
    return 1;
}
