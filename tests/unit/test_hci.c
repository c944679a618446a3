/* tests/unit/test_hci.c - ble-bridge/hci.c: every encoder against byte
 * sequences written out by hand from the Core spec's packet layouts, every
 * decoder on those bytes and on truncated, oversized and corrupted copies,
 * and the unit and type conversions. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "ble_transport.h"
#include "hci.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define EXPECT(buf, n, ...)                                                                                        \
    do {                                                                                                           \
        static const uint8_t want_[] = {__VA_ARGS__};                                                              \
        assert_int_equal((n), sizeof want_);                                                                       \
        assert_memory_equal((buf), want_, sizeof want_);                                                           \
    } while (0)

static const uint8_t PEER[6] = {0x55, 0x44, 0x33, 0x22, 0x11, 0xC0}; /* C0:11:22:33:44:55 */

/* ---- recorded packets (as a controller sends them / as a host sends them) ---- */
static const uint8_t EV_CC_ADV_ENABLE[] = {0x0E, 0x04, 0x01, 0x0A, 0x20, 0x00};
static const uint8_t EV_CS_CREATE_CONN[] = {0x0F, 0x04, 0x00, 0x01, 0x0D, 0x20};
static const uint8_t EV_DISCONN[] = {0x05, 0x04, 0x00, 0x40, 0x00, 0x13};
/* handle 0x0040, peripheral, public peer 11:22:33:44:55:66, 30 ms, latency 0, 4 s */
static const uint8_t EV_LE_CONN[] = {0x3E, 0x13, 0x01, 0x00, 0x40, 0x00, 0x01, 0x00, 0x66, 0x55, 0x44,
                                     0x33, 0x22, 0x11, 0x18, 0x00, 0x00, 0x00, 0x90, 0x01, 0x00};
/* one ADV_IND from random C0:11:22:33:44:55, flags AD, RSSI -60 */
static const uint8_t EV_ADV_REPORT[] = {0x3E, 0x0F, 0x02, 0x01, 0x00, 0x01, 0x55, 0x44, 0x33,
                                        0x22, 0x11, 0xC0, 0x03, 0x02, 0x01, 0x06, 0xC4};
/* the same plus its SCAN_RSP (name "vdev", RSSI -62) in one event */
static const uint8_t EV_ADV_REPORT2[] = {0x3E, 0x1F, 0x02, 0x02, 0x00, 0x01, 0x55, 0x44, 0x33, 0x22, 0x11,
                                         0xC0, 0x03, 0x02, 0x01, 0x06, 0xC4, 0x04, 0x01, 0x55, 0x44, 0x33,
                                         0x22, 0x11, 0xC0, 0x06, 0x05, 0x09, 0x76, 0x64, 0x65, 0x76, 0xC2};
/* ATT Handle Value Notification (handle 3, value 0x2A) on connection 0x0040 */
static const uint8_t ACL_NTF_TX[] = {0x40, 0x00, 0x08, 0x00, 0x04, 0x00, 0x04, 0x00, 0x1B, 0x03, 0x00, 0x2A};
static const uint8_t ACL_NTF_RX[] = {0x40, 0x20, 0x08, 0x00, 0x04, 0x00, 0x04, 0x00, 0x1B, 0x03, 0x00, 0x2A};

static void cmd_adv_params(void **state)
{
    (void)state;
    uint8_t b[64];
    struct vdev_hci_adv_params p = {.interval_min = 0xA0, .interval_max = 0xA0, .channel_map = 7};
    int n = vdev_hci_cmd_le_set_adv_params(b, sizeof b, &p);
    EXPECT(b, n, 0x06, 0x20, 0x0F, 0xA0, 0x00, 0xA0, 0x00, 0x00, 0x00, 0x00, 0, 0, 0, 0, 0, 0, 0x07, 0x00);

    /* from the transport: non-connectable, 100 ms, random static address */
    struct vdev_ble_adv a = {.type = 3, .interval_us = 100000, .addr_type = 1};
    assert_int_equal(vdev_hci_adv_params_from(&a, &p), 0);
    n = vdev_hci_cmd_le_set_adv_params(b, sizeof b, &p);
    EXPECT(b, n, 0x06, 0x20, 0x0F, 0xA0, 0x00, 0xA0, 0x00, 0x03, 0x01, 0x00, 0, 0, 0, 0, 0, 0, 0x07, 0x00);

    /* directed, with a peer, 1.28 s */
    p = (struct vdev_hci_adv_params){.interval_min = 0x0800, .interval_max = 0x0800, .adv_type = 1,
                                     .peer_addr_type = 1, .channel_map = 7, .filter_policy = 3};
    memcpy(p.peer_addr, PEER, 6);
    n = vdev_hci_cmd_le_set_adv_params(b, sizeof b, &p);
    EXPECT(b, n, 0x06, 0x20, 0x0F, 0x00, 0x08, 0x00, 0x08, 0x01, 0x00, 0x01, 0x55, 0x44, 0x33, 0x22, 0x11, 0xC0,
           0x07, 0x03);
    assert_int_equal(vdev_hci_cmd_le_set_adv_params(b, 17, &p), -ENOSPC);
    p.adv_type = 5;
    assert_int_equal(vdev_hci_cmd_le_set_adv_params(b, sizeof b, &p), -EINVAL);
}

static void cmd_adv_data(void **state)
{
    (void)state;
    uint8_t b[64];
    static const uint8_t ad[] = {0x02, 0x01, 0x06, 0x05, 0x09, 'v', 'd', 'e', 'v'};
    int n = vdev_hci_cmd_le_set_adv_data(b, sizeof b, ad, sizeof ad);
    EXPECT(b, n, 0x08, 0x20, 0x20, 0x09, 0x02, 0x01, 0x06, 0x05, 0x09, 0x76, 0x64, 0x65, 0x76, 0, 0, 0, 0, 0, 0, 0,
           0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    n = vdev_hci_cmd_le_set_scan_rsp_data(b, sizeof b, NULL, 0);
    EXPECT(b, n, 0x09, 0x20, 0x20, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
           0, 0, 0, 0, 0, 0);
    uint8_t full[32];
    memset(full, 0xAB, sizeof full);
    n = vdev_hci_cmd_le_set_scan_rsp_data(b, sizeof b, full, 31);
    assert_int_equal(n, 35);
    assert_int_equal(b[3], 31);
    assert_memory_equal(b + 4, full, 31);
    assert_int_equal(vdev_hci_cmd_le_set_adv_data(b, sizeof b, full, 32), -EINVAL);
    assert_int_equal(vdev_hci_cmd_le_set_adv_data(b, 34, ad, sizeof ad), -ENOSPC);
}

static void cmd_small(void **state)
{
    (void)state;
    uint8_t b[40];
    int n = vdev_hci_cmd_le_set_adv_enable(b, sizeof b, true);
    EXPECT(b, n, 0x0A, 0x20, 0x01, 0x01);
    n = vdev_hci_cmd_le_set_adv_enable(b, sizeof b, false);
    EXPECT(b, n, 0x0A, 0x20, 0x01, 0x00);
    n = vdev_hci_cmd_le_set_scan_enable(b, sizeof b, true, false);
    EXPECT(b, n, 0x0C, 0x20, 0x02, 0x01, 0x00);
    n = vdev_hci_cmd_le_set_scan_enable(b, sizeof b, false, true);
    EXPECT(b, n, 0x0C, 0x20, 0x02, 0x00, 0x01);
    n = vdev_hci_cmd_le_create_conn_cancel(b, sizeof b);
    EXPECT(b, n, 0x0E, 0x20, 0x00);
    n = vdev_hci_cmd_disconnect(b, sizeof b, 0x0040, 0x13);
    EXPECT(b, n, 0x06, 0x04, 0x03, 0x40, 0x00, 0x13);
    n = vdev_hci_cmd_le_set_random_addr(b, sizeof b, PEER);
    EXPECT(b, n, 0x05, 0x20, 0x06, 0x55, 0x44, 0x33, 0x22, 0x11, 0xC0);
    assert_int_equal(vdev_hci_cmd_disconnect(b, sizeof b, 0x0F00, 0x13), -EINVAL);
    assert_int_equal(vdev_hci_cmd_le_create_conn_cancel(b, 2), -ENOSPC);
    assert_int_equal(vdev_hci_cmd_le_set_adv_enable(NULL, 0, true), -ENOSPC);
}

static void cmd_scan_params(void **state)
{
    (void)state;
    uint8_t b[16];
    struct vdev_ble_scan s = {.active = true, .interval_us = 100000, .window_us = 50000};
    struct vdev_hci_scan_params p;
    vdev_hci_scan_params_from(&s, &p);
    int n = vdev_hci_cmd_le_set_scan_params(b, sizeof b, &p);
    EXPECT(b, n, 0x0B, 0x20, 0x07, 0x01, 0xA0, 0x00, 0x50, 0x00, 0x00, 0x00);
    /* window longer than interval is trimmed by the conversion, refused raw */
    s = (struct vdev_ble_scan){.interval_us = 10000, .window_us = 20000, .addr_type = 1};
    vdev_hci_scan_params_from(&s, &p);
    n = vdev_hci_cmd_le_set_scan_params(b, sizeof b, &p);
    EXPECT(b, n, 0x0B, 0x20, 0x07, 0x00, 0x10, 0x00, 0x10, 0x00, 0x01, 0x00);
    p.window = 0x20;
    assert_int_equal(vdev_hci_cmd_le_set_scan_params(b, sizeof b, &p), -EINVAL);
}

static void cmd_create_conn(void **state)
{
    (void)state;
    uint8_t b[32];
    struct vdev_ble_conn_params cp = {.interval_us = 30000, .latency = 0, .timeout_us = 4000000};
    struct vdev_hci_create_conn c;
    vdev_hci_create_conn_from(PEER, 1, 0, &cp, &c);
    int n = vdev_hci_cmd_le_create_conn(b, sizeof b, &c);
    EXPECT(b, n, 0x0D, 0x20, 0x19, 0x60, 0x00, 0x60, 0x00, 0x00, 0x01, 0x55, 0x44, 0x33, 0x22, 0x11, 0xC0, 0x00,
           0x18, 0x00, 0x18, 0x00, 0x00, 0x00, 0x90, 0x01, 0x00, 0x00, 0x00, 0x00);
    assert_int_equal(vdev_hci_cmd_le_create_conn(b, 27, &c), -ENOSPC);

    uint16_t op;
    const uint8_t *params;
    size_t plen;
    assert_int_equal(vdev_hci_decode_cmd(b, (size_t)n, &op, &params, &plen), 0);
    assert_int_equal(op, VDEV_HCI_OP_LE_CREATE_CONN);
    assert_int_equal(plen, 25);
    assert_ptr_equal(params, b + 3);
    for (int k = 0; k < n; k++)
        assert_int_equal(vdev_hci_decode_cmd(b, (size_t)k, &op, &params, &plen), -EBADMSG);
    assert_int_equal(vdev_hci_decode_cmd(b, (size_t)n + 1, &op, &params, &plen), -EBADMSG);
}

static void ev_encoders(void **state)
{
    (void)state;
    uint8_t b[64];
    int n = vdev_hci_ev_cmd_complete(b, sizeof b, VDEV_HCI_OP_LE_SET_ADV_ENABLE, 0);
    EXPECT(b, n, 0x0E, 0x04, 0x01, 0x0A, 0x20, 0x00);
    n = vdev_hci_ev_cmd_status(b, sizeof b, VDEV_HCI_OP_LE_CREATE_CONN, 0);
    EXPECT(b, n, 0x0F, 0x04, 0x00, 0x01, 0x0D, 0x20);
    n = vdev_hci_ev_disconn_complete(b, sizeof b, 0, 0x0040, 0x13);
    EXPECT(b, n, 0x05, 0x04, 0x00, 0x40, 0x00, 0x13);

    struct vdev_hci_conn_complete c = {.handle = 0x40, .role = 1, .interval = 0x18, .timeout = 0x190};
    memcpy(c.peer_addr, (uint8_t[]){0x66, 0x55, 0x44, 0x33, 0x22, 0x11}, 6);
    n = vdev_hci_ev_le_conn_complete(b, sizeof b, &c);
    assert_int_equal(n, sizeof EV_LE_CONN);
    assert_memory_equal(b, EV_LE_CONN, sizeof EV_LE_CONN);
    assert_int_equal(vdev_hci_ev_le_conn_complete(b, 20, &c), -ENOSPC);

    struct vdev_hci_adv_report r[2] = {
        {.event_type = 0, .addr_type = 1, .data_len = 3, .data = {0x02, 0x01, 0x06}, .rssi = -60},
        {.event_type = 4, .addr_type = 1, .data_len = 6, .data = {0x05, 0x09, 'v', 'd', 'e', 'v'}, .rssi = -62},
    };
    memcpy(r[0].addr, PEER, 6);
    memcpy(r[1].addr, PEER, 6);
    n = vdev_hci_ev_le_adv_report(b, sizeof b, r, 1);
    assert_int_equal(n, sizeof EV_ADV_REPORT);
    assert_memory_equal(b, EV_ADV_REPORT, sizeof EV_ADV_REPORT);
    n = vdev_hci_ev_le_adv_report(b, sizeof b, r, 2);
    assert_int_equal(n, sizeof EV_ADV_REPORT2);
    assert_memory_equal(b, EV_ADV_REPORT2, sizeof EV_ADV_REPORT2);
    assert_int_equal(vdev_hci_ev_le_adv_report(b, sizeof b, r, 0), -EINVAL);
    r[1].data_len = 32;
    assert_int_equal(vdev_hci_ev_le_adv_report(b, sizeof b, r, 2), -EINVAL);
    assert_int_equal(vdev_hci_ev_le_adv_report(b, sizeof EV_ADV_REPORT - 1, r, 1), -ENOSPC);
}

static void ev_decode_good(void **state)
{
    (void)state;
    struct vdev_hci_event ev;
    assert_int_equal(vdev_hci_decode_event(EV_CC_ADV_ENABLE, sizeof EV_CC_ADV_ENABLE, &ev), 0);
    assert_int_equal(ev.code, VDEV_HCI_EV_CMD_COMPLETE);
    assert_int_equal(ev.u.cmd_complete.ncmd, 1);
    assert_int_equal(ev.u.cmd_complete.opcode, 0x200A);
    assert_int_equal(ev.u.cmd_complete.status, 0);
    assert_int_equal(ev.u.cmd_complete.ret_len, 1);

    assert_int_equal(vdev_hci_decode_event(EV_CS_CREATE_CONN, sizeof EV_CS_CREATE_CONN, &ev), 0);
    assert_int_equal(ev.code, VDEV_HCI_EV_CMD_STATUS);
    assert_int_equal(ev.u.cmd_status.opcode, 0x200D);
    assert_int_equal(ev.u.cmd_status.ncmd, 1);

    assert_int_equal(vdev_hci_decode_event(EV_DISCONN, sizeof EV_DISCONN, &ev), 0);
    assert_int_equal(ev.code, VDEV_HCI_EV_DISCONN_COMPLETE);
    assert_int_equal(ev.u.disconn.handle, 0x40);
    assert_int_equal(ev.u.disconn.reason, 0x13);

    assert_int_equal(vdev_hci_decode_event(EV_LE_CONN, sizeof EV_LE_CONN, &ev), 0);
    assert_int_equal(ev.code, VDEV_HCI_EV_LE_META);
    assert_int_equal(ev.subevent, VDEV_HCI_LE_CONN_COMPLETE);
    assert_int_equal(ev.u.conn.status, 0);
    assert_int_equal(ev.u.conn.handle, 0x40);
    assert_int_equal(ev.u.conn.role, 1);
    assert_memory_equal(ev.u.conn.peer_addr, ((uint8_t[]){0x66, 0x55, 0x44, 0x33, 0x22, 0x11}), 6);
    assert_int_equal(ev.u.conn.interval, 0x18);
    assert_int_equal(ev.u.conn.timeout, 0x190);
    struct vdev_ble_conn_params cp;
    vdev_hci_conn_params_to(ev.u.conn.interval, ev.u.conn.latency, ev.u.conn.timeout, &cp);
    assert_int_equal(cp.interval_us, 30000);
    assert_int_equal(cp.timeout_us, 4000000);

    assert_int_equal(vdev_hci_decode_event(EV_ADV_REPORT2, sizeof EV_ADV_REPORT2, &ev), 0);
    assert_int_equal(ev.subevent, VDEV_HCI_LE_ADV_REPORT);
    assert_int_equal(ev.u.reports.num, 2);
    assert_int_equal(ev.u.reports.r[0].event_type, VDEV_HCI_REPORT_ADV_IND);
    assert_int_equal(ev.u.reports.r[0].addr_type, 1);
    assert_memory_equal(ev.u.reports.r[0].addr, PEER, 6);
    assert_int_equal(ev.u.reports.r[0].data_len, 3);
    assert_int_equal(ev.u.reports.r[0].rssi, -60);
    assert_int_equal(ev.u.reports.r[1].event_type, VDEV_HCI_REPORT_SCAN_RSP);
    assert_int_equal(ev.u.reports.r[1].data_len, 6);
    assert_memory_equal(ev.u.reports.r[1].data, "\x05\x09vdev", 6);
    assert_int_equal(ev.u.reports.r[1].rssi, -62);

    /* as the transport sees them: random static (top bits 11), ADV_IND */
    struct vdev_ble_report r;
    assert_int_equal(vdev_hci_report_to(&ev.u.reports.r[0], &r), 0);
    assert_int_equal(r.addr_type, 1);
    assert_int_equal(r.adv_type, 0);
    assert_int_equal(r.data_len, 3);
    assert_int_equal(r.rssi, -60);
    assert_false(r.has_sr);
    assert_int_equal(vdev_hci_report_to(&ev.u.reports.r[1], &r), -EINVAL);

    /* events it does not know are passed through, not errors */
    static const uint8_t other[] = {0x13, 0x05, 0x01, 0x40, 0x00, 0x01, 0x00};
    assert_int_equal(vdev_hci_decode_event(other, sizeof other, &ev), 0);
    assert_int_equal(ev.code, 0x13);
    assert_int_equal(ev.plen, 5);
    static const uint8_t other_le[] = {0x3E, 0x02, 0x14, 0x00};
    assert_int_equal(vdev_hci_decode_event(other_le, sizeof other_le, &ev), 0);
    assert_int_equal(ev.subevent, 0x14);
}

/* Every prefix, one byte too many, and every other value of the length byte. */
static void assert_strict(const uint8_t *pkt, size_t n, size_t len_at)
{
    struct vdev_hci_event ev;
    uint8_t *copy = malloc(n + 1);
    assert_non_null(copy);
    for (size_t k = 0; k < n; k++) {
        uint8_t *exact = malloc(k ? k : 1); /* exact-size buffers: out-of-bounds reads show under ASan */
        memcpy(exact, pkt, k);
        assert_int_equal(vdev_hci_decode_event(k ? exact : NULL, k, &ev), -EBADMSG);
        free(exact);
    }
    memcpy(copy, pkt, n);
    copy[n] = 0;
    assert_int_equal(vdev_hci_decode_event(copy, n + 1, &ev), -EBADMSG);
    for (int v = 0; v < 256; v++) {
        memcpy(copy, pkt, n);
        copy[len_at] = (uint8_t)v;
        int rc = vdev_hci_decode_event(copy, n, &ev);
        assert_int_equal(rc, v == pkt[len_at] ? 0 : -EBADMSG);
    }
    free(copy);
}

static void ev_decode_bad(void **state)
{
    (void)state;
    assert_strict(EV_CC_ADV_ENABLE, sizeof EV_CC_ADV_ENABLE, 1);
    assert_strict(EV_CS_CREATE_CONN, sizeof EV_CS_CREATE_CONN, 1);
    assert_strict(EV_DISCONN, sizeof EV_DISCONN, 1);
    assert_strict(EV_LE_CONN, sizeof EV_LE_CONN, 1);
    assert_strict(EV_ADV_REPORT, sizeof EV_ADV_REPORT, 1);
    assert_strict(EV_ADV_REPORT2, sizeof EV_ADV_REPORT2, 1);
    /* the report's own data length byte, the second report's too */
    assert_strict(EV_ADV_REPORT, sizeof EV_ADV_REPORT, 12);
    assert_strict(EV_ADV_REPORT2, sizeof EV_ADV_REPORT2, 25);

    struct vdev_hci_event ev;
    uint8_t b[64];
    /* number of reports: 0, or more than present */
    memcpy(b, EV_ADV_REPORT, sizeof EV_ADV_REPORT);
    b[3] = 0;
    assert_int_equal(vdev_hci_decode_event(b, sizeof EV_ADV_REPORT, &ev), -EBADMSG);
    b[3] = 2;
    assert_int_equal(vdev_hci_decode_event(b, sizeof EV_ADV_REPORT, &ev), -EBADMSG);
    b[3] = 26;
    assert_int_equal(vdev_hci_decode_event(b, sizeof EV_ADV_REPORT, &ev), -EBADMSG);
    /* LE Connection Complete one byte longer, consistently */
    memcpy(b, EV_LE_CONN, sizeof EV_LE_CONN);
    b[1]++;
    b[sizeof EV_LE_CONN] = 0;
    assert_int_equal(vdev_hci_decode_event(b, sizeof EV_LE_CONN + 1, &ev), -EBADMSG);
    /* Command Complete without its opcode */
    static const uint8_t cc_short[] = {0x0E, 0x02, 0x01, 0x0A};
    assert_int_equal(vdev_hci_decode_event(cc_short, sizeof cc_short, &ev), -EBADMSG);
    /* an empty LE Meta event */
    static const uint8_t meta_empty[] = {0x3E, 0x00};
    assert_int_equal(vdev_hci_decode_event(meta_empty, sizeof meta_empty, &ev), -EBADMSG);
    /* an advertising report with 32 bytes of data, lengths otherwise consistent */
    uint8_t big[2 + 2 + 10 + 32] = {0x3E, 44, 0x02, 0x01, 0x00, 0x00};
    big[12] = 32;
    assert_int_equal(vdev_hci_decode_event(big, sizeof big, &ev), -EBADMSG);
}

static void ev_decode_random(void **state)
{
    (void)state;
    struct vdev_hci_event ev;
    srand(1234);
    for (int i = 0; i < 20000; i++) {
        size_t n = (size_t)(rand() % 40);
        uint8_t *p = malloc(n ? n : 1);
        for (size_t k = 0; k < n; k++)
            p[k] = (uint8_t)rand();
        if (n >= 2 && (i & 1)) { /* half with a consistent length, to get past the header */
            p[0] = (i & 2) ? 0x3E : (uint8_t)(0x05 + (i % 11));
            p[1] = (uint8_t)(n - 2);
            if (n >= 3 && p[0] == 0x3E)
                p[2] = (uint8_t)(1 + (i >> 2) % 2);
        }
        int rc = vdev_hci_decode_event(p, n, &ev);
        assert_true(rc == 0 || rc == -EBADMSG);
        struct vdev_hci_acl acl;
        rc = vdev_hci_decode_acl(p, n, &acl);
        assert_true(rc == 0 || rc == -EBADMSG);
        free(p);
    }
}

static void acl(void **state)
{
    (void)state;
    uint8_t b[32];
    static const uint8_t ntf[] = {0x1B, 0x03, 0x00, 0x2A};
    int n = vdev_hci_acl_l2cap(b, sizeof b, 0x40, VDEV_HCI_PB_FIRST_NOFLUSH, VDEV_L2CAP_CID_ATT, ntf, sizeof ntf);
    assert_int_equal(n, sizeof ACL_NTF_TX);
    assert_memory_equal(b, ACL_NTF_TX, sizeof ACL_NTF_TX);
    n = vdev_hci_acl_l2cap(b, sizeof b, 0x40, VDEV_HCI_PB_FIRST_FLUSH, VDEV_L2CAP_CID_ATT, ntf, sizeof ntf);
    assert_int_equal(n, sizeof ACL_NTF_RX);
    assert_memory_equal(b, ACL_NTF_RX, sizeof ACL_NTF_RX);
    assert_int_equal(vdev_hci_acl_l2cap(b, 11, 0x40, 0, 4, ntf, sizeof ntf), -ENOSPC);
    assert_int_equal(vdev_hci_acl_l2cap(b, sizeof b, 0x1000, 0, 4, ntf, sizeof ntf), -EINVAL);

    struct vdev_hci_acl a;
    assert_int_equal(vdev_hci_decode_acl(ACL_NTF_RX, sizeof ACL_NTF_RX, &a), 0);
    assert_int_equal(a.handle, 0x40);
    assert_int_equal(a.pb, VDEV_HCI_PB_FIRST_FLUSH);
    assert_int_equal(a.bc, 0);
    assert_int_equal(a.cid, VDEV_L2CAP_CID_ATT);
    assert_int_equal(a.len, 4);
    assert_memory_equal(a.payload, ntf, 4);

    for (size_t k = 0; k < sizeof ACL_NTF_RX; k++) {
        uint8_t *exact = malloc(k ? k : 1);
        memcpy(exact, ACL_NTF_RX, k);
        assert_int_equal(vdev_hci_decode_acl(exact, k, &a), -EBADMSG);
        free(exact);
    }
    memcpy(b, ACL_NTF_RX, sizeof ACL_NTF_RX);
    assert_int_equal(vdev_hci_decode_acl(b, sizeof ACL_NTF_RX + 1, &a), -EBADMSG);
    b[4] = 5; /* L2CAP length disagrees with the ACL length */
    assert_int_equal(vdev_hci_decode_acl(b, sizeof ACL_NTF_RX, &a), -EBADMSG);
    b[4] = 4;
    b[2] = 3; /* ACL length too short for an L2CAP header */
    assert_int_equal(vdev_hci_decode_acl(b, 7, &a), -EBADMSG);
}

static void units(void **state)
{
    (void)state;
    assert_int_equal(vdev_hci_adv_interval(100000), 0xA0);
    assert_int_equal(vdev_hci_adv_interval(20000), 0x20);
    assert_int_equal(vdev_hci_adv_interval(1000), 0x20);          /* below the minimum */
    assert_int_equal(vdev_hci_adv_interval(20000000), 0x4000);    /* above 10.24 s */
    assert_int_equal(vdev_hci_adv_interval(152500), 244);         /* 152.5 ms */
    assert_int_equal(vdev_hci_scan_units(2500), 4);
    assert_int_equal(vdev_hci_scan_units(50000), 0x50);
    assert_int_equal(vdev_hci_conn_interval(7500), 6);
    assert_int_equal(vdev_hci_conn_interval(30000), 24);
    assert_int_equal(vdev_hci_conn_interval(4000000), 0x0C80);
    assert_int_equal(vdev_hci_sup_timeout(4000000), 400);
    assert_int_equal(vdev_hci_sup_timeout(1000), 10);
    assert_int_equal(vdev_hci_conn_latency(600), 499);
    assert_int_equal(vdev_hci_conn_latency(4), 4);
}

static void types(void **state)
{
    (void)state;
    assert_int_equal(vdev_hci_adv_type_from_hal(0), VDEV_HCI_ADV_IND);
    assert_int_equal(vdev_hci_adv_type_from_hal(1), VDEV_HCI_ADV_IND);
    assert_int_equal(vdev_hci_adv_type_from_hal(2), VDEV_HCI_ADV_DIRECT_IND);
    assert_int_equal(vdev_hci_adv_type_from_hal(3), VDEV_HCI_ADV_NONCONN_IND);
    assert_int_equal(vdev_hci_adv_type_from_hal(5), VDEV_HCI_ADV_SCAN_IND);
    assert_int_equal(vdev_hci_adv_type_from_hal(7), -EINVAL);
    assert_int_equal(vdev_hci_report_type_from_hal(0), 0);
    assert_int_equal(vdev_hci_report_type_from_hal(1), 0);
    assert_int_equal(vdev_hci_report_type_from_hal(2), 1);
    assert_int_equal(vdev_hci_report_type_from_hal(3), 3);
    assert_int_equal(vdev_hci_report_type_from_hal(5), 2);
    assert_int_equal(vdev_hci_hal_type_from_report(0), 0);
    assert_int_equal(vdev_hci_hal_type_from_report(1), 2);
    assert_int_equal(vdev_hci_hal_type_from_report(2), 5);
    assert_int_equal(vdev_hci_hal_type_from_report(3), 3);
    assert_int_equal(vdev_hci_hal_type_from_report(4), -EINVAL);
    assert_int_equal(vdev_hci_addr_type_to_hal(0, PEER), 0);
    assert_int_equal(vdev_hci_addr_type_to_hal(1, PEER), 1);                 /* 0xC0: static */
    assert_int_equal(vdev_hci_addr_type_to_hal(1, (uint8_t[]){0, 0, 0, 0, 0, 0x40}), 2); /* resolvable */
    assert_int_equal(vdev_hci_addr_type_to_hal(1, (uint8_t[]){0, 0, 0, 0, 0, 0x12}), 3); /* non-resolvable */
    assert_int_equal(vdev_hci_status_errno(0), 0);
    assert_int_equal(vdev_hci_status_errno(0x0C), -EBUSY);
    assert_int_equal(vdev_hci_status_errno(0x12), -EINVAL);
    assert_int_equal(vdev_hci_status_errno(0x3E), -EIO);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(cmd_adv_params), cmocka_unit_test(cmd_adv_data),    cmocka_unit_test(cmd_small),
        cmocka_unit_test(cmd_scan_params), cmocka_unit_test(cmd_create_conn), cmocka_unit_test(ev_encoders),
        cmocka_unit_test(ev_decode_good),  cmocka_unit_test(ev_decode_bad),  cmocka_unit_test(ev_decode_random),
        cmocka_unit_test(acl),             cmocka_unit_test(units),          cmocka_unit_test(types),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
