/* tests/fuzz/fuzz_att.c - libFuzzer target for the ATT/GATT implementation
 * (ble-bridge/att.c, gatt_db.c, att_server.c, gatt_disc.c). The input is a
 * flags byte then length-prefixed PDUs. Each PDU goes to the server of a
 * fixed database on one of two connections (alternating), to the client
 * decoders, and as an answer to a discovery procedure; the UUID parser gets
 * the input's start as text. Checks: responses fit the connection's MTU and
 * answer the request, the table's structure never changes, values stay
 * within 244 bytes, callbacks report real handles, discovery stays within
 * its arrays. Build and run: see tests/fuzz/README.md. */
#include "att.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define CHECK(c) do { if (!(c)) __builtin_trap(); } while (0)

#define CONN_A 0x0001
#define CONN_B 0x0EFF

struct fixture {
    struct vdev_gatt_db *db;
    uint16_t count;
    uint8_t decl[32][VDEV_ATT_MAX_VALUE]; /* declarations (handles < 32) as built */
    int decl_len[32];
};

static void on_write(void *ctx, uint16_t conn, uint16_t handle, const uint8_t *data, size_t len, bool with_rsp)
{
    struct fixture *f = ctx;
    (void)with_rsp;
    CHECK(conn == CONN_A || conn == CONN_B);
    CHECK(handle >= 1 && handle <= f->count);
    CHECK(len <= VDEV_ATT_MAX_VALUE && (data || len == 0));
    CHECK(vdev_gatt_db_props(f->db, handle) >= 0); /* only values are writable */
}

static void on_cccd(void *ctx, uint16_t conn, uint16_t value_handle, uint16_t cccd)
{
    struct fixture *f = ctx;
    CHECK(conn == CONN_A || conn == CONN_B);
    int props = vdev_gatt_db_props(f->db, value_handle);
    CHECK(props >= 0 && (props & (VDEV_GATT_PROP_NOTIFY | VDEV_GATT_PROP_INDICATE)));
    CHECK(vdev_gatt_db_cccd(f->db, conn, value_handle) == cccd);
}

static void on_confirm(void *ctx, uint16_t conn)
{
    (void)ctx;
    CHECK(conn == CONN_A || conn == CONN_B);
}

static void on_mtu(void *ctx, uint16_t conn, uint16_t mtu)
{
    struct fixture *f = ctx;
    CHECK(mtu >= VDEV_ATT_DEFAULT_MTU && mtu <= VDEV_ATT_MAX_MTU && vdev_gatt_db_mtu(f->db, conn) == mtu);
}

/* 1 svc 180F: 2 decl 3 value R|N 4 CCCD 5 desc; 6 svc 128-bit: 7 decl 8 value
 * W|WwR; 9 decl 10 value R|N|I 11 CCCD 12 desc; 13 secondary: 14 decl 15
 * value R|W 16 descriptor 2904, 17 decl 18 value W */
static void build(struct fixture *f, uint16_t local_mtu)
{
    struct vdev_att_server_cb cb = {on_write, on_cccd, on_confirm, on_mtu, f};
    struct vdev_uuid u;
    struct vdev_gatt_char_handles h;
    uint16_t s, d;
    f->db = vdev_gatt_db_new(&cb);
    CHECK(f->db);
    vdev_gatt_db_set_local_mtu(f->db, local_mtu);
    u = vdev_uuid16(0x180F);
    CHECK(vdev_gatt_db_add_service(f->db, &u, true, &s) == 0);
    u = vdev_uuid16(0x2A19);
    CHECK(vdev_gatt_db_add_char(f->db, s, &u, VDEV_GATT_PROP_READ | VDEV_GATT_PROP_NOTIFY, "Battery", &h) == 0);
    CHECK(vdev_gatt_db_set_value(f->db, h.value, (const uint8_t *)"\x64", 1) == 0);
    CHECK(vdev_uuid_parse("6E400001-B5A3-F393-E0A9-E50E24DCCA9E", &u) == 0);
    CHECK(vdev_gatt_db_add_service(f->db, &u, true, &s) == 0);
    u.b[12] = 2;
    CHECK(vdev_gatt_db_add_char(f->db, s, &u, VDEV_GATT_PROP_WRITE | VDEV_GATT_PROP_WRITE_WO_RESP, NULL, &h) == 0);
    u.b[12] = 3;
    CHECK(vdev_gatt_db_add_char(f->db, s, &u, 0x32, "A rather long user description, longer than one MTU", &h) == 0);
    u = vdev_uuid16(0x1234);
    CHECK(vdev_gatt_db_add_service(f->db, &u, false, &s) == 0);
    u = vdev_uuid16(0x2A00);
    CHECK(vdev_gatt_db_add_char(f->db, s, &u, VDEV_GATT_PROP_READ | VDEV_GATT_PROP_WRITE, NULL, &h) == 0);
    u = vdev_uuid16(0x2904);
    CHECK(vdev_gatt_db_add_desc(f->db, h.value, &u, (const uint8_t *)"\x04\x00\x00\x27\x01\x00\x00", 7, &d) == 0);
    u = vdev_uuid16(0x2A01);
    CHECK(vdev_gatt_db_add_char(f->db, s, &u, VDEV_GATT_PROP_WRITE, NULL, &h) == 0);
    f->count = vdev_gatt_db_count(f->db);
    CHECK(f->count == 18);
    for (uint16_t i = 1; i <= f->count; i++)
        f->decl_len[i] = vdev_gatt_db_props(f->db, i) >= 0 ? -1
                                                          : vdev_gatt_db_get_value(f->db, i, f->decl[i], VDEV_ATT_MAX_VALUE);
    CHECK(vdev_gatt_db_conn_open(f->db, CONN_A) == 0);
    CHECK(vdev_gatt_db_conn_open(f->db, CONN_B) == 0);
}

static void check_db(const struct fixture *f)
{
    uint8_t v[VDEV_ATT_MAX_VALUE + 16];
    CHECK(vdev_gatt_db_count(f->db) == f->count);
    for (uint16_t i = 1; i <= f->count; i++) {
        int n = vdev_gatt_db_get_value(f->db, i, v, sizeof(v));
        CHECK(n >= 0 && n <= VDEV_ATT_MAX_VALUE);
        /* declarations, CCCDs' shared value and read-only descriptors never change */
        if (f->decl_len[i] >= 0) {
            CHECK(n == f->decl_len[i]);
            CHECK(memcmp(v, f->decl[i], (size_t)n) == 0);
        }
    }
    uint16_t mtu_a = vdev_gatt_db_mtu(f->db, CONN_A), mtu_b = vdev_gatt_db_mtu(f->db, CONN_B);
    CHECK(mtu_a >= VDEV_ATT_DEFAULT_MTU && mtu_a <= VDEV_ATT_MAX_MTU);
    CHECK(mtu_b >= VDEV_ATT_DEFAULT_MTU && mtu_b <= VDEV_ATT_MAX_MTU);
}

/* The response answers the request: its response opcode or an error about it. */
static void check_rsp(const uint8_t *pdu, size_t len, const uint8_t *rsp, int n, uint16_t mtu)
{
    CHECK(n >= 0 && n <= mtu);
    if (n == 0)
        return;
    CHECK(len >= 1 && !(pdu[0] & 0x40) && pdu[0] != VDEV_ATT_HANDLE_VALUE_CFM);
    if (rsp[0] == VDEV_ATT_ERROR_RSP) {
        uint8_t op, code;
        uint16_t h;
        CHECK(vdev_att_dec_error(rsp, (size_t)n, &op, &h, &code) == 0);
        CHECK(op == pdu[0] && code != 0);
    } else {
        CHECK(rsp[0] == pdu[0] + 1);
    }
}

static void decoders(const uint8_t *p, size_t len)
{
    uint8_t op, code;
    uint16_t h, mtu;
    const uint8_t *v;
    size_t vlen;
    bool ind;
    if (vdev_att_dec_error(p, len, &op, &h, &code) == 0)
        CHECK(len == 5);
    if (vdev_att_dec_mtu_rsp(p, len, &mtu) == 0)
        CHECK(len == 3);
    if (vdev_att_dec_notify(p, len, &h, &v, &vlen, &ind) == 0)
        CHECK(v == p + 3 && vlen + 3 == len);
    if (vdev_att_dec_read_rsp(p, len, &v, &vlen) == 0)
        CHECK(v == p + 1 && vlen + 1 == len);
    (void)vdev_att_is_server_pdu(p, len);
}

static void check_disc(const struct vdev_gatt_discovery *d, int rc, size_t out_len)
{
    CHECK(rc == 0 || rc == 1 || rc == -EBADMSG || rc == -EAGAIN);
    CHECK(rc != 0 || (out_len >= 3 && out_len <= 7));
    CHECK(d->nservices >= 0 && d->nservices <= VDEV_GATT_MAX_SERVICES);
    CHECK(d->nchrs >= 0 && d->nchrs <= VDEV_GATT_MAX_CHARS);
    for (int i = 0; i < d->nservices; i++)
        CHECK(d->services[i].start >= 1 && d->services[i].start <= d->services[i].end);
    for (int i = 0; i < d->nchrs; i++) {
        const struct vdev_gatt_chr *c = &d->chrs[i];
        CHECK(c->service >= 0 && c->service < d->nservices);
        CHECK(c->decl < c->value && c->decl >= d->services[c->service].start);
        CHECK(c->value <= d->services[c->service].end);
        CHECK(memchr(c->desc, '\0', sizeof(c->desc)));
    }
}

static void uuid_text(const uint8_t *data, size_t size)
{
    char s[40], text[37];
    struct vdev_uuid u, again;
    size_t n = size < sizeof(s) - 1 ? size : sizeof(s) - 1;
    memcpy(s, data, n);
    s[n] = '\0';
    if (vdev_uuid_parse(s, &u) != 0)
        return;
    vdev_uuid_format(&u, text);
    CHECK(vdev_uuid_parse(text, &again) == 0 && vdev_uuid_eq(&u, &again));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const uint16_t local_mtus[] = {247, 23, 64, 185};
    struct fixture *f = calloc(1, sizeof(*f));
    struct vdev_gatt_discovery *d = calloc(1, sizeof(*d));
    uint8_t rsp[VDEV_ATT_MAX_MTU], out[VDEV_ATT_MAX_MTU];
    size_t out_len = 0;
    CHECK(f && d);
    uuid_text(data, size);
    uint8_t flags = size ? data[0] : 0;
    build(f, local_mtus[flags & 3]);
    uint16_t disc_mtu = (flags & 4) ? 23 : 247;
    int drc = vdev_gatt_discovery_start(d, (flags & 8) == 0, disc_mtu, out, sizeof(out), &out_len);
    CHECK(drc == 0 && out_len == 7);
    size_t pos = size ? 1 : 0;
    for (int k = 0; pos < size; k++) {
        size_t len = data[pos++];
        if (len > size - pos)
            len = size - pos;
        const uint8_t *pdu = data + pos;
        pos += len;
        uint16_t conn = (k + (flags >> 4)) % 2 ? CONN_B : CONN_A;
        uint16_t mtu = vdev_gatt_db_mtu(f->db, conn);
        int n = vdev_att_server_handle(f->db, conn, pdu, len, rsp, sizeof(rsp));
        check_rsp(pdu, len, rsp, n, mtu);
        check_db(f);
        decoders(pdu, len);
        if (n > 0)
            decoders(rsp, (size_t)n);
        if (drc == 0 || drc == -EAGAIN) {
            drc = vdev_gatt_discovery_step(d, pdu, len, out, sizeof(out), &out_len);
            check_disc(d, drc, out_len);
        }
    }
    /* whatever the peer did, the structure is intact: a discovery over it finds it all */
    uint16_t mtu = vdev_gatt_db_mtu(f->db, CONN_A);
    drc = vdev_gatt_discovery_start(d, true, mtu, out, sizeof(out), &out_len);
    for (int steps = 0; drc == 0; steps++) {
        CHECK(steps < 64 && out_len <= mtu);
        int n = vdev_att_server_handle(f->db, CONN_A, out, out_len, rsp, sizeof(rsp));
        CHECK(n > 0 && n <= mtu);
        drc = vdev_gatt_discovery_step(d, rsp, (size_t)n, out, sizeof(out), &out_len);
    }
    CHECK(drc == 1);
    check_disc(d, drc, out_len);
    CHECK(d->nservices == 2 && d->nchrs == 3);
    CHECK(d->chrs[0].cccd == 4 && d->chrs[0].user_desc == 5 && strcmp(d->chrs[0].desc, "Battery") == 0);
    CHECK(d->chrs[1].value == 8 && d->chrs[1].end == 8 && d->chrs[1].props == 0x0C);
    CHECK(d->chrs[2].cccd == 11 && d->chrs[2].end == 12);
    CHECK(strcmp(d->chrs[2].desc, "A rather long user description, longer than one MTU") == 0);
    vdev_gatt_db_free(f->db);
    free(f);
    free(d);
    return 0;
}
