/* flash/nor.c - owns the device's flash file: its header (magic, layout
 * version, platform, sizes, CRC), the per-platform region layout, the
 * shared mapping and the NOR rules (erase a sector to 0xFF, programming
 * only clears bits; a program that needs a 0 to become 1 stores old AND
 * new and is reported through the conflict hook). One flash is open per
 * process. Refusals are one sentence naming the file, what is wrong and
 * --flash-reset. Program and erase are plain memory operations on the
 * mapping, so they are async-signal-safe (a crash handler may save). */
#define _GNU_SOURCE
#include "nor.h"

#include "../sim/platform.h"

#include <errno.h>
#include <pthread.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

/* header fields (little-endian) */
#define H_MAGIC 0
#define H_HEADER_SIZE 8
#define H_VERSION 12
#define H_PLATFORM 16
#define H_DATA_SIZE 20
#define H_SECTOR 24
#define H_CRC 28         /* CRC-32 of bytes 0..27 */
#define H_FIELDS 32

#define KB 1024u

struct layout {
    int platform_id;
    uint32_t size[VDEV_FLASH_REGIONS]; /* regions in order, back to back */
};

/* vdev's own layout (docs/flash.md). Gen 3: DCT 2 x 8 KB; Photon: 2 x 16 KB
 * (the F205's DCT sectors). EEPROM 2 banks x 4 sectors everywhere. The
 * retained region: the image sector and the boot-notes sector. */
static const struct layout layouts[] = {
    { 12, { 16 * KB, 32 * KB, 8 * KB, 256 * KB, 256 * KB } }, /* argon */
    { 13, { 16 * KB, 32 * KB, 8 * KB, 256 * KB, 256 * KB } }, /* boron */
    { 6, { 32 * KB, 32 * KB, 8 * KB, 128 * KB, 128 * KB } },  /* photon */
};

static struct {
    int fd;
    uint8_t *map;        /* the whole file */
    size_t map_len;
    uint8_t *data;       /* map + header size */
    uint32_t data_size;
    const struct layout *layout;
    struct vdev_nor_info info;
    char path[4096];
    vdev_nor_conflict_fn conflict;
    void *conflict_ctx;
    vdev_nor_step_fn step;
    void *step_ctx;
} N = { .fd = -1 };

/* CRC-32 (IEEE, reflected), a byte at a time through a 256-entry table
 * built on first use (a few instructions per byte: EEPROM puts checksum
 * every record). */
static uint32_t crc_table[256];

static void crc_init(void)
{
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++)
            c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
        crc_table[i] = c;
    }
}

uint32_t vdev_crc32(uint32_t crc, const void *data, size_t len)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, crc_init);
    const uint8_t *p = data;
    crc = ~crc;
    for (size_t i = 0; i < len; i++)
        crc = (crc >> 8) ^ crc_table[(crc ^ p[i]) & 0xFFu];
    return ~crc;
}

static uint32_t get32(const uint8_t *p) { return p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24; }

static void put32(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

static const struct layout *layout_of(int platform_id)
{
    for (size_t i = 0; i < sizeof(layouts) / sizeof(layouts[0]); i++)
        if (layouts[i].platform_id == platform_id)
            return &layouts[i];
    return NULL;
}

static uint32_t layout_total(const struct layout *l)
{
    uint32_t t = 0;
    for (int r = 0; r < VDEV_FLASH_REGIONS; r++)
        t += l->size[r];
    return t;
}

int vdev_flash_layout(int platform_id, enum vdev_flash_region r, uint32_t *offset, uint32_t *size)
{
    const struct layout *l = layout_of(platform_id);
    if (!l || (unsigned)r >= VDEV_FLASH_REGIONS)
        return -EINVAL;
    uint32_t off = 0;
    for (unsigned i = 0; i < (unsigned)r; i++)
        off += l->size[i];
    if (offset)
        *offset = off;
    if (size)
        *size = l->size[r];
    return 0;
}

const char *vdev_flash_region_name(enum vdev_flash_region r)
{
    static const char *const names[] = { "dct", "eeprom", "retained", "firmware", "ota" };
    return (unsigned)r < VDEV_FLASH_REGIONS ? names[r] : "?";
}

static const char *platform_name(int id)
{
    const struct vdev_platform *p = vdev_platform_by_id(id);
    return p ? p->name : "unknown platform";
}

static void make_header(uint8_t *h, const struct layout *l)
{
    memset(h, 0xFF, VDEV_NOR_HEADER_SIZE);
    memcpy(h + H_MAGIC, VDEV_FLASH_MAGIC, 8);
    put32(h + H_HEADER_SIZE, VDEV_NOR_HEADER_SIZE);
    put32(h + H_VERSION, VDEV_FLASH_LAYOUT_VERSION);
    put32(h + H_PLATFORM, (uint32_t)l->platform_id);
    put32(h + H_DATA_SIZE, layout_total(l));
    put32(h + H_SECTOR, VDEV_NOR_SECTOR);
    put32(h + H_CRC, vdev_crc32(0, h, H_CRC));
}

#define REFUSE(...)                                    \
    do {                                               \
        snprintf(err, errlen, __VA_ARGS__);            \
        return -EINVAL;                                \
    } while (0)
#define AFRESH "refusing to use it; --flash-reset starts afresh (erasing it)"

/* The header is sound and describes a file at least as long as it says.
 * want_platform < 0: any known platform. */
static int check_header(const char *path, const uint8_t *h, uint64_t file_size, int want_platform, char *err,
                        size_t errlen)
{
    if (file_size == 0)
        REFUSE("flash file %s is empty (0 bytes): " AFRESH, path);
    if (file_size < 8 || memcmp(h + H_MAGIC, VDEV_FLASH_MAGIC, 8))
        REFUSE("flash file %s is not a vdev flash file (its header has no vdev magic): " AFRESH, path);
    if (file_size < H_FIELDS)
        REFUSE("flash file %s is truncated (%llu bytes, shorter than its header): " AFRESH, path,
               (unsigned long long)file_size);
    if (vdev_crc32(0, h, H_CRC) != get32(h + H_CRC))
        REFUSE("flash file %s has a corrupt header (CRC mismatch): " AFRESH, path);
    uint32_t version = get32(h + H_VERSION);
    if (version != VDEV_FLASH_LAYOUT_VERSION)
        REFUSE("flash file %s has layout version %u, and this vdev reads version %u: " AFRESH, path, version,
               VDEV_FLASH_LAYOUT_VERSION);
    int platform = (int)get32(h + H_PLATFORM);
    const struct layout *l = layout_of(platform);
    if (want_platform >= 0 && platform != want_platform)
        REFUSE("flash file %s belongs to %s %s (platform %d), not to %s %s: " AFRESH, path,
               platform_name(platform)[0] == 'a' ? "an" : "a", platform_name(platform), platform,
               platform_name(want_platform)[0] == 'a' ? "an" : "a", platform_name(want_platform));
    if (!l)
        REFUSE("flash file %s is for platform %d, which vdev does not know: " AFRESH, path, platform);
    if (get32(h + H_HEADER_SIZE) != VDEV_NOR_HEADER_SIZE || get32(h + H_SECTOR) != VDEV_NOR_SECTOR ||
        get32(h + H_DATA_SIZE) != layout_total(l))
        REFUSE("flash file %s has a header with sizes that do not match its layout: " AFRESH, path);
    uint64_t want = (uint64_t)VDEV_NOR_HEADER_SIZE + get32(h + H_DATA_SIZE);
    if (file_size < want)
        REFUSE("flash file %s is truncated (%llu bytes; its header says %llu): " AFRESH, path,
               (unsigned long long)file_size, (unsigned long long)want);
    return 0;
}

/* A new file (header, then 0xFF everywhere), written aside and renamed
 * over the path, so a kill leaves no half-made file behind. */
static int create_file(const char *path, const struct layout *l, char *err, size_t errlen)
{
    char tmp[4200];
    snprintf(tmp, sizeof(tmp), "%s.new-%d", path, (int)getpid());
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
        int e = errno;
        snprintf(err, errlen, "cannot create flash file %s: %s", path, strerror(e));
        return -e;
    }
    static uint8_t block[VDEV_NOR_HEADER_SIZE];
    make_header(block, l);
    int rc = write(fd, block, sizeof(block)) == (ssize_t)sizeof(block) ? 0 : -EIO;
    memset(block, 0xFF, sizeof(block));
    for (uint32_t left = layout_total(l); !rc && left; left -= VDEV_NOR_SECTOR)
        rc = write(fd, block, VDEV_NOR_SECTOR) == (ssize_t)VDEV_NOR_SECTOR ? 0 : -EIO;
    if (close(fd) && !rc)
        rc = -EIO;
    if (!rc && rename(tmp, path))
        rc = -errno;
    if (rc) {
        unlink(tmp);
        snprintf(err, errlen, "cannot create flash file %s: %s", path, strerror(-rc));
    }
    return rc;
}

static int map_file(const char *path, int fd, bool readonly, int want_platform, char *err, size_t errlen)
{
    struct stat st;
    if (fstat(fd, &st)) {
        int e = errno;
        snprintf(err, errlen, "cannot read flash file %s: %s", path, strerror(e));
        return -e;
    }
    if (!S_ISREG(st.st_mode))
        REFUSE("flash file %s is not a regular file: refusing to use it", path);
    uint8_t h[H_FIELDS];
    memset(h, 0, sizeof(h));
    ssize_t got = pread(fd, h, sizeof(h), 0);
    if (got < 0) {
        int e = errno;
        snprintf(err, errlen, "cannot read flash file %s: %s", path, strerror(e));
        return -e;
    }
    int rc = check_header(path, h, (uint64_t)st.st_size, want_platform, err, errlen);
    if (rc)
        return rc;
    size_t len = VDEV_NOR_HEADER_SIZE + get32(h + H_DATA_SIZE);
    void *m = mmap(NULL, len, readonly ? PROT_READ : PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (m == MAP_FAILED) {
        int e = errno;
        snprintf(err, errlen, "cannot map flash file %s: %s", path, strerror(e));
        return -e;
    }
    N.fd = fd;
    N.map = m;
    N.map_len = len;
    N.data = N.map + VDEV_NOR_HEADER_SIZE;
    N.data_size = get32(h + H_DATA_SIZE);
    N.layout = layout_of((int)get32(h + H_PLATFORM));
    snprintf(N.path, sizeof(N.path), "%s", path);
    N.info = (struct vdev_nor_info){ .layout_version = get32(h + H_VERSION),
                                     .platform_id = get32(h + H_PLATFORM),
                                     .header_size = VDEV_NOR_HEADER_SIZE,
                                     .data_size = N.data_size,
                                     .header_crc = get32(h + H_CRC),
                                     .file_size = (uint64_t)st.st_size,
                                     .readonly = readonly };
    return 0;
}

int vdev_nor_open(const char *path, int platform_id, bool reset, char *err, size_t errlen)
{
    vdev_nor_close();
    const struct layout *l = layout_of(platform_id);
    if (!l)
        REFUSE("vdev has no flash layout for platform %d", platform_id);
    bool created = false;
    int fd = open(path, O_RDWR | O_CLOEXEC);
    if (fd < 0 && errno != ENOENT) {
        int e = errno;
        snprintf(err, errlen, "cannot open flash file %s: %s", path, strerror(e));
        return -e;
    }
    if (fd >= 0 && flock(fd, LOCK_EX | LOCK_NB)) {
        close(fd);
        REFUSE("flash file %s is in use by another running device", path);
    }
    if (fd < 0 || reset) {
        int rc = create_file(path, l, err, errlen);
        if (fd >= 0)
            close(fd); /* the old inode (and its lock) */
        if (rc)
            return rc;
        created = true;
        fd = open(path, O_RDWR | O_CLOEXEC);
        if (fd < 0 || flock(fd, LOCK_EX | LOCK_NB)) {
            int e = fd < 0 ? errno : EBUSY;
            if (fd >= 0)
                close(fd);
            snprintf(err, errlen, "cannot open flash file %s: %s", path, strerror(e));
            return -e;
        }
    }
    int rc = map_file(path, fd, false, platform_id, err, errlen);
    if (rc) {
        close(fd);
        return rc;
    }
    N.info.created = created;
    return 0;
}

int vdev_nor_open_readonly(const char *path, char *err, size_t errlen)
{
    vdev_nor_close();
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        int e = errno;
        snprintf(err, errlen, "cannot open flash file %s: %s", path, strerror(e));
        return -e;
    }
    int rc = map_file(path, fd, true, -1, err, errlen);
    if (rc)
        close(fd);
    return rc;
}

void vdev_nor_close(void)
{
    if (N.map)
        munmap(N.map, N.map_len);
    if (N.fd >= 0)
        close(N.fd);
    N.fd = -1;
    N.map = N.data = NULL;
    N.map_len = 0;
    N.data_size = 0;
    N.layout = NULL;
    memset(&N.info, 0, sizeof(N.info));
    N.path[0] = 0;
}

bool vdev_nor_is_open(void) { return N.map != NULL; }

const char *vdev_nor_path(void) { return N.map ? N.path : NULL; }

int vdev_nor_info(struct vdev_nor_info *out)
{
    if (!N.map)
        return -ENODEV;
    *out = N.info;
    return 0;
}

int vdev_flash_region(enum vdev_flash_region r, uint32_t *offset, uint32_t *size)
{
    if (!N.layout)
        return -ENODEV;
    return vdev_flash_layout(N.layout->platform_id, r, offset, size);
}

static int in_range(uint32_t addr, size_t len)
{
    if (!N.map)
        return -ENODEV;
    if (addr > N.data_size || len > N.data_size - addr)
        return -EFAULT;
    return 0;
}

const uint8_t *vdev_nor_map(uint32_t addr, size_t len) { return in_range(addr, len) ? NULL : N.data + addr; }

int vdev_nor_read(uint32_t addr, void *buf, size_t len)
{
    int rc = in_range(addr, len);
    if (!rc)
        memcpy(buf, N.data + addr, len);
    return rc;
}

int vdev_nor_program(uint32_t addr, const void *data, size_t len)
{
    int rc = in_range(addr, len);
    if (rc)
        return rc;
    if (N.info.readonly)
        return -EROFS;
    const uint8_t *src = data;
    uint8_t *dst = N.data + addr;
    bool conflict = false;
    uint32_t where = 0;
    for (size_t i = 0; i < len; i++) {
        if (!conflict && (src[i] & (uint8_t)~dst[i])) {
            conflict = true;
            where = addr + (uint32_t)i;
        }
        dst[i] &= src[i];
    }
    if (conflict && N.conflict)
        N.conflict(where, N.conflict_ctx);
    if (N.step)
        N.step(N.step_ctx);
    return 0;
}

int vdev_nor_erase_sector(uint32_t addr)
{
    if (addr % VDEV_NOR_SECTOR)
        return N.map ? -EINVAL : -ENODEV;
    int rc = in_range(addr, VDEV_NOR_SECTOR);
    if (rc)
        return rc;
    if (N.info.readonly)
        return -EROFS;
    memset(N.data + addr, 0xFF, VDEV_NOR_SECTOR);
    if (N.step)
        N.step(N.step_ctx);
    return 0;
}

void vdev_nor_set_conflict_hook(vdev_nor_conflict_fn fn, void *ctx)
{
    N.conflict = fn;
    N.conflict_ctx = ctx;
}

void vdev_nor_set_step_hook(vdev_nor_step_fn fn, void *ctx)
{
    N.step = fn;
    N.step_ctx = ctx;
}
