/* hal-posix/src/eeprom_hal.c - the emulated EEPROM. Owns the EEPROM region
 * of the flash (two banks of sectors), its log-of-records format, page
 * swapping, the RAM image of the current values and the HAL_EEPROM_* calls.
 *
 * The active bank holds a header and a log of records; each record is
 * (index, length, CRC, data) and then a commit word programmed last, so a
 * put is all-or-nothing. Reads come from the RAM image, rebuilt at start-up
 * by replaying the active bank. When a record does not fit, the current
 * image and the pending record are written into the other bank, which then
 * becomes the active one. Every flash state a kill can leave is resolved at
 * start-up. Format: docs/flash.md, "EEPROM emulation". */
#include "eeprom_hal.h"

#include "../../flash/nor.h"
#include "../../sim/events.h"
#include "../../sim/platform.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#define EE_MAX_SIZE 4096u
#define EE_MAGIC 0x31454556u /* "VEE1" */
#define EE_HDR_SIZE 32u      /* bank header; records start after it */
#define EE_REC_HEAD 8u       /* index u16, length u16, crc u32 */
#define EE_REC_TAIL 4u       /* the commit word */
#define EE_MERGE_GAP 16u     /* image runs closer than this are one record */
#define EE_PHOTON_ID 6       /* Gen 2: the old bank's erase waits (pending erase) */

/* Offsets in the bank header. Both marks are 00000000 when set, FFFFFFFF
 * when not: ERASED (neither) -> RECEIVING -> ACTIVE (both). */
enum { H_MAGIC = 0, H_SEQ = 4, H_SIZE = 8, H_CRC = 12, H_RECEIVING = 16, H_ACTIVE = 20 };

enum mark { MARK_CLEAR, MARK_SET, MARK_TORN, MARK_BAD };
enum bank_state { BANK_ERASED, BANK_ACTIVE, BANK_DISCARD, BANK_GARBAGE };
enum { W_READ = 1, W_WRITE = 2, W_GET = 4, W_PUT = 8 };

static struct {
    bool ready;          /* initialised since start-up */
    bool flash;          /* backed by the flash; else the values live in RAM only */
    bool failed;         /* a flash error was reported */
    bool defer_erase;
    uint32_t size;       /* EEPROM bytes */
    uint32_t base;       /* the region's offset in the flash data area */
    uint32_t bank_size;
    int active;          /* the active bank, or -1 before the first write */
    uint32_t seq;        /* its sequence number */
    uint32_t pos;        /* where its next record goes */
    int pending_erase;   /* a bank waiting to be erased (Photon), or -1 */
    unsigned warned;     /* W_* already reported */
    uint8_t ram[EE_MAX_SIZE];
    uint8_t buf[EE_REC_HEAD + EE_MAX_SIZE + 4];
} E;

/* ---- helpers */

static uint32_t get32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint32_t get16(const uint8_t *p) { return (uint32_t)p[0] | (uint32_t)p[1] << 8; }

static void put32(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

static void put16(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
}

static bool all_ff(const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] != 0xFF)
            return false;
    return true;
}

static uint32_t rec_size(uint32_t len) { return EE_REC_HEAD + ((len + 3u) & ~3u) + EE_REC_TAIL; }
static uint32_t bank_addr(int bank) { return E.base + (uint32_t)bank * E.bank_size; }

/* A mark word: set (all 00), clear (all FF), torn (a program of it was cut
 * short: some bytes 00, the others FF) or bad (anything else). */
static enum mark mark_of(const uint8_t *p)
{
    unsigned zero = 0;
    for (int i = 0; i < 4; i++) {
        if (p[i] != 0x00 && p[i] != 0xFF)
            return MARK_BAD;
        zero += p[i] == 0x00;
    }
    return zero == 4 ? MARK_SET : zero == 0 ? MARK_CLEAR : MARK_TORN;
}

/* `flash` events: op eeprom-garbage (bank, message) or eeprom-error. Damage
 * is also told on stderr: the device goes on, but its EEPROM lost values. */
static void flash_event(const char *op, int bank, const char *message)
{
    vdev_event("flash", "{s:s,s:i,s:s}", "op", op, "bank", bank, "message", message);
    const char *path = vdev_nor_path();
    if (path && !strcmp(op, "eeprom-garbage"))
        fprintf(stderr, "vdev: flash file %s: damaged EEPROM (bank %d): %s\n", path, bank, message);
}

static void flash_failed(int rc)
{
    if (E.failed)
        return;
    E.failed = true;
    vdev_event("flash", "{s:s,s:i,s:s}", "op", "eeprom-error", "errno", -rc, "message",
               "the flash refused a write; EEPROM values are kept in RAM only until the next start-up");
}

/* ---- erasing */

static int erase_bank(int bank)
{
    /* last sector first: the header goes last, so a bank whose header reads
     * erased is erased throughout */
    for (uint32_t s = E.bank_size / VDEV_NOR_SECTOR; s-- > 0;) {
        int rc = vdev_nor_erase_sector(bank_addr(bank) + s * VDEV_NOR_SECTOR);
        if (rc)
            return rc;
    }
    if (E.pending_erase == bank)
        E.pending_erase = -1;
    return 0;
}

static int make_blank(int bank)
{
    const uint8_t *p = vdev_nor_map(bank_addr(bank), E.bank_size);
    if (p && all_ff(p, E.bank_size)) {
        if (E.pending_erase == bank)
            E.pending_erase = -1;
        return 0;
    }
    return erase_bank(bank);
}

/* ---- writing */

static int program_mark(uint32_t addr)
{
    static const uint8_t set[4] = { 0, 0, 0, 0 };
    return vdev_nor_program(addr, set, sizeof(set));
}

/* One record at addr: header and data in one program, then the commit. */
static int write_record(uint32_t addr, uint32_t index, const uint8_t *data, uint32_t len)
{
    uint32_t body = rec_size(len) - EE_REC_TAIL;
    put16(E.buf, index);
    put16(E.buf + 2, len);
    memcpy(E.buf + EE_REC_HEAD, data, len);
    memset(E.buf + EE_REC_HEAD + len, 0xFF, body - EE_REC_HEAD - len);
    put32(E.buf + 4, vdev_crc32(vdev_crc32(0, E.buf, 4), data, len));
    int rc = vdev_nor_program(addr, E.buf, body);
    return rc ? rc : program_mark(addr + body);
}

/* Append a record to the active bank; -ENOSPC when it does not fit (or the
 * space is not erased: then the bank is taken as full). */
static int append(uint32_t index, const uint8_t *data, uint32_t len)
{
    uint32_t total = rec_size(len);
    if (E.active < 0 || E.pos > E.bank_size || total > E.bank_size - E.pos)
        return -ENOSPC;
    uint32_t addr = bank_addr(E.active) + E.pos;
    const uint8_t *dst = vdev_nor_map(addr, total);
    if (!dst || !all_ff(dst, total)) {
        E.pos = E.bank_size;
        return -ENOSPC;
    }
    int rc = write_record(addr, index, data, len);
    E.pos = rc ? E.bank_size : E.pos + total;
    return rc;
}

/* The page swap: into the other bank (erased first), a header (RECEIVING),
 * image (NULL: all 0xFF) as records for its runs of non-0xFF bytes, then the
 * pending record (if pdata), then ACTIVE; then the old bank is erased (or,
 * on the Photon, left for a pending erase). */
static int swap(const uint8_t *image, uint32_t pindex, const uint8_t *pdata, uint32_t plen)
{
    int target = E.active < 0 ? 0 : 1 - E.active;
    uint32_t base = bank_addr(target), seq = E.seq + 1, pos = EE_HDR_SIZE;
    int rc = make_blank(target);
    if (rc)
        return rc;
    uint8_t h[16];
    put32(h + H_MAGIC, EE_MAGIC);
    put32(h + H_SEQ, seq);
    put32(h + H_SIZE, E.size);
    put32(h + H_CRC, vdev_crc32(0, h, H_CRC));
    if ((rc = vdev_nor_program(base, h, sizeof(h))) || (rc = program_mark(base + H_RECEIVING)))
        return rc;
    for (uint32_t i = 0; image && i < E.size;) {
        if (image[i] == 0xFF) {
            i++;
            continue;
        }
        uint32_t end = i + 1;
        for (uint32_t j = end; j < E.size && j - end < EE_MERGE_GAP; j++)
            if (image[j] != 0xFF)
                end = j + 1;
        if ((rc = write_record(base + pos, i, image + i, end - i)))
            return rc;
        pos += rec_size(end - i);
        i = end;
    }
    if (pdata) {
        if ((rc = write_record(base + pos, pindex, pdata, plen)))
            return rc;
        pos += rec_size(plen);
    }
    if ((rc = program_mark(base + H_ACTIVE)))
        return rc;
    int old = E.active;
    E.active = target;
    E.seq = seq;
    E.pos = pos;
    if (old >= 0) {
        if (E.defer_erase)
            E.pending_erase = old;
        else if ((rc = erase_bank(old)))
            return rc;
    }
    return 0;
}

/* Store len bytes at index (in range): only the span that changes, as one
 * record; nothing when nothing changes. */
static void store(uint32_t index, const uint8_t *data, uint32_t len)
{
    uint32_t a = 0, b = len;
    while (a < len && E.ram[index + a] == data[a])
        a++;
    if (a == len)
        return;
    while (E.ram[index + b - 1] == data[b - 1])
        b--;
    index += a;
    data += a;
    len = b - a;
    if (E.flash) {
        int rc = append(index, data, len);
        if (rc == -ENOSPC)
            rc = swap(E.ram, index, data, len);
        if (rc)
            flash_failed(rc);
    }
    memcpy(E.ram + index, data, len);
}

/* ---- start-up */

static enum bank_state bank_state(int bank, uint32_t *seq)
{
    const uint8_t *h = vdev_nor_map(bank_addr(bank), EE_HDR_SIZE);
    if (!h)
        return BANK_GARBAGE;
    if (all_ff(h, EE_HDR_SIZE))
        return BANK_ERASED;
    enum mark r = mark_of(h + H_RECEIVING), a = mark_of(h + H_ACTIVE);
    if (r == MARK_BAD || a == MARK_BAD)
        return BANK_GARBAGE;
    bool ok = get32(h + H_MAGIC) == EE_MAGIC && get32(h + H_CRC) == vdev_crc32(0, h, H_CRC) &&
              get32(h + H_SIZE) == E.size;
    if (r == MARK_CLEAR) /* the header's program was cut short, or garbage */
        return a == MARK_CLEAR ? BANK_DISCARD : BANK_GARBAGE;
    if (!ok)
        return BANK_GARBAGE;
    if (r == MARK_TORN)
        return a == MARK_CLEAR ? BANK_DISCARD : BANK_GARBAGE;
    *seq = get32(h + H_SEQ);
    return a == MARK_SET ? BANK_ACTIVE : BANK_DISCARD; /* RECEIVING, or ACTIVE cut short */
}

/* Rebuild the RAM image from the active bank's log. A record whose commit
 * was cut short ends the log; so does garbage (reported). Either way the
 * rest of the bank is not used: the next write swaps. */
static void replay(int bank)
{
    const uint8_t *b = vdev_nor_map(bank_addr(bank), E.bank_size);
    E.pos = EE_HDR_SIZE;
    while (b && E.pos + EE_REC_HEAD + EE_REC_TAIL <= E.bank_size) {
        const uint8_t *r = b + E.pos;
        if (all_ff(r, EE_REC_HEAD))
            return; /* the end of the log */
        uint32_t index = get16(r), len = get16(r + 2), total = rec_size(len);
        if (len == 0 || index + len > E.size || total > E.bank_size - E.pos)
            break; /* a header cut short */
        enum mark c = mark_of(r + total - EE_REC_TAIL);
        if (c == MARK_BAD) {
            flash_event("eeprom-garbage", bank,
                        "a record's commit word is neither set nor erased; the log ends there (later writes are lost)");
            break;
        }
        if (c != MARK_SET)
            break; /* killed before the commit: the put never happened */
        if (get32(r + 4) != vdev_crc32(vdev_crc32(0, r, 4), r + EE_REC_HEAD, len)) {
            flash_event("eeprom-garbage", bank,
                        "a committed record fails its CRC; the log ends there (later writes are lost)");
            break;
        }
        memcpy(E.ram + index, r + EE_REC_HEAD, len);
        E.pos += total;
    }
    E.pos = E.bank_size;
}

static void mount(void)
{
    uint32_t seq[2] = { 0, 0 };
    enum bank_state st[2] = { bank_state(0, &seq[0]), bank_state(1, &seq[1]) };
    int win = -1;
    if (st[0] == BANK_ACTIVE && st[1] == BANK_ACTIVE) {
        /* a swap finished but the old bank was not erased yet */
        win = (int32_t)(seq[1] - seq[0]) > 0 ? 1 : 0;
        if (seq[0] == seq[1])
            flash_event("eeprom-garbage", 1, "both banks are active with the same sequence number; bank 0 wins");
    } else if (st[0] == BANK_ACTIVE || st[1] == BANK_ACTIVE) {
        win = st[0] == BANK_ACTIVE ? 0 : 1;
    }
    for (int b = 0; b < 2; b++) {
        if (b == win || st[b] == BANK_ERASED)
            continue;
        /* Next to an active bank, anything is an interrupted swap or erase
         * (a kill mid-erase leaves any mix of old bytes and 0xFF). With no
         * active bank, an unreadable header is garbage: start afresh. */
        if (win < 0 && st[b] == BANK_GARBAGE)
            flash_event("eeprom-garbage", b, "the bank header is not a vdev EEPROM bank; the EEPROM starts afresh");
        int rc = erase_bank(b);
        if (rc)
            flash_failed(rc);
    }
    if (win >= 0) {
        E.active = win;
        E.seq = seq[win];
        replay(win);
    }
}

void HAL_EEPROM_Init(void)
{
    const struct vdev_platform *p = vdev_platform_current();
    memset(&E, 0, sizeof(E));
    E.ready = true;
    E.active = -1;
    E.pending_erase = -1;
    E.size = p && p->eeprom_size > 0 && (uint32_t)p->eeprom_size <= EE_MAX_SIZE ? (uint32_t)p->eeprom_size
                                                                                 : EE_MAX_SIZE;
    E.defer_erase = p && p->id == EE_PHOTON_ID;
    memset(E.ram, 0xFF, sizeof(E.ram));

    uint32_t off, len;
    if (vdev_flash_region(VDEV_FLASH_EEPROM, &off, &len))
        return; /* no flash file: the values last until the process ends */
    E.base = off;
    E.bank_size = (len / 2) / VDEV_NOR_SECTOR * VDEV_NOR_SECTOR;
    /* a swap writes at most the image and one record of the whole EEPROM */
    if (E.bank_size < EE_HDR_SIZE + 2 * rec_size(E.size + EE_MERGE_GAP)) {
        flash_event("eeprom-error", -1, "the EEPROM region is too small for two banks; values are kept in RAM only");
        return;
    }
    E.flash = true;
    mount();
}

static void ensure_init(void)
{
    if (!E.ready)
        HAL_EEPROM_Init();
}

/* ---- the HAL calls */

static bool in_range(uint32_t index, size_t length, unsigned what, const char *name)
{
    if (index < E.size && length <= E.size - index)
        return true;
    if (!(E.warned & what)) {
        E.warned |= what;
        vdev_event("warning", "{s:s,s:I,s:I,s:s}", "what", name, "index", (long long)index, "length",
                   (long long)length, "message",
                   what & (W_WRITE | W_PUT) ? "outside the EEPROM; nothing is written (reported once)"
                                            : "outside the EEPROM; those bytes read 0xFF (reported once)");
    }
    return false;
}

uint8_t HAL_EEPROM_Read(uint32_t index)
{
    ensure_init();
    return in_range(index, 1, W_READ, "EEPROM.read") ? E.ram[index] : 0xFF;
}

void HAL_EEPROM_Write(uint32_t index, uint8_t data)
{
    ensure_init();
    if (in_range(index, 1, W_WRITE, "EEPROM.write"))
        store(index, &data, 1);
}

void HAL_EEPROM_Get(uint32_t index, void *data, size_t length)
{
    ensure_init();
    if (!data || !length)
        return;
    uint8_t *out = data;
    if (in_range(index, length, W_GET, "EEPROM.get")) {
        memcpy(out, E.ram + index, length);
        return;
    }
    for (size_t i = 0; i < length; i++)
        out[i] = index < E.size && i < E.size - index ? E.ram[index + i] : 0xFF;
}

void HAL_EEPROM_Put(uint32_t index, const void *data, size_t length)
{
    ensure_init();
    if (data && length && in_range(index, length, W_PUT, "EEPROM.put"))
        store(index, data, (uint32_t)length);
}

size_t HAL_EEPROM_Length(void)
{
    ensure_init();
    return E.size;
}

void HAL_EEPROM_Clear(void)
{
    ensure_init();
    if (all_ff(E.ram, E.size))
        return;
    if (E.flash) {
        int rc = swap(NULL, 0, NULL, 0);
        if (rc)
            flash_failed(rc);
    }
    memset(E.ram, 0xFF, E.size);
}

bool HAL_EEPROM_Has_Pending_Erase(void)
{
    ensure_init();
    return E.pending_erase >= 0;
}

void HAL_EEPROM_Perform_Pending_Erase(void)
{
    ensure_init();
    if (E.pending_erase >= 0) {
        int rc = erase_bank(E.pending_erase);
        if (rc)
            flash_failed(rc);
    }
}
