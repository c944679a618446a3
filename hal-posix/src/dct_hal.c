/* hal-posix/src/dct_hal.c - owns the DCT (Device Configuration Table) in
 * the flash file's DCT region: two copies, each a header (magic, sequence
 * number, size, CRC of the data), the 2 KB table and a commit word. A write
 * rebuilds the table in RAM, erases the older copy, programs data, header
 * and commit word last: a kill at any point leaves the old or the new table
 * current. Also the first fill of a blank DCT (device ID, simulated keys,
 * setup done). Needs only nor.h: `vdev flash show` links it too. */
#include "../include/dct_hal.h"

#include "../../flash/nor.h"
#include "hal_sim.h"

#include <errno.h>
#include <string.h>

#define DCT_MAGIC 0x31544344u     /* "DCT1" */
#define DCT_COMMIT 0x54494D43u    /* "CMIT" */
#define C_MAGIC 0
#define C_SEQ 4
#define C_SIZE 8
#define C_CRC 12
#define C_DATA 32
#define C_COMMIT (C_DATA + DCT_SIZE)
#define C_LEN (C_COMMIT + 4)

static uint32_t get32(const uint8_t *p) { return p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24; }

static void put32(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

/* Where copy i starts, and the copy size. */
static int copy_base(int i, uint32_t *base, uint32_t *copy_size)
{
    uint32_t off, size;
    int rc = vdev_flash_region(VDEV_FLASH_DCT, &off, &size);
    if (rc)
        return rc;
    uint32_t half = size / 2 / VDEV_NOR_SECTOR * VDEV_NOR_SECTOR;
    if (half < C_LEN)
        return -ENOSPC;
    *base = off + (uint32_t)i * half;
    if (copy_size)
        *copy_size = half;
    return 0;
}

/* Whole: header, commit word and CRC right. *committed: all but the CRC
 * (then *seq is set too). */
static bool copy_valid(int i, uint32_t *seq, bool *committed)
{
    uint32_t base;
    *committed = false;
    if (copy_base(i, &base, NULL))
        return false;
    const uint8_t *c = vdev_nor_map(base, C_LEN);
    if (!c || get32(c + C_MAGIC) != DCT_MAGIC || get32(c + C_SIZE) != DCT_SIZE || get32(c + C_COMMIT) != DCT_COMMIT)
        return false;
    *committed = true;
    *seq = get32(c + C_SEQ);
    return vdev_crc32(0, c + C_DATA, DCT_SIZE) == get32(c + C_CRC);
}

int vdev_dct_status(struct vdev_dct_status *st)
{
    memset(st, 0, sizeof(*st));
    st->current = -1;
    if (!vdev_nor_is_open())
        return -ENODEV;
    bool committed[2];
    for (int i = 0; i < 2; i++)
        st->valid[i] = copy_valid(i, &st->seq[i], &committed[i]);
    if (st->valid[0] && st->valid[1]) /* the newer one; sequence numbers may wrap */
        st->current = (int32_t)(st->seq[1] - st->seq[0]) > 0 ? 1 : 0;
    else if (st->valid[0] || st->valid[1])
        st->current = st->valid[0] ? 0 : 1;
    /* A cut write never sets the commit word, and a cut erase only hits the
     * older copy: a committed copy that would be the next one (sequence + 1)
     * but whose table fails its CRC is damage. */
    if (st->current >= 0) {
        int other = 1 - st->current;
        st->damaged[other] = committed[other] && !st->valid[other] && st->seq[other] == st->seq[st->current] + 1;
    }
    return 0;
}

static const uint8_t *current_table(int *which, uint32_t *seq)
{
    struct vdev_dct_status st;
    if (vdev_dct_status(&st) || st.current < 0)
        return NULL;
    uint32_t base;
    if (copy_base(st.current, &base, NULL))
        return NULL;
    if (which)
        *which = st.current;
    if (seq)
        *seq = st.seq[st.current];
    return vdev_nor_map(base + C_DATA, DCT_SIZE);
}

/* Write a whole table into the copy that is not current. */
static int commit_table(const uint8_t *table)
{
    int cur = -1;
    uint32_t seq = 0;
    const uint8_t *old = current_table(&cur, &seq);
    if (old && !memcmp(old, table, DCT_SIZE))
        return 0; /* nothing changes: no flash wear */
    int target = cur == 0 ? 1 : 0;
    uint32_t base;
    int rc = copy_base(target, &base, NULL);
    if (rc)
        return rc;
    for (uint32_t s = 0; s < C_LEN; s += VDEV_NOR_SECTOR)
        if ((rc = vdev_nor_erase_sector(base + s)))
            return rc;
    if ((rc = vdev_nor_program(base + C_DATA, table, DCT_SIZE)))
        return rc;
    _Static_assert(sizeof(struct dct_wifi_credentials) == 104, "the DCT layout's credential slot");
    uint8_t h[16];
    put32(h + C_MAGIC, DCT_MAGIC);
    put32(h + C_SEQ, old ? seq + 1 : 1);
    put32(h + C_SIZE, DCT_SIZE);
    put32(h + C_CRC, vdev_crc32(0, table, DCT_SIZE));
    if ((rc = vdev_nor_program(base, h, sizeof(h))))
        return rc;
    uint8_t commit[4];
    put32(commit, DCT_COMMIT);
    return vdev_nor_program(base + C_COMMIT, commit, sizeof(commit));
}

int dct_read_app_data_copy(uint32_t offset, void *ptr, size_t size)
{
    if (offset > DCT_SIZE || size > DCT_SIZE - offset || (!ptr && size))
        return -1;
    const uint8_t *t = current_table(NULL, NULL);
    if (!t)
        return -1;
    memcpy(ptr, t + offset, size);
    return 0;
}

int dct_write_app_data(const void *data, uint32_t offset, uint32_t size)
{
    if (offset > DCT_SIZE || size > DCT_SIZE - offset || (!data && size))
        return -1;
    const uint8_t *t = current_table(NULL, NULL);
    if (!t)
        return -1;
    uint8_t table[DCT_SIZE];
    memcpy(table, t, DCT_SIZE);
    memcpy(table + offset, data, size);
    return commit_table(table) ? -1 : 0;
}

static uint64_t mix(uint64_t *s)
{
    uint64_t z = (*s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static void key_bytes(uint8_t *out, size_t n, uint64_t *state)
{
    for (size_t i = 0; i < n; i += 8) {
        uint64_t v = mix(state);
        for (size_t k = 0; k < 8 && i + k < n; k++)
            out[i + k] = (uint8_t)(v >> (8 * k));
    }
}

int vdev_dct_prepare(const uint8_t *device_id, uint64_t seed)
{
    struct vdev_dct_status st;
    int rc = vdev_dct_status(&st);
    if (rc)
        return rc;
    if (st.current >= 0)
        return 0;
    uint32_t off, size;
    vdev_flash_region(VDEV_FLASH_DCT, &off, &size);
    const uint8_t *all = vdev_nor_map(off, size);
    for (uint32_t i = 0; all && i < size; i++)
        if (all[i] != 0xFF)
            return -EIO; /* written before, and no copy is whole: damaged */
    uint8_t t[DCT_SIZE];
    memset(t, 0xFF, sizeof(t));
    memcpy(t + DCT_DEVICE_ID_OFFSET, device_id, DCT_DEVICE_ID_SIZE);
    t[DCT_SETUP_DONE_OFFSET] = 0x01;
    memset(t + DCT_CLAIM_CODE_OFFSET, 0, DCT_CLAIM_CODE_SIZE);
    uint64_t state = seed;
    for (int i = 0; i < DCT_DEVICE_ID_SIZE; i++)
        state = (state ^ device_id[i]) * 0x100000001b3ull;
    key_bytes(t + DCT_DEVICE_PRIVATE_KEY_OFFSET, DCT_DEVICE_PRIVATE_KEY_SIZE, &state);
    key_bytes(t + DCT_SERVER_PUBLIC_KEY_OFFSET, DCT_SERVER_PUBLIC_KEY_SIZE, &state);
    memset(t + DCT_WIFI_CREDENTIALS_OFFSET, 0, DCT_WIFI_CREDENTIALS_COUNT * sizeof(struct dct_wifi_credentials));
    rc = commit_table(t);
    return rc ? rc : 1;
}
