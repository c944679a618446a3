/* tests/unit/test_bluez.c - ble-bridge/bluez.c on a machine without a usable
 * adapter: vdev_ble_bluez_open() returns NULL with one clear sentence saying
 * what is missing, for the default adapter and a made-up one, and never
 * overflows a short message buffer. Where a real adapter opens, the backend
 * is closed again and the test is skipped. The up calls and the scheduler's
 * post are stubs: nothing may reach them here. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "ble_transport.h"
#include "../../sim/sched.h"

#include <string.h>

static int posted;

int vdev_sched_post(vdev_input_fn fn, void *arg)
{
    (void)fn;
    (void)arg;
    posted++;
    return 0;
}

void vdev_ble_bridge_up_report(const struct vdev_ble_report *r) { (void)r; posted++; }
void vdev_ble_bridge_up_connected(uint16_t conn, bool central, const uint8_t peer[6], uint8_t peer_type,
                                  const struct vdev_ble_conn_params *p)
{
    (void)conn, (void)central, (void)peer, (void)peer_type, (void)p;
    posted++;
}
void vdev_ble_bridge_up_disconnected(uint16_t conn, uint8_t reason) { (void)conn, (void)reason; posted++; }
void vdev_ble_bridge_up_att(uint16_t conn, const uint8_t *pdu, size_t len) { (void)conn, (void)pdu, (void)len; posted++; }

/* One sentence saying what is missing. */
static void assert_reason(const char *err)
{
    assert_true(strlen(err) > 20);
    assert_null(strchr(err, '\n'));
    assert_int_equal(strncmp(err, "BlueZ: ", 7), 0);
    assert_true(strstr(err, "no Bluetooth support") || strstr(err, "no adapter") ||
                strstr(err, "without libbluetooth") || strstr(err, "not allowed") || strstr(err, "is down"));
}

static bool opened(const char *dev, char *err, size_t errlen)
{
    memset(err, 0x7F, errlen);
    err[errlen - 1] = 0;
    const struct vdev_ble_backend *be = vdev_ble_bluez_open(dev, err, errlen);
    if (!be)
        return false;
    be->close();
    return true;
}

static void default_adapter(void **state)
{
    (void)state;
    char err[256];
    if (opened("hci0", err, sizeof err))
        skip(); /* a real adapter here */
    print_message("vdev_ble_bluez_open(\"hci0\"): %s\n", err);
    assert_reason(err);
    assert_int_equal(posted, 0);
}

static void made_up_adapter(void **state)
{
    (void)state;
    char err[256];
    assert_false(opened("hci99", err, sizeof err));
    assert_reason(err);
    assert_true(strstr(err, "no Bluetooth support") || strstr(err, "hci99") || strstr(err, "without libbluetooth") ||
                strstr(err, "not allowed"));
    /* twice in a row: nothing left half-open */
    assert_false(opened("hci99", err, sizeof err));
    assert_reason(err);
}

static void short_buffer(void **state)
{
    (void)state;
    char buf[24];
    memset(buf, 'x', sizeof buf);
    const struct vdev_ble_backend *be = vdev_ble_bluez_open("hci77", buf + 4, 16);
    assert_null(be);
    assert_int_equal(strlen(buf + 4), 15);
    assert_memory_equal(buf, "xxxx", 4);
    assert_memory_equal(buf + 20, "xxxx", 4);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(default_adapter),
        cmocka_unit_test(made_up_adapter),
        cmocka_unit_test(short_buffer),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
