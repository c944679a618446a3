/* tests/unit/test_btsnoop.c - ble-bridge/btsnoop.c and snoop.c: a capture
 * written through the vdev_ble_snoop_* API, checked byte for byte (file
 * header, record headers, timestamps, H4 packets), plus the HCI exchanges
 * that updates, scan responses, connections and cancels turn into. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "ble_transport.h"
#include "btsnoop.h"
#include "hci.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char path[64];

static int setup(void **state)
{
    (void)state;
    strcpy(path, "/tmp/test_btsnoop_XXXXXX");
    int fd = mkstemp(path);
    if (fd < 0)
        return -1;
    close(fd);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    vdev_ble_snoop_close();
    unlink(path);
    return 0;
}

static uint8_t *slurp(size_t *n)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    uint8_t *buf = malloc(1 << 16);
    *n = fread(buf, 1, 1 << 16, f);
    fclose(f);
    return buf;
}

/* One parsed record. */
struct rec {
    uint32_t flags;
    uint64_t ts;
    uint8_t h4;
    const uint8_t *pkt;
    size_t len;
};

static uint32_t be32(const uint8_t *p) { return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | p[2] << 8 | p[3]; }

/* Split a capture into records, checking each record's framing. */
static size_t records(const uint8_t *f, size_t n, struct rec *out, size_t max)
{
    assert_true(n >= 16);
    size_t off = 16, k = 0;
    while (off < n) {
        assert_true(n - off >= 24);
        uint32_t orig = be32(f + off), incl = be32(f + off + 4);
        assert_int_equal(orig, incl);
        assert_int_equal(be32(f + off + 12), 0); /* drops */
        assert_true(incl >= 1 && n - off - 24 >= incl);
        assert_true(k < max);
        out[k].flags = be32(f + off + 8);
        out[k].ts = (uint64_t)be32(f + off + 16) << 32 | be32(f + off + 20);
        out[k].h4 = f[off + 24];
        out[k].pkt = f + off + 25;
        out[k].len = incl - 1;
        off += 24 + incl;
        k++;
    }
    assert_int_equal(off, n);
    return k;
}

static uint16_t cmd_opcode(const struct rec *r)
{
    assert_int_equal(r->h4, VDEV_H4_CMD);
    assert_int_equal(r->flags, 2);
    uint16_t op;
    const uint8_t *p;
    size_t plen;
    assert_int_equal(vdev_hci_decode_cmd(r->pkt, r->len, &op, &p, &plen), 0);
    return op;
}

static void decode_evt(const struct rec *r, struct vdev_hci_event *ev)
{
    assert_int_equal(r->h4, VDEV_H4_EVT);
    assert_int_equal(r->flags, 3);
    assert_int_equal(vdev_hci_decode_event(r->pkt, r->len, ev), 0);
}

static const struct vdev_ble_adv ADV = {
    .addr = {1, 2, 3, 4, 5, 6}, .type = 0, .interval_us = 100000, .data_len = 3, .data = {0x02, 0x01, 0x06}};

static void exact_bytes(void **state)
{
    (void)state;
    assert_false(vdev_ble_snoop_enabled());
    assert_int_equal(vdev_ble_snoop_open(path), 0);
    assert_true(vdev_ble_snoop_enabled());
    vdev_ble_snoop_adv_start(1000, &ADV);
    static const uint8_t ntf[] = {0x1B, 0x03, 0x00, 0x2A};
    vdev_ble_snoop_acl(1000, 0x40, false, ntf, sizeof ntf);

    /* everything is in the file before it is closed */
    size_t n;
    uint8_t *f = slurp(&n);
#define TS 0x00, 0xE2, 0x78, 0xBB, 0xD1, 0x29, 0xC3, 0xE8 /* 2020-01-01 00:00:00.001 since 0 AD, in us */
#define ZERO31 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
    static const uint8_t want[] = {
        'b', 't', 's', 'n', 'o', 'o', 'p', 0, 0, 0, 0, 1, 0, 0, 0x03, 0xEA,
        /* LE Set Advertising Parameters: 100 ms, ADV_IND, public, all channels */
        0, 0, 0, 19, 0, 0, 0, 19, 0, 0, 0, 2, 0, 0, 0, 0, TS,
        0x01, 0x06, 0x20, 0x0F, 0xA0, 0x00, 0xA0, 0x00, 0x00, 0x00, 0x00, 0, 0, 0, 0, 0, 0, 0x07, 0x00,
        0, 0, 0, 7, 0, 0, 0, 7, 0, 0, 0, 3, 0, 0, 0, 0, TS, 0x04, 0x0E, 0x04, 0x01, 0x06, 0x20, 0x00,
        /* LE Set Advertising Data */
        0, 0, 0, 36, 0, 0, 0, 36, 0, 0, 0, 2, 0, 0, 0, 0, TS,
        0x01, 0x08, 0x20, 0x20, 0x03, 0x02, 0x01, 0x06, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 7, 0, 0, 0, 7, 0, 0, 0, 3, 0, 0, 0, 0, TS, 0x04, 0x0E, 0x04, 0x01, 0x08, 0x20, 0x00,
        /* LE Set Scan Response Data (empty) */
        0, 0, 0, 36, 0, 0, 0, 36, 0, 0, 0, 2, 0, 0, 0, 0, TS, 0x01, 0x09, 0x20, 0x20, 0x00, ZERO31,
        0, 0, 0, 7, 0, 0, 0, 7, 0, 0, 0, 3, 0, 0, 0, 0, TS, 0x04, 0x0E, 0x04, 0x01, 0x09, 0x20, 0x00,
        /* LE Set Advertise Enable (1) */
        0, 0, 0, 5, 0, 0, 0, 5, 0, 0, 0, 2, 0, 0, 0, 0, TS, 0x01, 0x0A, 0x20, 0x01, 0x01,
        0, 0, 0, 7, 0, 0, 0, 7, 0, 0, 0, 3, 0, 0, 0, 0, TS, 0x04, 0x0E, 0x04, 0x01, 0x0A, 0x20, 0x00,
        /* received ACL: ATT Handle Value Notification over L2CAP CID 4 */
        0, 0, 0, 13, 0, 0, 0, 13, 0, 0, 0, 1, 0, 0, 0, 0, TS,
        0x02, 0x40, 0x20, 0x08, 0x00, 0x04, 0x00, 0x04, 0x00, 0x1B, 0x03, 0x00, 0x2A,
    };
    assert_int_equal(n, sizeof want);
    assert_memory_equal(f, want, sizeof want);
    assert_memory_equal(f, "btsnoop\0\0\0\0\1\0\0\x03\xea", 16);
    free(f);

    /* reopening truncates */
    vdev_ble_snoop_close();
    assert_false(vdev_ble_snoop_enabled());
    assert_int_equal(vdev_ble_snoop_open(path), 0);
    vdev_ble_snoop_close();
    f = slurp(&n);
    assert_int_equal(n, 16);
    free(f);
}

static void sequences(void **state)
{
    (void)state;
    assert_int_equal(vdev_ble_snoop_open(path), 0);
    struct vdev_ble_adv a = ADV;
    a.addr_type = 1; /* random static */
    a.addr[5] = 0xC3;
    vdev_ble_snoop_adv_start(0, &a);          /* 10 records: random address first */
    vdev_ble_snoop_adv_start(5, &a);          /* an update: 12 (disable first) */
    struct vdev_ble_report r = {.addr = {9, 8, 7, 6, 5, 4}, .adv_type = 5, .rssi = -70, .has_sr = true,
                                .data_len = 3, .data = {2, 1, 6}, .sr_len = 2, .sr = {1, 9}};
    vdev_ble_snoop_report(10, &r);            /* 2 */
    struct vdev_ble_conn_params cp = {.interval_us = 30000, .latency = 2, .timeout_us = 4000000};
    vdev_ble_snoop_connect(20, r.addr, 0, &cp); /* 2 */
    vdev_ble_snoop_connected(30, 0x41, true, r.addr, 0, &cp); /* 1 */
    vdev_ble_snoop_connect_cancel(40);        /* 2: nothing to cancel */
    vdev_ble_snoop_connect(50, r.addr, 0, &cp); /* 2 */
    vdev_ble_snoop_connect_cancel(60);        /* 3 */
    vdev_ble_snoop_disconnect(70, 0x41, 0x13); /* 2 */
    vdev_ble_snoop_disconnected(80, 0x41, 0x16); /* 1 */
    static const uint8_t req[] = {0x02, 0xF7, 0x00};
    vdev_ble_snoop_acl(90, 0x41, true, req, sizeof req); /* 1 */
    struct vdev_ble_scan s = {.active = true, .interval_us = 100000, .window_us = 100000};
    vdev_ble_snoop_scan_start(100, &s);       /* 4 */
    vdev_ble_snoop_scan_stop(110);            /* 2 */
    vdev_ble_snoop_adv_stop(120);             /* 2 */
    vdev_ble_snoop_close();

    size_t n;
    uint8_t *f = slurp(&n);
    struct rec rec[64];
    size_t k = records(f, n, rec, 64);
    assert_int_equal(k, 10 + 12 + 2 + 2 + 1 + 2 + 2 + 3 + 2 + 1 + 1 + 4 + 2 + 2);
    struct vdev_hci_event ev;
    size_t i = 0;
    static const uint16_t start_ops[] = {0x2005, 0x2006, 0x2008, 0x2009, 0x200A};
    for (int j = 0; j < 5; j++, i += 2) {
        assert_int_equal(cmd_opcode(&rec[i]), start_ops[j]);
        decode_evt(&rec[i + 1], &ev);
        assert_int_equal(ev.u.cmd_complete.opcode, start_ops[j]);
        assert_int_equal(rec[i].ts, rec[0].ts);
    }
    assert_memory_equal(rec[0].pkt + 3, a.addr, 6);
    assert_int_equal(rec[2].pkt[3 + 5], 1); /* own address type random */
    assert_int_equal(cmd_opcode(&rec[i]), 0x200A);
    assert_int_equal(rec[i].pkt[3], 0);    /* the update disables first */
    assert_int_equal(rec[i].ts - rec[0].ts, 5);
    i += 12;
    /* report + scan response as two LE Advertising Report events */
    decode_evt(&rec[i], &ev);
    assert_int_equal(ev.u.reports.r[0].event_type, VDEV_HCI_REPORT_SCAN_IND);
    assert_int_equal(ev.u.reports.r[0].rssi, -70);
    assert_memory_equal(ev.u.reports.r[0].addr, r.addr, 6);
    decode_evt(&rec[i + 1], &ev);
    assert_int_equal(ev.u.reports.r[0].event_type, VDEV_HCI_REPORT_SCAN_RSP);
    assert_int_equal(ev.u.reports.r[0].data_len, 2);
    i += 2;
    assert_int_equal(cmd_opcode(&rec[i]), 0x200D);
    decode_evt(&rec[i + 1], &ev);
    assert_int_equal(ev.code, VDEV_HCI_EV_CMD_STATUS);
    i += 2;
    decode_evt(&rec[i++], &ev);
    assert_int_equal(ev.subevent, VDEV_HCI_LE_CONN_COMPLETE);
    assert_int_equal(ev.u.conn.handle, 0x41);
    assert_int_equal(ev.u.conn.role, 0);
    assert_int_equal(ev.u.conn.interval, 24);
    assert_int_equal(ev.u.conn.latency, 2);
    assert_int_equal(ev.u.conn.timeout, 400);
    assert_int_equal(cmd_opcode(&rec[i]), 0x200E);
    decode_evt(&rec[i + 1], &ev);
    assert_int_equal(ev.u.cmd_complete.status, 0x0C); /* disallowed: not connecting */
    i += 2 + 2;
    assert_int_equal(cmd_opcode(&rec[i]), 0x200E);
    decode_evt(&rec[i + 1], &ev);
    assert_int_equal(ev.u.cmd_complete.status, 0);
    decode_evt(&rec[i + 2], &ev);
    assert_int_equal(ev.subevent, VDEV_HCI_LE_CONN_COMPLETE);
    assert_int_equal(ev.u.conn.status, VDEV_HCI_ERR_UNKNOWN_CONN);
    i += 3;
    assert_int_equal(cmd_opcode(&rec[i]), 0x0406);
    decode_evt(&rec[i + 1], &ev);
    assert_int_equal(ev.code, VDEV_HCI_EV_CMD_STATUS);
    decode_evt(&rec[i + 2], &ev);
    assert_int_equal(ev.code, VDEV_HCI_EV_DISCONN_COMPLETE);
    assert_int_equal(ev.u.disconn.reason, 0x16);
    i += 3;
    assert_int_equal(rec[i].h4, VDEV_H4_ACL);
    assert_int_equal(rec[i].flags, 0); /* sent, data */
    struct vdev_hci_acl acl;
    assert_int_equal(vdev_hci_decode_acl(rec[i].pkt, rec[i].len, &acl), 0);
    assert_int_equal(acl.pb, VDEV_HCI_PB_FIRST_NOFLUSH);
    assert_int_equal(acl.handle, 0x41);
    assert_int_equal(acl.cid, 4);
    assert_memory_equal(acl.payload, req, 3);
    i++;
    static const uint16_t tail_ops[] = {0x200B, 0x200C, 0x200C, 0x200A};
    for (int j = 0; j < 4; j++, i += 2)
        assert_int_equal(cmd_opcode(&rec[i]), tail_ops[j]);
    assert_int_equal(rec[i - 2].ts - rec[0].ts, 120);
    free(f);
}

static void errors(void **state)
{
    (void)state;
    assert_int_equal(vdev_ble_snoop_open("/nonexistent-dir/x.btsnoop"), -ENOENT);
    assert_false(vdev_ble_snoop_enabled());
    vdev_ble_snoop_adv_stop(0); /* nothing open: a no-op */
    struct vdev_btsnoop *s;
    assert_int_equal(vdev_btsnoop_open(path, &s), 0);
    assert_int_equal(vdev_btsnoop_write(s, 0, 0x03, (const uint8_t *)"x", 1), -EINVAL);
    assert_int_equal(vdev_btsnoop_write(NULL, 0, VDEV_H4_CMD, (const uint8_t *)"x", 1), -EBADF);
    vdev_btsnoop_close(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(exact_bytes, setup, teardown),
        cmocka_unit_test_setup_teardown(sequences, setup, teardown),
        cmocka_unit_test_setup_teardown(errors, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
