/* tests/unit/test_eeprom.c - hal-posix/src/eeprom_hal.c on the fake flash
 * of fake_nor.c, whose "kill at operation N" switch cuts the Nth program or
 * erase (none, a prefix, a random subset or all of its bytes) and longjmps
 * out as a kill -9 would end the process. After each kill the EEPROM is
 * started again and every put must read back all old or all new. Also:
 * replay, update without a record, the moment of the swap, every bank state
 * an interrupted swap leaves, garbage, out-of-range calls. Bank layout as
 * in docs/flash.md. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "eeprom_hal.h"
#include "fake_nor.h"

#define BANK (FAKE_REGION / 2)
#define HDR 32u
#define F fake_nor
#define plat fake_platform
#define rnd fake_rnd

/* ---- helpers */

static int setup_argon(void **state)
{
    (void)state;
    fake_nor_reset();
    plat = (struct vdev_platform){ .id = 12, .name = "argon", .eeprom_size = 4096 };
    HAL_EEPROM_Init();
    return 0;
}

static int setup_photon(void **state)
{
    setup_argon(state);
    plat = (struct vdev_platform){ .id = 6, .name = "photon", .eeprom_size = 2048 };
    HAL_EEPROM_Init();
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    assert_int_equal(F.reprograms, 0); /* never programs over programmed cells */
    return 0;
}

static const uint8_t *bank(int b) { return F.mem + FAKE_BASE + (uint32_t)b * BANK; }
static bool bank_blank(int b)
{
    for (uint32_t i = 0; i < BANK; i++)
        if (bank(b)[i] != 0xFF)
            return false;
    return true;
}

static uint32_t seq_of(int b) { return bank(b)[4] | bank(b)[5] << 8 | bank(b)[6] << 16 | (uint32_t)bank(b)[7] << 24; }

/* slot s holds 16 bytes, all equal to its value v (1..250) */
static void put_slot(int s, uint8_t v)
{
    uint8_t b[16];
    memset(b, v, sizeof(b));
    HAL_EEPROM_Put((uint32_t)s * 16, b, sizeof(b));
}

static int slot(int s)
{
    uint8_t b[16];
    HAL_EEPROM_Get((uint32_t)s * 16, b, sizeof(b));
    for (int i = 1; i < 16; i++)
        if (b[i] != b[0])
            return -1; /* torn */
    return b[0];
}

/* ---- tests */

static void test_fresh(void **state)
{
    (void)state;
    assert_int_equal(HAL_EEPROM_Length(), 4096);
    for (uint32_t i = 0; i < 4096; i += 97)
        assert_int_equal(HAL_EEPROM_Read(i), 0xFF);
    assert_int_equal(F.programs + F.erases, 0); /* reading writes nothing */
    assert_false(HAL_EEPROM_Has_Pending_Erase());
}

static void test_replay(void **state)
{
    (void)state;
    const char *text = "hello, eeprom";
    HAL_EEPROM_Put(100, text, strlen(text) + 1);
    HAL_EEPROM_Write(0, 0x12);
    HAL_EEPROM_Write(4095, 0x34);
    uint32_t v = 0xA5A5A5A5u;
    HAL_EEPROM_Put(104, &v, sizeof(v)); /* overlaps the text */
    HAL_EEPROM_Init();
    char got[32];
    HAL_EEPROM_Get(100, got, strlen(text) + 1);
    assert_memory_equal(got, "hell\xa5\xa5\xa5\xa5" "eprom", strlen(text) + 1);
    assert_int_equal(HAL_EEPROM_Read(0), 0x12);
    assert_int_equal(HAL_EEPROM_Read(4095), 0x34);
    assert_int_equal(HAL_EEPROM_Read(1), 0xFF);
    assert_int_equal(F.flash_events, 0);
}

static void test_update_writes_nothing(void **state)
{
    (void)state;
    uint8_t a[100];
    for (int i = 0; i < 100; i++)
        a[i] = (uint8_t)i;
    HAL_EEPROM_Put(10, a, sizeof(a));
    int before = F.programs;
    HAL_EEPROM_Put(10, a, sizeof(a));
    HAL_EEPROM_Write(10, 0);
    HAL_EEPROM_Put(50, a + 40, 10);
    assert_int_equal(F.programs, before); /* no record for unchanged values */
    a[50] = 0xEE;                        /* one byte changes: a 1-byte record */
    HAL_EEPROM_Put(10, a, sizeof(a));
    assert_int_equal(F.programs, before + 2); /* its body, then its commit */
    HAL_EEPROM_Init();
    assert_int_equal(HAL_EEPROM_Read(60), 0xEE);
    assert_int_equal(HAL_EEPROM_Read(59), 49);
}

/* A bank of 16 KB holds (16384 - 32) / 28 records of 16 bytes: 584. */
static void test_swap_moment(void **state)
{
    (void)state;
    for (int k = 1; k <= 584; k++)
        put_slot(0, (uint8_t)(k % 250 + 1));
    assert_true(bank_blank(1));
    assert_int_equal(seq_of(0), 1);
    put_slot(0, 7);
    assert_false(bank_blank(1)); /* the 585th swapped */
    assert_int_equal(seq_of(1), 2);
    assert_true(bank_blank(0)); /* Gen 3: the old bank is erased at once */
    assert_false(HAL_EEPROM_Has_Pending_Erase());
    HAL_EEPROM_Init();
    assert_int_equal(slot(0), 7);
}

static void test_photon_pending_erase(void **state)
{
    (void)state;
    assert_int_equal(HAL_EEPROM_Length(), 2048);
    for (int k = 1; k <= 585; k++)
        put_slot(3, (uint8_t)(k % 250 + 1));
    assert_true(HAL_EEPROM_Has_Pending_Erase());
    assert_false(bank_blank(0)); /* still active, lower sequence */
    HAL_EEPROM_Init();           /* two active banks: the higher sequence wins */
    assert_int_equal(slot(3), 585 % 250 + 1);
    assert_true(bank_blank(0));
    assert_false(HAL_EEPROM_Has_Pending_Erase());
    for (int k = 1; k <= 600; k++)
        put_slot(3, (uint8_t)(k % 250 + 1));
    assert_true(HAL_EEPROM_Has_Pending_Erase());
    assert_false(bank_blank(1));
    int erases = F.erases;
    for (int k = 1; k <= 600; k++) /* the next swap erases its target first */
        put_slot(3, (uint8_t)(k % 250 + 1));
    assert_int_equal(F.erases, erases + 4);
    assert_true(HAL_EEPROM_Has_Pending_Erase());
    assert_false(bank_blank(0));
    HAL_EEPROM_Perform_Pending_Erase();
    assert_false(HAL_EEPROM_Has_Pending_Erase());
    assert_true(bank_blank(0));
    assert_int_equal(F.erases, erases + 8);
    assert_int_equal(slot(3), 600 % 250 + 1);
}

/* ---- hand-made bank states (the documented format) */

static void w32(uint8_t *p, uint32_t v) { p[0] = (uint8_t)v, p[1] = (uint8_t)(v >> 8), p[2] = (uint8_t)(v >> 16), p[3] = (uint8_t)(v >> 24); }

static void mk_bank(int b, uint32_t seq, bool receiving, bool active)
{
    uint8_t *h = (uint8_t *)bank(b);
    memset(h, 0xFF, BANK);
    w32(h, 0x31454556u);
    w32(h + 4, seq);
    w32(h + 8, 4096);
    w32(h + 12, vdev_crc32(0, h, 12));
    if (receiving)
        memset(h + 16, 0, 4);
    if (active)
        memset(h + 20, 0, 4);
}

/* a record at pos with all len bytes = v; returns the next position */
static uint32_t mk_rec(int b, uint32_t pos, uint32_t index, uint32_t len, uint8_t v, bool commit)
{
    uint8_t *r = (uint8_t *)bank(b) + pos;
    r[0] = (uint8_t)index, r[1] = (uint8_t)(index >> 8), r[2] = (uint8_t)len, r[3] = (uint8_t)(len >> 8);
    memset(r + 8, v, len);
    w32(r + 4, vdev_crc32(vdev_crc32(0, r, 4), r + 8, len));
    uint32_t body = 8 + ((len + 3) & ~3u);
    if (commit)
        memset(r + body, 0, 4);
    return pos + body + 4;
}

static void test_states(void **state)
{
    (void)state;
    /* ACTIVE + RECEIVING: the receiving bank is discarded */
    mk_bank(0, 5, true, true);
    mk_rec(0, HDR, 0, 16, 0x11, true);
    mk_bank(1, 6, true, false);
    mk_rec(1, HDR, 0, 16, 0x22, true);
    HAL_EEPROM_Init();
    assert_int_equal(slot(0), 0x11);
    assert_true(bank_blank(1));
    /* two ACTIVE: the higher sequence wins, also across the wrap */
    mk_bank(0, 0xFFFFFFFFu, true, true);
    mk_rec(0, HDR, 0, 16, 0x33, true);
    mk_bank(1, 0, true, true);
    mk_rec(1, HDR, 0, 16, 0x44, true);
    HAL_EEPROM_Init();
    assert_int_equal(slot(0), 0x44);
    assert_true(bank_blank(0));
    /* header programmed, no mark yet (kill in the first step of a swap) */
    mk_bank(0, 9, false, false);
    mk_bank(1, 8, true, true);
    mk_rec(1, HDR, 0, 16, 0x55, true);
    HAL_EEPROM_Init();
    assert_int_equal(slot(0), 0x55);
    assert_true(bank_blank(0));
    /* a torn ACTIVE mark is not active */
    mk_bank(0, 3, true, false);
    ((uint8_t *)bank(0))[20] = 0;
    mk_rec(0, HDR, 0, 16, 0x66, true);
    HAL_EEPROM_Init();
    assert_int_equal(slot(0), 0x55);
    assert_int_equal(F.flash_events, 0); /* all of these are ordinary kills */
}

static void test_torn_records(void **state)
{
    (void)state;
    mk_bank(0, 1, true, true);
    uint32_t pos = mk_rec(0, HDR, 0, 16, 0x11, true);
    mk_rec(0, pos, 0, 16, 0x22, false); /* never committed */
    HAL_EEPROM_Init();
    assert_int_equal(slot(0), 0x11);
    assert_int_equal(F.flash_events, 0);
    put_slot(1, 0x33); /* the log ends at a torn record: the next put swaps */
    assert_false(bank_blank(1));
    assert_true(bank_blank(0));
    HAL_EEPROM_Init();
    assert_int_equal(slot(0), 0x11);
    assert_int_equal(slot(1), 0x33);
    /* the space after the log is not erased (a cut program whose header
     * bytes stayed 0xFF): a put swaps rather than program over it */
    mk_bank(0, 1, true, true);
    pos = mk_rec(0, HDR, 0, 16, 0x44, true);
    ((uint8_t *)bank(0))[pos + 20] = 0x00;
    memset((uint8_t *)bank(1), 0xFF, BANK);
    HAL_EEPROM_Init();
    put_slot(2, 0x55);
    assert_false(bank_blank(1));
    HAL_EEPROM_Init();
    assert_int_equal(slot(0), 0x44);
    assert_int_equal(slot(2), 0x55);
}

static void test_garbage(void **state)
{
    (void)state;
    for (uint32_t i = 0; i < BANK; i++)
        ((uint8_t *)bank(0))[i] = (uint8_t)rnd();
    HAL_EEPROM_Init();
    assert_int_equal(F.flash_events, 1); /* reported, never a crash */
    assert_true(bank_blank(0));
    assert_int_equal(slot(0), 0xFF);
    put_slot(0, 0x42);
    HAL_EEPROM_Init();
    assert_int_equal(slot(0), 0x42);
    /* a committed record that fails its CRC ends the log */
    mk_bank(0, 1, true, true);
    memset((uint8_t *)bank(1), 0xFF, BANK);
    uint32_t pos = mk_rec(0, HDR, 0, 16, 0x11, true);
    mk_rec(0, pos, 16, 16, 0x22, true);
    ((uint8_t *)bank(0))[pos + 9] = 0x23;
    HAL_EEPROM_Init();
    assert_int_equal(F.flash_events, 2);
    assert_int_equal(slot(0), 0x11);
    assert_int_equal(slot(1), 0xFF);
}

static void test_out_of_range(void **state)
{
    (void)state;
    uint8_t b[10];
    memset(b, 0x5A, sizeof(b));
    HAL_EEPROM_Put(4090, b, sizeof(b)); /* would end past 4096: nothing written */
    HAL_EEPROM_Put(4090, b, sizeof(b));
    HAL_EEPROM_Write(4096, 1);
    HAL_EEPROM_Put(0xFFFFFFFFu, b, 2);
    assert_int_equal(F.programs, 0);
    assert_int_equal(F.warnings, 2); /* once per call kind */
    assert_int_equal(HAL_EEPROM_Read(4090), 0xFF);
    assert_int_equal(HAL_EEPROM_Read(5000), 0xFF);
    HAL_EEPROM_Put(4086, b, sizeof(b)); /* exactly up to the end */
    memset(b, 0, sizeof(b));
    HAL_EEPROM_Get(4090, b, sizeof(b));
    const uint8_t want[10] = { 0x5A, 0x5A, 0x5A, 0x5A, 0x5A, 0x5A, 0xFF, 0xFF, 0xFF, 0xFF };
    assert_memory_equal(b, want, sizeof(want));
}

static void test_clear(void **state)
{
    (void)state;
    put_slot(0, 1);
    put_slot(255, 2);
    HAL_EEPROM_Clear();
    assert_int_equal(slot(0), 0xFF);
    HAL_EEPROM_Init();
    assert_int_equal(slot(0), 0xFF);
    assert_int_equal(slot(255), 0xFF);
    put_slot(1, 3);
    HAL_EEPROM_Init();
    assert_int_equal(slot(1), 3);
}

static void test_no_flash(void **state)
{
    (void)state;
    F.absent = true;
    HAL_EEPROM_Init();
    put_slot(0, 9);
    assert_int_equal(slot(0), 9);
    assert_int_equal(F.programs, 0);
}

/* ---- kills */

struct put_op {
    uint32_t index, len;
    uint8_t v;
};

static void do_put(const void *arg)
{
    const struct put_op *p = arg;
    uint8_t b[4096];
    memset(b, p->v, p->len);
    HAL_EEPROM_Put(p->index, b, p->len);
}

static void do_clear(const void *arg)
{
    (void)arg;
    HAL_EEPROM_Clear();
}

static bool all_equal(uint32_t index, uint32_t len, uint8_t v)
{
    for (uint32_t i = 0; i < len; i++)
        if (HAL_EEPROM_Read(index + i) != v)
            return false;
    return true;
}

/* Kill a put (or a clear) at every one of its operations, in every cut
 * mode, from a saved flash state; after each, start again and check.
 * Returns the number of flash operations the uncut put takes. */
static int sweep(int prefill, const struct put_op *op, bool clear)
{
    static uint8_t saved[sizeof(F.mem)];
    for (int k = 1; k <= prefill; k++)
        put_slot(k % 8, (uint8_t)(k % 250 + 1));
    memcpy(saved, F.mem, sizeof(saved));
    HAL_EEPROM_Init();
    uint32_t n = (uint32_t)HAL_EEPROM_Length();
    uint8_t before[4096];
    HAL_EEPROM_Get(0, before, n);
    int old = 0, new = 0, nops = -1;
    for (int k = 0; nops < 0; k++) {
        for (int mode = 0; mode < 4; mode++) {
            memcpy(F.mem, saved, sizeof(saved));
            HAL_EEPROM_Init();
            if (!fake_killed_at(k, mode, clear ? do_clear : do_put, op)) {
                nops = F.ops;
                continue;
            }
            HAL_EEPROM_Init();
            bool is_new = clear ? all_equal(0, n, 0xFF) : all_equal(op->index, op->len, op->v);
            bool is_old = true;
            for (uint32_t i = 0; i < n && is_old; i++)
                is_old = HAL_EEPROM_Read(i) == before[i];
            assert_true(is_old || is_new);
            old += is_old;
            new += is_new && !is_old;
            for (uint32_t i = 0; i < n && !clear; i++) /* the rest untouched */
                if (i < op->index || i >= op->index + op->len)
                    assert_int_equal(HAL_EEPROM_Read(i), before[i]);
            put_slot(100, 0x77); /* and the EEPROM still works */
            HAL_EEPROM_Init();
            assert_int_equal(slot(100), 0x77);
        }
    }
    assert_true(old > 0 && new > 0);
    assert_int_equal(F.flash_events, 0);
    return nops;
}

static void test_kill_put_append(void **state)
{
    (void)state;
    struct put_op op = { 100, 100, 0x3C };
    assert_int_equal(sweep(10, &op, false), 2); /* body, commit */
}

static void test_kill_put_swap(void **state)
{
    (void)state;
    struct put_op op = { 16, 16, 0x3C }; /* the 585th record: a swap */
    /* header, RECEIVING, image (2), pending (2), ACTIVE, 4 erases */
    assert_int_equal(sweep(584, &op, false), 11);
}

static void test_kill_whole_eeprom_put_swap(void **state)
{
    (void)state;
    struct put_op op = { 0, 4096, 0x01 }; /* does not fit after 450 records */
    assert_int_equal(sweep(450, &op, false), 11);
}

static void test_kill_clear(void **state)
{
    (void)state;
    assert_int_equal(sweep(50, NULL, true), 7); /* header, RECEIVING, image, ACTIVE, erases */
}

static void test_kill_photon_swaps(void **state)
{
    (void)state;
    struct put_op op = { 2000, 48, 0x99 };
    /* the third swap; the start-up before it erased the pending bank, and
     * the old bank's erase is left pending: header, RECEIVING, image (2),
     * pending (2), ACTIVE */
    assert_int_equal(sweep(1742, &op, false), 7);
}

static uint32_t active_seq(void)
{
    uint32_t top = 0;
    for (int b = 0; b < 2; b++)
        if (!bank(b)[20] && !bank(b)[21] && !bank(b)[22] && !bank(b)[23] && seq_of(b) > top)
            top = seq_of(b);
    return top;
}

/* Random puts into 8 slots, half of them killed at a random operation:
 * after each start every slot is whole, and holds the last value put, or
 * (for the killed put's slot) the one before. */
static void test_kill_random(void **state)
{
    (void)state;
    uint8_t model[8];
    memset(model, 0xFF, sizeof(model));
    int kills = 0, swaps = 0;
    uint32_t seq = 0;
    for (int it = 0; it < 3000; it++) {
        int s = (int)(rnd() % 8);
        struct put_op op = { (uint32_t)s * 16, 16, (uint8_t)(rnd() % 250 + 1) };
        if (rnd() % 2) {
            int k = (int)(rnd() % (rnd() % 4 ? 2 : 20)), mode = (int)(rnd() % 4);
            if (fake_killed_at(k, mode, do_put, &op)) {
                kills++;
                HAL_EEPROM_Init();
                int got = slot(s);
                assert_true(got == model[s] || got == op.v);
                model[s] = (uint8_t)got;
            } else {
                model[s] = op.v;
            }
        } else {
            do_put(&op);
            model[s] = op.v;
        }
        for (int i = 0; i < 8; i++)
            assert_int_equal(slot(i), model[i]);
        swaps += active_seq() != seq;
        seq = active_seq();
    }
    assert_true(kills > 1000);
    assert_true(swaps > 100);
    assert_int_equal(F.flash_events, 0);
    HAL_EEPROM_Init();
    for (int i = 0; i < 8; i++)
        assert_int_equal(slot(i), model[i]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_fresh, setup_argon, teardown),
        cmocka_unit_test_setup_teardown(test_replay, setup_argon, teardown),
        cmocka_unit_test_setup_teardown(test_update_writes_nothing, setup_argon, teardown),
        cmocka_unit_test_setup_teardown(test_swap_moment, setup_argon, teardown),
        cmocka_unit_test_setup_teardown(test_photon_pending_erase, setup_photon, teardown),
        cmocka_unit_test_setup_teardown(test_states, setup_argon, teardown),
        cmocka_unit_test_setup_teardown(test_torn_records, setup_argon, teardown),
        cmocka_unit_test_setup_teardown(test_garbage, setup_argon, teardown),
        cmocka_unit_test_setup_teardown(test_out_of_range, setup_argon, teardown),
        cmocka_unit_test_setup_teardown(test_clear, setup_argon, teardown),
        cmocka_unit_test_setup_teardown(test_no_flash, setup_argon, teardown),
        cmocka_unit_test_setup_teardown(test_kill_put_append, setup_argon, teardown),
        cmocka_unit_test_setup_teardown(test_kill_put_swap, setup_argon, teardown),
        cmocka_unit_test_setup_teardown(test_kill_whole_eeprom_put_swap, setup_argon, teardown),
        cmocka_unit_test_setup_teardown(test_kill_clear, setup_argon, teardown),
        cmocka_unit_test_setup_teardown(test_kill_photon_swaps, setup_photon, teardown),
        cmocka_unit_test_setup_teardown(test_kill_random, setup_argon, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
