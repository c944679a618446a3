/* tests/unit/test_att.c - the ATT/GATT implementation (ble-bridge/att.c,
 * gatt_db.c, att_server.c, gatt_disc.c): database layout, every request
 * with its exact response bytes, MTU exchange, per-connection CCCDs,
 * prepared writes, client encoders/decoders, UUIDs, the discovery procedure
 * run against the real server, and hostile peers (after which the database
 * must be unchanged). The test_att_*.inc files are parts of this file, kept
 * apart for size: UUIDs and the codec, hostile peers, discovery. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "att.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* A byte array argument: pointer, length. */
#define B(...) ((const uint8_t[]){__VA_ARGS__}), sizeof((const uint8_t[]){__VA_ARGS__})
/* NUS-style 128-bit UUID 6E4000xx-B5A3-F393-E0A9-E50E24DCCA9E, on-air order */
#define NUS(x) 0x9E, 0xCA, 0xDC, 0x24, 0x0E, 0xE5, 0xA9, 0xE0, 0x93, 0xF3, 0xA3, 0xB5, x, 0x00, 0x40, 0x6E
#define LONG_DESC "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-+*/=!?#" /* 70 */

struct rec {
    int writes, cccds, confirms, mtus;
    uint16_t conn, handle, value_handle, cccd, mtu;
    uint8_t data[256];
    size_t len;
    bool with_rsp;
};

static void on_write(void *ctx, uint16_t conn, uint16_t handle, const uint8_t *data, size_t len, bool with_rsp)
{
    struct rec *r = ctx;
    r->writes++;
    r->conn = conn;
    r->handle = handle;
    memcpy(r->data, data, len);
    r->len = len;
    r->with_rsp = with_rsp;
}

static void on_cccd(void *ctx, uint16_t conn, uint16_t value_handle, uint16_t cccd)
{
    struct rec *r = ctx;
    r->cccds++;
    r->conn = conn;
    r->value_handle = value_handle;
    r->cccd = cccd;
}

static void on_confirm(void *ctx, uint16_t conn)
{
    struct rec *r = ctx;
    r->confirms++;
    r->conn = conn;
}

static void on_mtu(void *ctx, uint16_t conn, uint16_t mtu)
{
    struct rec *r = ctx;
    r->mtus++;
    r->conn = conn;
    r->mtu = mtu;
}

struct fx {
    struct vdev_gatt_db *db;
    struct rec rec;
};

static struct vdev_uuid nus(uint8_t x)
{
    struct vdev_uuid u = {16, {NUS(x)}};
    return u;
}

/* The standard database (handles checked by db_layout):
 *  1 svc 180F          2 decl 3 value 2A19 R|N 4 CCCD 5 desc "Battery"
 *  6 svc NUS01         7 decl 8 value NUS02 W|WwR
 *                      9 decl 10 value NUS03 R|N|I 11 CCCD 12 desc "UART TX"
 * 13 secondary 1234   14 decl 15 value 2A00 R 16 descriptor 2904 (7 bytes)
 * 17 svc 180A         18 decl 19 value 2A29 R 20 desc LONG_DESC (70 chars) */
static int setup(void **state)
{
    struct fx *f = calloc(1, sizeof(*f));
    struct vdev_att_server_cb cb = {on_write, on_cccd, on_confirm, on_mtu, &f->rec};
    struct vdev_gatt_char_handles h;
    struct vdev_uuid u = vdev_uuid16(0x180F);
    uint16_t s, d;
    f->db = vdev_gatt_db_new(&cb);
    assert_int_equal(vdev_gatt_db_add_service(f->db, &u, true, &s), 0);
    u = vdev_uuid16(0x2A19);
    assert_int_equal(vdev_gatt_db_add_char(f->db, s, &u, VDEV_GATT_PROP_READ | VDEV_GATT_PROP_NOTIFY, "Battery", &h), 0);
    assert_int_equal(vdev_gatt_db_set_value(f->db, h.value, B(0x64)), 0);
    u = nus(1);
    assert_int_equal(vdev_gatt_db_add_service(f->db, &u, true, &s), 0);
    u = nus(2);
    assert_int_equal(vdev_gatt_db_add_char(f->db, s, &u, VDEV_GATT_PROP_WRITE | VDEV_GATT_PROP_WRITE_WO_RESP, NULL, &h), 0);
    u = nus(3);
    assert_int_equal(vdev_gatt_db_add_char(f->db, s, &u, 0x32, "UART TX", &h), 0);
    u = vdev_uuid16(0x1234);
    assert_int_equal(vdev_gatt_db_add_service(f->db, &u, false, &s), 0);
    u = vdev_uuid16(0x2A00);
    assert_int_equal(vdev_gatt_db_add_char(f->db, s, &u, VDEV_GATT_PROP_READ, NULL, &h), 0);
    assert_int_equal(vdev_gatt_db_set_value(f->db, h.value, (const uint8_t *)"vdev", 4), 0);
    u = vdev_uuid16(0x2904);
    assert_int_equal(vdev_gatt_db_add_desc(f->db, h.value, &u, B(4, 0, 0, 0x27, 1, 0, 0), &d), 0);
    assert_int_equal(d, 16);
    u = vdev_uuid16(0x180A);
    assert_int_equal(vdev_gatt_db_add_service(f->db, &u, true, &s), 0);
    u = vdev_uuid16(0x2A29);
    assert_int_equal(vdev_gatt_db_add_char(f->db, s, &u, VDEV_GATT_PROP_READ, LONG_DESC, &h), 0);
    assert_int_equal(vdev_gatt_db_conn_open(f->db, 1), 0);
    assert_int_equal(vdev_gatt_db_conn_open(f->db, 2), 0);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    vdev_gatt_db_free(f->db);
    free(f);
    return 0;
}

/* Sends req on conn; the response must be exactly want. */
static void check(struct fx *f, uint16_t conn, const uint8_t *req, size_t rlen, const uint8_t *want, size_t wlen)
{
    uint8_t rsp[VDEV_ATT_MAX_MTU];
    memset(rsp, 0xEE, sizeof(rsp));
    int n = vdev_att_server_handle(f->db, conn, req, rlen, rsp, sizeof(rsp));
    assert_int_equal(n, (int)wlen);
    assert_memory_equal(rsp, want, wlen);
    assert_true((size_t)n <= vdev_gatt_db_mtu(f->db, conn));
}

static void no_rsp(struct fx *f, uint16_t conn, const uint8_t *req, size_t rlen)
{
    uint8_t rsp[VDEV_ATT_MAX_MTU];
    assert_int_equal(vdev_att_server_handle(f->db, conn, req, rlen, rsp, sizeof(rsp)), 0);
}

/* got must start with the len bytes of want */
static void expect_bytes(const uint8_t *got, const uint8_t *want, size_t len)
{
    assert_memory_equal(got, want, len);
}

static void check_value(struct fx *f, uint16_t h, const uint8_t *want, size_t wlen)
{
    uint8_t v[VDEV_ATT_MAX_VALUE];
    assert_int_equal(vdev_gatt_db_get_value(f->db, h, v, sizeof(v)), (int)wlen);
    assert_memory_equal(v, want, wlen);
}

static void exchange(struct fx *f, uint16_t conn, uint16_t mtu)
{
    uint8_t req[3], rsp[VDEV_ATT_MAX_MTU];
    assert_int_equal(vdev_att_enc_mtu_req(req, sizeof(req), mtu), 3);
    assert_int_equal(vdev_att_server_handle(f->db, conn, req, 3, rsp, sizeof(rsp)), 3);
}

/* ---- a snapshot of everything a peer could corrupt ---- */
struct snap {
    uint16_t count;
    int len[VDEV_ATT_MAX_ATTRS + 1];
    uint8_t v[VDEV_ATT_MAX_ATTRS + 1][VDEV_ATT_MAX_VALUE];
    uint16_t cccd[3][VDEV_ATT_MAX_ATTRS + 1];
};

static struct snap *snap_take(const struct vdev_gatt_db *db)
{
    struct snap *s = calloc(1, sizeof(*s));
    s->count = vdev_gatt_db_count(db);
    for (uint16_t h = 1; h <= s->count; h++) {
        s->len[h] = vdev_gatt_db_get_value(db, h, s->v[h], VDEV_ATT_MAX_VALUE);
        for (uint16_t c = 1; c <= 2; c++)
            s->cccd[c][h] = vdev_gatt_db_cccd(db, c, h);
    }
    return s;
}

static void snap_check(const struct vdev_gatt_db *db, struct snap *s)
{
    struct snap *now = snap_take(db);
    assert_int_equal(now->count, s->count);
    for (uint16_t h = 1; h <= s->count; h++) {
        assert_int_equal(now->len[h], s->len[h]);
        assert_memory_equal(now->v[h], s->v[h], (size_t)s->len[h]);
        assert_int_equal(now->cccd[1][h], s->cccd[1][h]);
        assert_int_equal(now->cccd[2][h], s->cccd[2][h]);
    }
    free(now);
    free(s);
}

/* ---- tests ---- */

static void db_layout(void **state)
{
    struct fx *f = *state;
    assert_int_equal(vdev_gatt_db_count(f->db), 20);
    check_value(f, 1, B(0x0F, 0x18));
    check_value(f, 2, B(0x12, 0x03, 0x00, 0x19, 0x2A));
    check_value(f, 3, B(0x64));
    check_value(f, 5, (const uint8_t *)"Battery", 7);
    check_value(f, 6, B(NUS(1)));
    check_value(f, 7, B(0x0C, 0x08, 0x00, NUS(2)));
    check_value(f, 9, B(0x32, 0x0A, 0x00, NUS(3)));
    check_value(f, 13, B(0x34, 0x12));
    check_value(f, 20, (const uint8_t *)LONG_DESC, 70);
    assert_int_equal(vdev_gatt_db_props(f->db, 3), 0x12);
    assert_int_equal(vdev_gatt_db_props(f->db, 10), 0x32);
    assert_int_equal(vdev_gatt_db_props(f->db, 2), -ENOENT);
    assert_int_equal(vdev_gatt_db_props(f->db, 99), -ENOENT);
    /* services end with their last attribute (Read By Group Type shows it) */
    check(f, 1, B(0x10, 0x06, 0x00, 0x06, 0x00, 0x00, 0x28), B(0x11, 0x14, 0x06, 0x00, 0x0C, 0x00, NUS(1)));
    check(f, 1, B(0x10, 0x0D, 0x00, 0xFF, 0xFF, 0x01, 0x28), B(0x11, 0x06, 0x0D, 0x00, 0x10, 0x00, 0x34, 0x12));
}

static void db_api_errors(void **state)
{
    struct fx *f = *state;
    struct vdev_uuid u = vdev_uuid16(0x2A01), bad = {3, {0}};
    uint8_t big[VDEV_ATT_MAX_VALUE + 1] = {0};
    uint16_t h;
    assert_int_equal(vdev_gatt_db_add_char(f->db, 1, &u, VDEV_GATT_PROP_READ, NULL, NULL), -EINVAL); /* not last */
    assert_int_equal(vdev_gatt_db_add_char(f->db, 17, &bad, VDEV_GATT_PROP_READ, NULL, NULL), -EINVAL);
    assert_int_equal(vdev_gatt_db_add_service(f->db, &bad, true, &h), -EINVAL);
    assert_int_equal(vdev_gatt_db_add_desc(f->db, 3, &u, B(1), &h), -EINVAL);  /* not the last char */
    assert_int_equal(vdev_gatt_db_add_desc(f->db, 19, &u, big, sizeof(big), &h), -EMSGSIZE);
    u = vdev_uuid16(0x2902);
    assert_int_equal(vdev_gatt_db_add_desc(f->db, 19, &u, B(1, 0), &h), -EINVAL);
    assert_int_equal(vdev_gatt_db_set_value(f->db, 3, big, sizeof(big)), -EMSGSIZE);
    assert_int_equal(vdev_gatt_db_set_value(f->db, 2, B(1)), -EACCES);
    assert_int_equal(vdev_gatt_db_set_value(f->db, 21, B(1)), -ENOENT);
    assert_int_equal(vdev_gatt_db_set_value(f->db, 0, B(1)), -ENOENT);
    assert_int_equal(vdev_gatt_db_count(f->db), 20);
    for (uint16_t c = 3; c <= VDEV_ATT_MAX_CONNS; c++)
        assert_int_equal(vdev_gatt_db_conn_open(f->db, c), 0);
    assert_int_equal(vdev_gatt_db_conn_open(f->db, 100), -ENOSPC);
    vdev_gatt_db_conn_close(f->db, 5);
    assert_int_equal(vdev_gatt_db_conn_open(f->db, 100), 0);
    uint8_t rsp[VDEV_ATT_MAX_MTU];
    assert_int_equal(vdev_att_server_handle(f->db, 5, B(0x0A, 0x03, 0x00), rsp, sizeof(rsp)), -ENOTCONN);
    /* write without response alone makes a value writable (not readable) */
    struct vdev_gatt_char_handles ch;
    u = vdev_uuid16(0x2A03);
    assert_int_equal(vdev_gatt_db_add_char(f->db, 17, &u, VDEV_GATT_PROP_WRITE_WO_RESP, NULL, &ch), 0);
    assert_int_equal(ch.value, 22);
    assert_int_equal(ch.cccd + ch.user_desc, 0);
    assert_int_equal(vdev_att_server_handle(f->db, 1, B(0x52, 0x16, 0x00, 0x77), rsp, sizeof(rsp)), 0);
    check_value(f, 22, B(0x77));
    check(f, 1, B(0x0A, 0x16, 0x00), B(0x01, 0x0A, 0x16, 0x00, 0x02));
    /* fill the table */
    int rc = 0, n = 0;
    u = vdev_uuid16(0x2A02);
    while ((rc = vdev_gatt_db_add_char(f->db, 17, &u, VDEV_GATT_PROP_NOTIFY, "x", NULL)) == 0)
        n++;
    assert_int_equal(rc, -ENOSPC);
    assert_true(vdev_gatt_db_count(f->db) <= VDEV_ATT_MAX_ATTRS && vdev_gatt_db_count(f->db) > 500);
    vdev_gatt_db_clear(f->db);
    assert_int_equal(vdev_gatt_db_count(f->db), 0);
    assert_int_equal(vdev_att_server_handle(f->db, 1, B(0x0A, 0x03, 0x00), rsp, sizeof(rsp)), -ENOTCONN);
}

static void mtu_exchange(void **state)
{
    struct fx *f = *state;
    assert_int_equal(vdev_gatt_db_mtu(f->db, 1), 23);
    check(f, 1, B(0x02, 0x00, 0x02), B(0x03, 0xF7, 0x00)); /* 512 offered: 247 */
    assert_int_equal(vdev_gatt_db_mtu(f->db, 1), 247);
    assert_int_equal(f->rec.mtus, 1);
    assert_int_equal(f->rec.mtu, 247);
    check(f, 1, B(0x02, 0x17, 0x00), B(0x03, 0xF7, 0x00)); /* a second exchange changes nothing */
    assert_int_equal(vdev_gatt_db_mtu(f->db, 1), 247);
    assert_int_equal(f->rec.mtus, 1);
    assert_int_equal(vdev_gatt_db_mtu(f->db, 2), 23);     /* per connection */
    const uint16_t offers[] = {0, 1, 22, 23, 100, 65535};
    const uint16_t result[] = {23, 23, 23, 23, 100, 247};
    for (size_t i = 0; i < 6; i++) {
        assert_int_equal(vdev_gatt_db_conn_open(f->db, 2), 0);
        check(f, 2, B(0x02, (uint8_t)offers[i], (uint8_t)(offers[i] >> 8)), B(0x03, 0xF7, 0x00));
        assert_int_equal(vdev_gatt_db_mtu(f->db, 2), result[i]);
        assert_int_equal(f->rec.mtu, result[i]);
    }
    vdev_gatt_db_set_local_mtu(f->db, 50);
    assert_int_equal(vdev_gatt_db_conn_open(f->db, 2), 0);
    check(f, 2, B(0x02, 100, 0), B(0x03, 50, 0x00));
    assert_int_equal(vdev_gatt_db_mtu(f->db, 2), 50);
    vdev_gatt_db_set_mtu(f->db, 2, 1000);                 /* a client-side exchange: clamped */
    assert_int_equal(vdev_gatt_db_mtu(f->db, 2), 247);
    check(f, 1, B(0x02, 0x17), B(0x01, 0x02, 0x00, 0x00, 0x04));
}

static void find_information(void **state)
{
    struct fx *f = *state;
    check(f, 1, B(0x04, 0x01, 0x00, 0xFF, 0xFF),
          B(0x05, 0x01, 0x01, 0x00, 0x00, 0x28, 0x02, 0x00, 0x03, 0x28, 0x03, 0x00, 0x19, 0x2A, 0x04, 0x00, 0x02, 0x29,
            0x05, 0x00, 0x01, 0x29)); /* 5 entries fill MTU 23 */
    check(f, 1, B(0x04, 0x08, 0x00, 0x08, 0x00), B(0x05, 0x02, 0x08, 0x00, NUS(2)));
    check(f, 1, B(0x04, 0x07, 0x00, 0x0A, 0x00), B(0x05, 0x01, 0x07, 0x00, 0x03, 0x28)); /* stops at 128-bit */
    check(f, 1, B(0x04, 0x15, 0x00, 0xFF, 0xFF), B(0x01, 0x04, 0x15, 0x00, 0x0A));
    check(f, 1, B(0x04, 0x00, 0x00, 0x05, 0x00), B(0x01, 0x04, 0x00, 0x00, 0x01));
    check(f, 1, B(0x04, 0x05, 0x00, 0x04, 0x00), B(0x01, 0x04, 0x05, 0x00, 0x01));
    exchange(f, 1, 247);
    uint8_t rsp[VDEV_ATT_MAX_MTU];
    int n = vdev_att_server_handle(f->db, 1, B(0x04, 0x0D, 0x00, 0xFF, 0xFF), rsp, sizeof(rsp));
    assert_int_equal(n, 2 + 8 * 4);     /* 13..20 */
}

static void find_by_type_value(void **state)
{
    struct fx *f = *state;
    check(f, 1, B(0x06, 0x01, 0x00, 0xFF, 0xFF, 0x00, 0x28, 0x0F, 0x18), B(0x07, 0x01, 0x00, 0x05, 0x00));
    check(f, 1, B(0x06, 0x01, 0x00, 0xFF, 0xFF, 0x00, 0x28, NUS(1)), B(0x07, 0x06, 0x00, 0x0C, 0x00));
    check(f, 1, B(0x06, 0x01, 0x00, 0xFF, 0xFF, 0x00, 0x28, 0xFB, 0x34, 0x9B, 0x5F, 0x80, 0x00, 0x00, 0x80, 0x00, 0x10,
                  0x00, 0x00, 0x0A, 0x18, 0x00, 0x00),
          B(0x07, 0x11, 0x00, 0x14, 0x00)); /* 128-bit form of 180A */
    check(f, 1, B(0x06, 0x01, 0x00, 0xFF, 0xFF, 0x01, 0x28, 0x34, 0x12), B(0x07, 0x0D, 0x00, 0x10, 0x00));
    check(f, 1, B(0x06, 0x02, 0x00, 0xFF, 0xFF, 0x00, 0x28, 0x0F, 0x18), B(0x01, 0x06, 0x02, 0x00, 0x0A));
    check(f, 1, B(0x06, 0x01, 0x00, 0xFF, 0xFF, 0x00, 0x28, 0x11, 0x18), B(0x01, 0x06, 0x01, 0x00, 0x0A));
    /* a non-grouping attribute: its own handle ends the group */
    check(f, 1, B(0x06, 0x01, 0x00, 0xFF, 0xFF, 0x01, 0x29, 'B', 'a', 't', 't', 'e', 'r', 'y'),
          B(0x07, 0x05, 0x00, 0x05, 0x00));
    check(f, 1, B(0x06, 0x01, 0x00, 0xFF, 0xFF, 0x00), B(0x01, 0x06, 0x00, 0x00, 0x04));
    check(f, 1, B(0x06, 0x00, 0x00, 0xFF, 0xFF, 0x00, 0x28), B(0x01, 0x06, 0x00, 0x00, 0x01));
}

static void read_by_group_type(void **state)
{
    struct fx *f = *state;
    check(f, 1, B(0x10, 0x01, 0x00, 0xFF, 0xFF, 0x00, 0x28), B(0x11, 0x06, 0x01, 0x00, 0x05, 0x00, 0x0F, 0x18));
    check(f, 1, B(0x10, 0x07, 0x00, 0xFF, 0xFF, 0x00, 0x28), B(0x11, 0x06, 0x11, 0x00, 0x14, 0x00, 0x0A, 0x18));
    check(f, 1, B(0x10, 0x12, 0x00, 0xFF, 0xFF, 0x00, 0x28), B(0x01, 0x10, 0x12, 0x00, 0x0A));
    check(f, 1, B(0x10, 0x01, 0x00, 0xFF, 0xFF, 0x03, 0x28), B(0x01, 0x10, 0x01, 0x00, 0x10));
    check(f, 1, B(0x10, 0x01, 0x00, 0xFF, 0xFF, 0xFB, 0x34, 0x9B, 0x5F, 0x80, 0x00, 0x00, 0x80, 0x00, 0x10, 0x00, 0x00,
                  0x00, 0x28, 0x00, 0x00),
          B(0x11, 0x06, 0x01, 0x00, 0x05, 0x00, 0x0F, 0x18));
    check(f, 1, B(0x10, 0x01, 0x00, 0xFF, 0xFF, 0x00, 0x28, 0x00), B(0x01, 0x10, 0x00, 0x00, 0x04));
    check(f, 1, B(0x10, 0x09, 0x00, 0x08, 0x00, 0x00, 0x28), B(0x01, 0x10, 0x09, 0x00, 0x01));
}

static void read_by_type(void **state)
{
    struct fx *f = *state;
    check(f, 1, B(0x08, 0x01, 0x00, 0xFF, 0xFF, 0x03, 0x28), B(0x09, 0x07, 0x02, 0x00, 0x12, 0x03, 0x00, 0x19, 0x2A));
    check(f, 1, B(0x08, 0x01, 0x00, 0xFF, 0xFF, 0x19, 0x2A), B(0x09, 0x03, 0x03, 0x00, 0x64));
    check(f, 1, B(0x08, 0x01, 0x00, 0xFF, 0xFF, NUS(2)), B(0x01, 0x08, 0x08, 0x00, 0x02)); /* write-only */
    check(f, 1, B(0x08, 0x01, 0x00, 0x01, 0x00, 0x03, 0x28), B(0x01, 0x08, 0x01, 0x00, 0x0A));
    check(f, 1, B(0x08, 0x01, 0x00, 0xFF, 0xFF, 0x03), B(0x01, 0x08, 0x00, 0x00, 0x04));
    exchange(f, 1, 247);
    check(f, 1, B(0x08, 0x07, 0x00, 0xFF, 0xFF, 0x03, 0x28),
          B(0x09, 0x15, 0x07, 0x00, 0x0C, 0x08, 0x00, NUS(2), 0x09, 0x00, 0x32, 0x0A, 0x00, NUS(3)));
    /* a long value is cut to MTU - 4 */
    uint8_t v[30];
    for (int i = 0; i < 30; i++)
        v[i] = (uint8_t)i;
    assert_int_equal(vdev_gatt_db_set_value(f->db, 15, v, sizeof(v)), 0);
    uint8_t rsp[VDEV_ATT_MAX_MTU];
    assert_int_equal(vdev_att_server_handle(f->db, 2, B(0x08, 0x01, 0x00, 0xFF, 0xFF, 0x00, 0x2A), rsp, sizeof(rsp)), 23);
    expect_bytes(rsp, B(0x09, 0x15, 0x0F, 0x00));
    assert_memory_equal(rsp + 4, v, 19);
}

static void reads(void **state)
{
    struct fx *f = *state;
    uint8_t v[30], rsp[VDEV_ATT_MAX_MTU];
    for (int i = 0; i < 30; i++)
        v[i] = (uint8_t)(0x40 + i);
    assert_int_equal(vdev_gatt_db_set_value(f->db, 15, v, sizeof(v)), 0);
    check(f, 1, B(0x0A, 0x03, 0x00), B(0x0B, 0x64));
    check(f, 1, B(0x0A, 0x05, 0x00), B(0x0B, 'B', 'a', 't', 't', 'e', 'r', 'y'));
    check(f, 1, B(0x0A, 0x08, 0x00), B(0x01, 0x0A, 0x08, 0x00, 0x02));
    check(f, 1, B(0x0A, 0x00, 0x00), B(0x01, 0x0A, 0x00, 0x00, 0x01));
    check(f, 1, B(0x0A, 0x15, 0x00), B(0x01, 0x0A, 0x15, 0x00, 0x01));
    check(f, 1, B(0x0A, 0x04, 0x00), B(0x0B, 0x00, 0x00));
    assert_int_equal(vdev_att_server_handle(f->db, 1, B(0x0A, 0x0F, 0x00), rsp, sizeof(rsp)), 23);
    assert_memory_equal(rsp + 1, v, 22);
    assert_int_equal(vdev_att_server_handle(f->db, 1, B(0x0C, 0x0F, 0x00, 0x16, 0x00), rsp, sizeof(rsp)), 9);
    assert_int_equal(rsp[0], 0x0D);
    assert_memory_equal(rsp + 1, v + 22, 8);
    check(f, 1, B(0x0C, 0x0F, 0x00, 0x1E, 0x00), B(0x0D));
    check(f, 1, B(0x0C, 0x0F, 0x00, 0x1F, 0x00), B(0x01, 0x0C, 0x0F, 0x00, 0x07));
    check(f, 1, B(0x0C, 0x08, 0x00, 0x00, 0x00), B(0x01, 0x0C, 0x08, 0x00, 0x02));
    check(f, 1, B(0x0E, 0x03, 0x00, 0x05, 0x00), B(0x0F, 0x64, 'B', 'a', 't', 't', 'e', 'r', 'y'));
    check(f, 1, B(0x0E, 0x03, 0x00, 0x08, 0x00), B(0x01, 0x0E, 0x08, 0x00, 0x02));
    check(f, 1, B(0x0E, 0x03, 0x00, 0x30, 0x00), B(0x01, 0x0E, 0x30, 0x00, 0x01));
    check(f, 1, B(0x0E, 0x03, 0x00, 0x05), B(0x01, 0x0E, 0x00, 0x00, 0x04));
    check(f, 1, B(0x0E, 0x03, 0x00), B(0x01, 0x0E, 0x00, 0x00, 0x04));
    assert_int_equal(vdev_att_server_handle(f->db, 1, B(0x0E, 0x03, 0x00, 0x0F, 0x00), rsp, sizeof(rsp)), 23);
    assert_memory_equal(rsp + 2, v, 21);
}

static void writes_and_cccd(void **state)
{
    struct fx *f = *state;
    check(f, 1, B(0x12, 0x08, 0x00, 'A', 'B'), B(0x13));
    check_value(f, 8, B('A', 'B'));
    assert_int_equal(f->rec.writes, 1);
    assert_int_equal(f->rec.handle, 8);
    assert_int_equal(f->rec.len, 2);
    assert_true(f->rec.with_rsp);
    no_rsp(f, 2, B(0x52, 0x08, 0x00, 'C'));
    check_value(f, 8, B('C'));
    assert_int_equal(f->rec.writes, 2);
    assert_int_equal(f->rec.conn, 2);
    assert_false(f->rec.with_rsp);
    check(f, 1, B(0x12, 0x08, 0x00), B(0x13));         /* an empty value */
    check_value(f, 8, NULL, 0);
    struct snap *s = snap_take(f->db);
    check(f, 1, B(0x12, 0x03, 0x00, 0x01), B(0x01, 0x12, 0x03, 0x00, 0x03));
    check(f, 1, B(0x12, 0x02, 0x00, 0x01), B(0x01, 0x12, 0x02, 0x00, 0x03));
    check(f, 1, B(0x12, 0x05, 0x00, 0x01), B(0x01, 0x12, 0x05, 0x00, 0x03));
    check(f, 1, B(0x12, 0x00, 0x00, 0x01), B(0x01, 0x12, 0x00, 0x00, 0x01));
    check(f, 1, B(0x12, 0x15, 0x00, 0x01), B(0x01, 0x12, 0x15, 0x00, 0x01));
    check(f, 1, B(0x12, 0x04, 0x00, 0x01), B(0x01, 0x12, 0x04, 0x00, 0x0D));
    check(f, 1, B(0x12, 0x04, 0x00, 0x01, 0x00, 0x00), B(0x01, 0x12, 0x04, 0x00, 0x0D));
    no_rsp(f, 1, B(0x52, 0x03, 0x00, 0x01));
    no_rsp(f, 1, B(0x52, 0x15, 0x00, 0x01));
    no_rsp(f, 1, B(0x52, 0x04, 0x00, 0x01));
    snap_check(f->db, s);
    assert_int_equal(f->rec.writes, 3);
    assert_int_equal(f->rec.cccds, 0);
    /* CCCDs are per connection */
    check(f, 1, B(0x12, 0x04, 0x00, 0x01, 0x00), B(0x13));
    assert_int_equal(f->rec.cccds, 1);
    assert_int_equal(f->rec.value_handle, 3);
    assert_int_equal(f->rec.cccd, 1);
    no_rsp(f, 2, B(0x52, 0x0B, 0x00, 0x02, 0x00));
    assert_int_equal(f->rec.value_handle, 10);
    assert_int_equal(f->rec.conn, 2);
    assert_int_equal(vdev_gatt_db_cccd(f->db, 1, 3), 1);
    assert_int_equal(vdev_gatt_db_cccd(f->db, 2, 3), 0);
    assert_int_equal(vdev_gatt_db_cccd(f->db, 1, 10), 0);
    assert_int_equal(vdev_gatt_db_cccd(f->db, 2, 10), 2);
    assert_int_equal(vdev_gatt_db_cccd(f->db, 1, 8), 0);
    check(f, 1, B(0x0A, 0x04, 0x00), B(0x0B, 0x01, 0x00));
    check(f, 2, B(0x0A, 0x04, 0x00), B(0x0B, 0x00, 0x00));
    check(f, 1, B(0x08, 0x01, 0x00, 0xFF, 0xFF, 0x02, 0x29), B(0x09, 0x04, 0x04, 0x00, 0x01, 0x00, 0x0B, 0x00, 0x00, 0x00));
    check(f, 2, B(0x08, 0x01, 0x00, 0xFF, 0xFF, 0x02, 0x29), B(0x09, 0x04, 0x04, 0x00, 0x00, 0x00, 0x0B, 0x00, 0x02, 0x00));
    check(f, 2, B(0x06, 0x01, 0x00, 0xFF, 0xFF, 0x02, 0x29, 0x02, 0x00), B(0x07, 0x0B, 0x00, 0x0B, 0x00));
    vdev_gatt_db_conn_close(f->db, 2);
    assert_int_equal(vdev_gatt_db_conn_open(f->db, 2), 0);
    assert_int_equal(vdev_gatt_db_cccd(f->db, 2, 10), 0);
    assert_int_equal(vdev_gatt_db_cccd(f->db, 1, 3), 1);
}

static void prepared_writes(void **state)
{
    struct fx *f = *state;
    uint8_t rsp[VDEV_ATT_MAX_MTU];
    check(f, 1, B(0x16, 0x08, 0x00, 0x00, 0x00, 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n',
                  'o', 'p', 'q', 'r'),
          B(0x17, 0x08, 0x00, 0x00, 0x00, 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o',
            'p', 'q', 'r'));
    check(f, 1, B(0x16, 0x08, 0x00, 0x12, 0x00, 's', 't', 'u'), B(0x17, 0x08, 0x00, 0x12, 0x00, 's', 't', 'u'));
    check_value(f, 8, NULL, 0);
    check(f, 2, B(0x18, 0x01), B(0x19));               /* the queue is per connection */
    check_value(f, 8, NULL, 0);
    assert_int_equal(f->rec.writes, 0);
    check(f, 1, B(0x18, 0x01), B(0x19));
    check_value(f, 8, (const uint8_t *)"abcdefghijklmnopqrstu", 21);
    assert_int_equal(f->rec.writes, 1);
    assert_int_equal(f->rec.len, 21);
    assert_true(f->rec.with_rsp);
    check(f, 1, B(0x18, 0x01), B(0x19));               /* nothing queued */
    assert_int_equal(f->rec.writes, 1);
    /* cancel */
    check(f, 1, B(0x16, 0x08, 0x00, 0x00, 0x00, 'X'), B(0x17, 0x08, 0x00, 0x00, 0x00, 'X'));
    check(f, 1, B(0x18, 0x00), B(0x19));
    check(f, 1, B(0x18, 0x01), B(0x19));
    check_value(f, 8, (const uint8_t *)"abcdefghijklmnopqrstu", 21);
    /* an offset past the value: checked at execution, nothing written, queue gone */
    struct snap *s = snap_take(f->db);
    check(f, 1, B(0x16, 0x08, 0x00, 0x00, 0x00, 'Y'), B(0x17, 0x08, 0x00, 0x00, 0x00, 'Y'));
    check(f, 1, B(0x16, 0x08, 0x00, 0x16, 0x00, 'Z'), B(0x17, 0x08, 0x00, 0x16, 0x00, 'Z'));
    check(f, 1, B(0x18, 0x01), B(0x01, 0x18, 0x08, 0x00, 0x07));
    check(f, 1, B(0x18, 0x01), B(0x19));
    /* a value past 244 */
    uint8_t big[240];
    memset(big, 'v', sizeof(big));
    assert_int_equal(vdev_gatt_db_set_value(f->db, 8, big, sizeof(big)), 0);
    check(f, 1, B(0x16, 0x08, 0x00, 0xF0, 0x00, 1, 2, 3, 4, 5), B(0x17, 0x08, 0x00, 0xF0, 0x00, 1, 2, 3, 4, 5));
    check(f, 1, B(0x18, 0x01), B(0x01, 0x18, 0x08, 0x00, 0x0D));
    check_value(f, 8, big, sizeof(big));
    assert_int_equal(vdev_gatt_db_set_value(f->db, 8, (const uint8_t *)"abcdefghijklmnopqrstu", 21), 0);
    /* a bad part anywhere: no part is written */
    check(f, 1, B(0x16, 0x08, 0x00, 0x00, 0x00, 'Q'), B(0x17, 0x08, 0x00, 0x00, 0x00, 'Q'));
    check(f, 1, B(0x16, 0x04, 0x00, 0x00, 0x00, 0x01), B(0x17, 0x04, 0x00, 0x00, 0x00, 0x01));
    check(f, 1, B(0x18, 0x01), B(0x01, 0x18, 0x04, 0x00, 0x0D));
    /* prepare errors, bad flags */
    check(f, 1, B(0x16, 0x03, 0x00, 0x00, 0x00, 0x01), B(0x01, 0x16, 0x03, 0x00, 0x03));
    check(f, 1, B(0x16, 0x00, 0x00, 0x00, 0x00, 0x01), B(0x01, 0x16, 0x00, 0x00, 0x01));
    check(f, 1, B(0x16, 0x15, 0x00, 0x00, 0x00, 0x01), B(0x01, 0x16, 0x15, 0x00, 0x01));
    check(f, 1, B(0x18, 0x02), B(0x01, 0x18, 0x00, 0x00, 0x04));
    snap_check(f->db, s);
    assert_int_equal(f->rec.writes, 1);
    /* the queue is bounded */
    for (int i = 0; i < 16; i++)
        check(f, 1, B(0x16, 0x08, 0x00, 0x00, 0x00, 'w'), B(0x17, 0x08, 0x00, 0x00, 0x00, 'w'));
    check(f, 1, B(0x16, 0x08, 0x00, 0x00, 0x00, 'w'), B(0x01, 0x16, 0x08, 0x00, 0x09));
    check(f, 1, B(0x18, 0x00), B(0x19));
    /* a CCCD in two parts */
    check(f, 2, B(0x16, 0x0B, 0x00, 0x00, 0x00, 0x02), B(0x17, 0x0B, 0x00, 0x00, 0x00, 0x02));
    check(f, 2, B(0x16, 0x0B, 0x00, 0x01, 0x00, 0x00), B(0x17, 0x0B, 0x00, 0x01, 0x00, 0x00));
    check(f, 2, B(0x18, 0x01), B(0x19));
    assert_int_equal(vdev_gatt_db_cccd(f->db, 2, 10), 2);
    assert_int_equal(f->rec.cccds, 1);
    assert_int_equal(f->rec.cccd, 2);
    /* a long write at MTU 247 */
    exchange(f, 1, 247);
    uint8_t req[VDEV_ATT_MAX_MTU] = {0x16, 0x08, 0x00, 0x00, 0x00};
    memset(req + 5, 'L', 242);
    assert_int_equal(vdev_att_server_handle(f->db, 1, req, 247, rsp, sizeof(rsp)), 247);
    check(f, 1, B(0x16, 0x08, 0x00, 0xF2, 0x00, 'M', 'N'), B(0x17, 0x08, 0x00, 0xF2, 0x00, 'M', 'N'));
    check(f, 1, B(0x18, 0x01), B(0x19));
    assert_int_equal(vdev_gatt_db_get_value(f->db, 8, rsp, sizeof(rsp)), 244);
    assert_int_equal(rsp[241], 'L');
    assert_int_equal(rsp[243], 'N');
}

#include "test_att_codec.inc"
#include "test_att_hostile.inc"
#include "test_att_disc.inc"

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(db_layout, setup, teardown),
        cmocka_unit_test_setup_teardown(db_api_errors, setup, teardown),
        cmocka_unit_test(uuids),
        cmocka_unit_test_setup_teardown(mtu_exchange, setup, teardown),
        cmocka_unit_test_setup_teardown(find_information, setup, teardown),
        cmocka_unit_test_setup_teardown(find_by_type_value, setup, teardown),
        cmocka_unit_test_setup_teardown(read_by_group_type, setup, teardown),
        cmocka_unit_test_setup_teardown(read_by_type, setup, teardown),
        cmocka_unit_test_setup_teardown(reads, setup, teardown),
        cmocka_unit_test_setup_teardown(writes_and_cccd, setup, teardown),
        cmocka_unit_test_setup_teardown(prepared_writes, setup, teardown),
        cmocka_unit_test(codec),
        cmocka_unit_test_setup_teardown(hostile_truncated, setup, teardown),
        cmocka_unit_test_setup_teardown(hostile_out_of_order, setup, teardown),
        cmocka_unit_test_setup_teardown(hostile_oversized, setup, teardown),
        cmocka_unit_test_setup_teardown(overlong_lists, setup, teardown),
        cmocka_unit_test_setup_teardown(discovery_mtu23, setup, teardown),
        cmocka_unit_test_setup_teardown(discovery_mtu247, setup, teardown),
        cmocka_unit_test_setup_teardown(discovery_services_only, setup, teardown),
        cmocka_unit_test_setup_teardown(discovery_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(discovery_malformed, setup, teardown),
        cmocka_unit_test(discovery_caps),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
