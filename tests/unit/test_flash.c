/* tests/unit/test_flash.c - the flash file (flash/nor.c): creation, NOR
 * erase/program rules and conflicts, bounds, the header refusals (each
 * leaves the file as it was), --flash-reset, the lock; the system records
 * (flash/records.c); the DCT (hal-posix/src/dct_hal.c), including its
 * atomicity: the file is copied after every program and erase of a write
 * (and cut inside each of them), and every copy must read as the old or the
 * new table; the --flash options. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "../../flash/nor.h"
#include "../../flash/records.h"
#include "../../hal-posix/include/dct_hal.h"
#include "../../hal-posix/src/hal_sim.h"
#include "../../sim/options.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#define ARGON 12
#define PHOTON 6

static char dir[64], path[128];
static char err[1024];

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof(dir), "/tmp/vdev-test-flash-XXXXXX");
    if (!mkdtemp(dir))
        return -1;
    snprintf(path, sizeof(path), "%s/flash.bin", dir);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    vdev_nor_close();
    vdev_nor_set_conflict_hook(NULL, NULL);
    vdev_nor_set_step_hook(NULL, NULL);
    char cmd[128];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static uint8_t *slurp(const char *p, size_t *len)
{
    FILE *f = fopen(p, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    uint8_t *b = malloc((size_t)n + 1);
    *len = fread(b, 1, (size_t)n, f);
    fclose(f);
    return b;
}

static void spit(const char *p, const uint8_t *b, size_t len)
{
    FILE *f = fopen(p, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(b, 1, len, f), len);
    fclose(f);
}

static void creates_an_erased_file(void **state)
{
    (void)state;
    assert_int_equal(vdev_nor_open(path, ARGON, false, err, sizeof(err)), 0);
    struct vdev_nor_info info;
    assert_int_equal(vdev_nor_info(&info), 0);
    assert_true(info.created);
    assert_int_equal(info.platform_id, ARGON);
    assert_int_equal(info.layout_version, VDEV_FLASH_LAYOUT_VERSION);
    assert_int_equal(info.file_size, VDEV_NOR_HEADER_SIZE + info.data_size);
    uint32_t end = 0;
    for (int r = 0; r < VDEV_FLASH_REGIONS; r++) {
        uint32_t off, size;
        assert_int_equal(vdev_flash_region(r, &off, &size), 0);
        assert_int_equal(off, end); /* back to back, sector-aligned */
        assert_int_equal(off % VDEV_NOR_SECTOR, 0);
        end = off + size;
    }
    assert_int_equal(end, info.data_size);
    uint32_t eo, es;
    vdev_flash_region(VDEV_FLASH_EEPROM, &eo, &es);
    assert_int_equal(es, 8 * VDEV_NOR_SECTOR);
    const uint8_t *m = vdev_nor_map(0, info.data_size);
    assert_non_null(m);
    for (uint32_t i = 0; i < info.data_size; i++)
        if (m[i] != 0xFF)
            fail_msg("byte %u is %02x", i, m[i]);
    vdev_nor_close();
    assert_int_equal(vdev_nor_open(path, ARGON, false, err, sizeof(err)), 0);
    assert_int_equal(vdev_nor_info(&info), 0);
    assert_false(info.created);
    /* the Photon's layout is its own */
    uint32_t a, p;
    vdev_flash_layout(ARGON, VDEV_FLASH_FIRMWARE, NULL, &a);
    vdev_flash_layout(PHOTON, VDEV_FLASH_FIRMWARE, NULL, &p);
    assert_int_equal(a, 256 * 1024);
    assert_int_equal(p, 128 * 1024);
    assert_int_equal(vdev_flash_layout(99, VDEV_FLASH_DCT, NULL, NULL), -EINVAL);
}

static int conflicts;
static uint32_t conflict_at;

static void on_conflict(uint32_t addr, void *ctx)
{
    (void)ctx;
    conflicts++;
    conflict_at = addr;
}

static void nor_rules(void **state)
{
    (void)state;
    assert_int_equal(vdev_nor_open(path, ARGON, false, err, sizeof(err)), 0);
    vdev_nor_set_conflict_hook(on_conflict, NULL);
    conflicts = 0;
    const uint8_t a[4] = { 0xF0, 0x0F, 0x55, 0xFF };
    assert_int_equal(vdev_nor_program(0x5000, a, 4), 0);
    uint8_t b[4];
    assert_int_equal(vdev_nor_read(0x5000, b, 4), 0);
    assert_memory_equal(a, b, 4);
    assert_int_equal(conflicts, 0);
    /* clearing more bits of a programmed cell is fine (a status word) */
    const uint8_t c[4] = { 0x00, 0x0F, 0x55, 0xFF };
    assert_int_equal(vdev_nor_program(0x5000, c, 4), 0);
    assert_int_equal(conflicts, 0);
    /* a 0 cannot become 1 again: old AND new, and one report */
    const uint8_t d[4] = { 0xFF, 0xF0, 0xAA, 0xFF };
    assert_int_equal(vdev_nor_program(0x5000, d, 4), 0);
    assert_int_equal(conflicts, 1);
    assert_int_equal(conflict_at, 0x5000);
    assert_int_equal(vdev_nor_read(0x5000, b, 4), 0);
    const uint8_t and[4] = { 0x00, 0x00, 0x00, 0xFF };
    assert_memory_equal(and, b, 4);
    /* erase: the whole sector back to 0xFF, nothing else */
    assert_int_equal(vdev_nor_program(0x6000, a, 1), 0);
    assert_int_equal(vdev_nor_erase_sector(0x5000), 0);
    assert_int_equal(vdev_nor_read(0x5000, b, 4), 0);
    const uint8_t ff[4] = { 0xFF, 0xFF, 0xFF, 0xFF };
    assert_memory_equal(ff, b, 4);
    assert_int_equal(*vdev_nor_map(0x6000, 1), 0xF0);
    /* what was programmed is in the file at once (a kill loses nothing) */
    size_t len;
    uint8_t *file = slurp(path, &len);
    assert_int_equal(file[VDEV_NOR_HEADER_SIZE + 0x6000], 0xF0);
    free(file);
}

static void nor_bounds(void **state)
{
    (void)state;
    uint8_t b[8] = { 0 };
    assert_int_equal(vdev_nor_read(0, b, 1), -ENODEV);
    assert_int_equal(vdev_nor_program(0, b, 1), -ENODEV);
    assert_int_equal(vdev_nor_erase_sector(0), -ENODEV);
    assert_int_equal(vdev_nor_open(path, ARGON, false, err, sizeof(err)), 0);
    struct vdev_nor_info info;
    vdev_nor_info(&info);
    uint32_t n = info.data_size;
    assert_int_equal(vdev_nor_read(n - 8, b, 8), 0);
    assert_int_equal(vdev_nor_read(n - 7, b, 8), -EFAULT);
    assert_int_equal(vdev_nor_program(n, b, 1), -EFAULT);
    assert_int_equal(vdev_nor_program(0xFFFFFFFFu, b, 2), -EFAULT);
    assert_int_equal(vdev_nor_erase_sector(n), -EFAULT);
    assert_int_equal(vdev_nor_erase_sector(100), -EINVAL);
    assert_null(vdev_nor_map(n - 1, 2));
    assert_non_null(vdev_nor_map(n - 1, 1));
}

/* Make a file, damage it with `how`, and check the refusal: the message
 * names the file, says `what` and --flash-reset, and the file is as it was. */
static void refused(void (*how)(uint8_t *b, size_t *len), int platform, const char *what)
{
    unlink(path);
    assert_int_equal(vdev_nor_open(path, ARGON, false, err, sizeof(err)), 0);
    vdev_nor_close();
    size_t len;
    uint8_t *b = slurp(path, &len);
    how(b, &len);
    spit(path, b, len);
    err[0] = 0;
    assert_true(vdev_nor_open(path, platform, false, err, sizeof(err)) < 0);
    assert_false(vdev_nor_is_open());
    if (!strstr(err, path) || !strstr(err, what) || !strstr(err, "--flash-reset"))
        fail_msg("message: %s", err);
    size_t len2;
    uint8_t *after = slurp(path, &len2);
    assert_int_equal(len, len2);
    assert_memory_equal(b, after, len);
    free(after);
    /* the explicit way out */
    assert_int_equal(vdev_nor_open(path, platform, true, err, sizeof(err)), 0);
    struct vdev_nor_info info;
    vdev_nor_info(&info);
    assert_true(info.created);
    assert_int_equal(info.platform_id, platform);
    vdev_nor_close();
    free(b);
}

static void put_le(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

static void cut_short(uint8_t *b, size_t *len) { (void)b, *len -= VDEV_NOR_SECTOR; }
static void cut_to_nothing(uint8_t *b, size_t *len) { (void)b, *len = 0; }
static void flip_platform(uint8_t *b, size_t *len) { (void)len, b[16] ^= 1; }
static void bad_magic(uint8_t *b, size_t *len) { (void)len, memcpy(b, "NOTFLASH", 8); }
static void version_2(uint8_t *b, size_t *len)
{
    (void)len;
    put_le(b + 12, 2);
    put_le(b + 28, vdev_crc32(0, b, 28));
}
static void nothing(uint8_t *b, size_t *len) { (void)b, (void)len; }

static void refusals(void **state)
{
    (void)state;
    refused(cut_short, ARGON, "truncated");
    refused(cut_to_nothing, ARGON, "empty");
    refused(flip_platform, ARGON, "CRC mismatch");
    refused(bad_magic, ARGON, "not a vdev flash file");
    refused(version_2, ARGON, "layout version 2");
    refused(nothing, PHOTON, "belongs to an argon");
}

static void lock_and_readonly(void **state)
{
    (void)state;
    assert_int_equal(vdev_nor_open(path, ARGON, false, err, sizeof(err)), 0);
    vdev_nor_close();
    int fd = open(path, O_RDWR);
    assert_int_equal(flock(fd, LOCK_EX | LOCK_NB), 0); /* another device holds it */
    assert_true(vdev_nor_open(path, ARGON, false, err, sizeof(err)) < 0);
    assert_non_null(strstr(err, "in use"));
    assert_true(vdev_nor_open(path, ARGON, true, err, sizeof(err)) < 0); /* not even --flash-reset */
    /* `vdev flash show` reads it anyway, any platform, never writes */
    assert_int_equal(vdev_nor_open_readonly(path, err, sizeof(err)), 0);
    uint8_t b = 0;
    assert_int_equal(vdev_nor_program(0, &b, 1), -EROFS);
    assert_int_equal(vdev_nor_erase_sector(0), -EROFS);
    vdev_nor_close();
    close(fd);
}

static void records(void **state)
{
    (void)state;
    assert_int_equal(vdev_nor_open(path, PHOTON, false, err, sizeof(err)), 0);
    int reason;
    uint32_t data;
    assert_int_equal(vdev_note_latest(&reason, &data), -ENOENT);
    for (int i = 0; i < 600; i++) /* past the end of the sector: it is erased and reused */
        assert_int_equal(vdev_note_append(i, (uint32_t)i * 3), 0);
    assert_int_equal(vdev_note_latest(&reason, &data), 0);
    assert_int_equal(reason, 599);
    assert_int_equal(data, 1797);
    /* the retained image */
    struct vdev_retained_info ri;
    assert_int_equal(vdev_retained_image_info(&ri), 0);
    assert_false(ri.present);
    uint8_t id[VDEV_FW_ID_SIZE] = { 1, 2, 3 };
    uint8_t img[100], back[100];
    for (int i = 0; i < 100; i++)
        img[i] = (uint8_t)(i * 7);
    assert_int_equal(vdev_retained_image_save(img, sizeof(img), VDEV_RETAINED_FEATURE, id), 0);
    assert_int_equal(vdev_retained_image_info(&ri), 0);
    assert_true(ri.valid);
    assert_int_equal(ri.size, 100);
    assert_memory_equal(ri.fw_id, id, sizeof(id));
    assert_int_equal(vdev_retained_image_load(back, sizeof(back)), 0);
    assert_memory_equal(img, back, sizeof(img));
    assert_int_equal(vdev_retained_image_load(back, 50), -EINVAL);
    assert_int_equal(vdev_retained_image_save(img, VDEV_RETAINED_CAPACITY + 1, 0, id), -ENOSPC);
    assert_int_equal(vdev_retained_image_invalidate(), 0);
    assert_int_equal(vdev_retained_image_info(&ri), 0);
    assert_true(ri.present);
    assert_false(ri.valid);
    assert_int_equal(vdev_retained_image_load(back, sizeof(back)), -ENOENT);
    /* module info: written once, then left alone */
    struct vdev_module_info mi = { .name = "blink", .size = 1234, .hash = { 9, 9 } }, got;
    assert_int_equal(vdev_module_info_read(&got), -ENOENT);
    assert_int_equal(vdev_module_info_write(&mi), 1);
    assert_int_equal(vdev_module_info_write(&mi), 0);
    assert_int_equal(vdev_module_info_read(&got), 0);
    assert_string_equal(got.name, "blink");
    assert_int_equal(got.size, 1234);
}

static const uint8_t device_id[12] = { 0xe0, 0x0f, 0xce, 0x68, 1, 2, 3, 4, 5, 6, 7, 8 };

static void dct_basics(void **state)
{
    (void)state;
    uint8_t b[16];
    assert_int_equal(dct_read_app_data_copy(0, b, 1), -1); /* no flash */
    assert_int_equal(vdev_nor_open(path, ARGON, false, err, sizeof(err)), 0);
    assert_int_equal(dct_read_app_data_copy(0, b, 1), -1); /* blank */
    assert_int_equal(vdev_dct_prepare(device_id, 7), 1);
    assert_int_equal(vdev_dct_prepare(device_id, 7), 0);
    assert_int_equal(dct_read_app_data_copy(DCT_DEVICE_ID_OFFSET, b, DCT_DEVICE_ID_SIZE), 0);
    assert_memory_equal(b, device_id, sizeof(device_id));
    assert_int_equal(dct_read_app_data_copy(DCT_SETUP_DONE_OFFSET, b, 1), 0);
    assert_int_equal(b[0], 1);
    uint8_t key[DCT_DEVICE_PRIVATE_KEY_SIZE], zero[DCT_DEVICE_PRIVATE_KEY_SIZE] = { 0 };
    assert_int_equal(dct_read_app_data_copy(DCT_DEVICE_PRIVATE_KEY_OFFSET, key, sizeof(key)), 0);
    assert_memory_not_equal(key, zero, sizeof(key));
    assert_int_equal(dct_read_app_data_copy(DCT_APP_DATA_OFFSET, b, 4), 0);
    assert_int_equal(b[0], 0xFF); /* app data: erased */
    assert_int_equal(dct_write_app_data("hello", DCT_APP_DATA_OFFSET + 10, 5), 0);
    assert_int_equal(dct_read_app_data_copy(DCT_APP_DATA_OFFSET + 10, b, 5), 0);
    assert_memory_equal(b, "hello", 5);
    assert_int_equal(dct_write_app_data("x", DCT_SIZE, 1), -1);
    assert_int_equal(dct_read_app_data_copy(DCT_SIZE - 1, b, 2), -1);
    /* survives closing the file */
    vdev_nor_close();
    assert_int_equal(vdev_nor_open(path, ARGON, false, err, sizeof(err)), 0);
    assert_int_equal(dct_read_app_data_copy(DCT_APP_DATA_OFFSET + 10, b, 5), 0);
    assert_memory_equal(b, "hello", 5);
    /* both copies damaged: reported, never reformatted */
    uint32_t off;
    vdev_flash_region(VDEV_FLASH_DCT, &off, NULL);
    const uint8_t junk[4] = { 0 };
    vdev_nor_program(off + 40, junk, 4);
    vdev_nor_program(off + 8192 + 40, junk, 4);
    assert_int_equal(vdev_dct_prepare(device_id, 7), -EIO);
    assert_int_equal(dct_read_app_data_copy(0, b, 1), -1);
}

/* A flipped bit in the newest copy's table: the older copy is used and the
 * newest is marked damaged (a flip in the older copy is not damage: a cut
 * erase leaves that). */
static void dct_damage(void **state)
{
    (void)state;
    assert_int_equal(vdev_nor_open(path, ARGON, false, err, sizeof(err)), 0);
    assert_int_equal(vdev_dct_prepare(device_id, 7), 1);
    assert_int_equal(dct_write_app_data("one", DCT_APP_DATA_OFFSET, 3), 0);
    assert_int_equal(dct_write_app_data("two", DCT_APP_DATA_OFFSET, 3), 0);
    struct vdev_dct_status st;
    assert_int_equal(vdev_dct_status(&st), 0);
    int cur = st.current, older = 1 - cur;
    assert_false(st.damaged[0] || st.damaged[1]);
    uint32_t off;
    vdev_flash_region(VDEV_FLASH_DCT, &off, NULL);
    const uint8_t zero = 0;
    /* the older copy ("one"): no damage reported, "two" stays current */
    assert_int_equal(vdev_nor_program(off + (uint32_t)older * 8192 + 32 + DCT_APP_DATA_OFFSET + 100, &zero, 1), 0);
    assert_int_equal(vdev_dct_status(&st), 0);
    assert_int_equal(st.current, cur);
    assert_false(st.damaged[0] || st.damaged[1]);
    vdev_nor_close();
    /* the newest copy: a rollback to the older one, reported */
    assert_int_equal(vdev_nor_open(path, ARGON, true, err, sizeof(err)), 0);
    assert_int_equal(vdev_dct_prepare(device_id, 7), 1);
    assert_int_equal(dct_write_app_data("one", DCT_APP_DATA_OFFSET, 3), 0);
    assert_int_equal(dct_write_app_data("two", DCT_APP_DATA_OFFSET, 3), 0);
    assert_int_equal(vdev_dct_status(&st), 0);
    cur = st.current;
    older = 1 - cur;
    assert_int_equal(vdev_nor_program(off + (uint32_t)cur * 8192 + 32 + DCT_APP_DATA_OFFSET + 100, &zero, 1), 0);
    assert_int_equal(vdev_dct_status(&st), 0);
    assert_int_equal(st.current, older);
    assert_true(st.damaged[cur]);
    assert_false(st.damaged[older]);
    uint8_t b[3];
    assert_int_equal(dct_read_app_data_copy(DCT_APP_DATA_OFFSET, b, 3), 0);
    assert_memory_equal(b, "one", 3);
    /* the next write replaces the damaged copy */
    assert_int_equal(dct_write_app_data("three", DCT_APP_DATA_OFFSET, 5), 0);
    assert_int_equal(vdev_dct_status(&st), 0);
    assert_int_equal(st.current, cur);
    assert_false(st.damaged[0] || st.damaged[1]);
}

/* ---- atomicity ---- */

#define MAX_SNAPS 16
static uint8_t *snaps[MAX_SNAPS];
static size_t snap_len;
static int nsnaps;

static void snapshot(void *ctx)
{
    (void)ctx;
    assert_true(nsnaps < MAX_SNAPS);
    snaps[nsnaps++] = slurp(path, &snap_len);
}

/* The DCT a file image holds (0), or -1 when it reads nothing. */
static int dct_of(const uint8_t *image, uint8_t *table)
{
    char p[160];
    snprintf(p, sizeof(p), "%s/kill.bin", dir);
    spit(p, image, snap_len);
    int rc = vdev_nor_open(p, ARGON, false, err, sizeof(err));
    assert_int_equal(rc, 0);
    rc = dct_read_app_data_copy(0, table, DCT_SIZE);
    struct vdev_dct_status st;
    assert_int_equal(vdev_dct_status(&st), 0);
    assert_false(st.damaged[0] || st.damaged[1]); /* a kill is never taken for damage */
    vdev_nor_close();
    return rc;
}

static void check_old_or_new(const uint8_t *image, const uint8_t *old, const uint8_t *new_, int *olds, int *news)
{
    uint8_t t[DCT_SIZE];
    assert_int_equal(dct_of(image, t), 0);
    if (!memcmp(t, old, DCT_SIZE))
        (*olds)++;
    else if (!memcmp(t, new_, DCT_SIZE))
        (*news)++;
    else
        fail_msg("a kill left a DCT that is neither the old nor the new one");
}

static void dct_atomic(void **state)
{
    (void)state;
    assert_int_equal(vdev_nor_open(path, ARGON, false, err, sizeof(err)), 0);
    assert_int_equal(vdev_dct_prepare(device_id, 1), 1);
    for (int round = 0; round < 3; round++) { /* both copies take their turn */
        uint8_t old[DCT_SIZE], new_[DCT_SIZE];
        assert_int_equal(dct_read_app_data_copy(0, old, DCT_SIZE), 0);
        memcpy(new_, old, DCT_SIZE);
        char text[32];
        snprintf(text, sizeof(text), "round %d of the test", round);
        memcpy(new_ + DCT_APP_DATA_OFFSET, text, strlen(text));
        size_t len;
        uint8_t *before = slurp(path, &len);
        snap_len = len;
        nsnaps = 0;
        vdev_nor_set_step_hook(snapshot, NULL);
        assert_int_equal(dct_write_app_data(text, DCT_APP_DATA_OFFSET, (uint32_t)strlen(text)), 0);
        vdev_nor_set_step_hook(NULL, NULL);
        vdev_nor_close();
        assert_true(nsnaps >= 3); /* erase, data, header, commit */
        int olds = 0, news = 0;
        const uint8_t *prev = before;
        for (int s = 0; s < nsnaps; s++) {
            check_old_or_new(snaps[s], old, new_, &olds, &news);
            /* a kill inside the step: only some of its bytes changed */
            uint8_t *mid = malloc(snap_len);
            size_t changed[3] = { 0 }, first = SIZE_MAX, last = 0;
            for (size_t i = 0; i < snap_len; i++)
                if (prev[i] != snaps[s][i]) {
                    first = first == SIZE_MAX ? i : first;
                    last = i;
                }
            if (first != SIZE_MAX) {
                changed[0] = first + 1;
                changed[1] = first + (last - first) / 2;
                changed[2] = last;
                for (int k = 0; k < 3; k++) {
                    memcpy(mid, prev, snap_len);
                    memcpy(mid + first, snaps[s] + first, changed[k] - first);
                    check_old_or_new(mid, old, new_, &olds, &news);
                }
            }
            free(mid);
            prev = snaps[s];
        }
        check_old_or_new(snaps[nsnaps - 1], old, new_, &olds, &news);
        assert_true(olds > 0);
        assert_true(news > 0);
        uint8_t last_table[DCT_SIZE];
        dct_of(snaps[nsnaps - 1], last_table);
        assert_memory_equal(last_table, new_, DCT_SIZE); /* only the last step makes it current */
        for (int s = 0; s < nsnaps - 1; s++) {
            uint8_t t[DCT_SIZE];
            dct_of(snaps[s], t);
            assert_memory_equal(t, old, DCT_SIZE);
        }
        for (int s = 0; s < nsnaps; s++)
            free(snaps[s]);
        free(before);
        assert_int_equal(vdev_nor_open(path, ARGON, false, err, sizeof(err)), 0);
    }
}

static void options(void **state)
{
    (void)state;
    struct vdev_run_opts o;
    vdev_opts_init(&o);
    char *argv[] = { "fw", "--flash", "dev.bin", "--flash-reset", NULL };
    assert_int_equal(vdev_opts_parse(&o, 4, argv, 1, NULL, err, sizeof(err)), 0);
    assert_string_equal(o.flash, "dev.bin");
    assert_true(o.flash_reset);
    char store[512], *out[16];
    int n = vdev_opts_to_argv(&o, out, 16, store, sizeof(store));
    bool f = false, r = false;
    for (int i = 0; i < n; i++) {
        f |= !strcmp(out[i], "--flash=dev.bin");
        r |= !strcmp(out[i], "--flash-reset");
    }
    assert_true(f && r);
    vdev_opts_init(&o);
    char *bad[] = { "fw", "--flash=", NULL };
    assert_int_not_equal(vdev_opts_parse(&o, 2, bad, 1, NULL, err, sizeof(err)), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(creates_an_erased_file, setup, teardown),
        cmocka_unit_test_setup_teardown(nor_rules, setup, teardown),
        cmocka_unit_test_setup_teardown(nor_bounds, setup, teardown),
        cmocka_unit_test_setup_teardown(refusals, setup, teardown),
        cmocka_unit_test_setup_teardown(lock_and_readonly, setup, teardown),
        cmocka_unit_test_setup_teardown(records, setup, teardown),
        cmocka_unit_test_setup_teardown(dct_basics, setup, teardown),
        cmocka_unit_test_setup_teardown(dct_damage, setup, teardown),
        cmocka_unit_test_setup_teardown(dct_atomic, setup, teardown),
        cmocka_unit_test(options),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
