/* tests/unit/snoop_sample.c - writes a btsnoop capture through the
 * vdev_ble_snoop_* API covering advertising, scanning (a report with its
 * scan response), a connection as central and one as peripheral, ATT PDUs
 * both ways and disconnections. tests/ble/btmon.sh has btmon read it.
 * Usage: snoop_sample FILE */
#include "ble_transport.h"

#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s FILE\n", argv[0]);
        return 2;
    }
    int rc = vdev_ble_snoop_open(argv[1]);
    if (rc) {
        fprintf(stderr, "snoop_sample: cannot write %s: %s\n", argv[1], strerror(-rc));
        return 1;
    }
    struct vdev_ble_adv adv = {
        .addr = {0x01, 0x02, 0x03, 0x04, 0x05, 0xC6}, .addr_type = 1, .type = 0, .interval_us = 100000,
        .data_len = 9, .data = {0x02, 0x01, 0x06, 0x05, 0x09, 'v', 'd', 'e', 'v'},
        .sr_len = 4, .sr = {0x03, 0x03, 0x0F, 0x18}, /* Battery Service */
    };
    vdev_ble_snoop_adv_start(0, &adv);

    struct vdev_ble_scan scan = {.active = true, .interval_us = 100000, .window_us = 50000};
    vdev_ble_snoop_scan_start(1000, &scan);
    struct vdev_ble_report rep = {
        .addr = {0x66, 0x55, 0x44, 0x33, 0x22, 0x11}, .addr_type = 0, .adv_type = 0, .rssi = -58, .has_sr = true,
        .data_len = 6, .data = {0x05, 0x09, 'p', 'e', 'e', 'r'}, .sr_len = 3, .sr = {0x02, 0x0A, 0x04},
    };
    vdev_ble_snoop_report(1500, &rep);
    vdev_ble_snoop_scan_stop(2000);

    struct vdev_ble_conn_params cp = {.interval_us = 30000, .latency = 0, .timeout_us = 4000000};
    vdev_ble_snoop_connect(3000, rep.addr, 0, &cp);
    vdev_ble_snoop_connected(3500, 0x0040, true, rep.addr, 0, &cp);

    static const uint8_t mtu_req[] = {0x02, 0xF7, 0x00};
    static const uint8_t mtu_rsp[] = {0x03, 0xF7, 0x00};
    static const uint8_t group_req[] = {0x10, 0x01, 0x00, 0xFF, 0xFF, 0x00, 0x28};
    static const uint8_t ntf[] = {0x1B, 0x03, 0x00, 0x2A};
    static const uint8_t write_req[] = {0x12, 0x05, 0x00, 0x01, 0x00};
    static const uint8_t write_rsp[] = {0x13};
    vdev_ble_snoop_acl(4000, 0x0040, true, mtu_req, sizeof mtu_req);
    vdev_ble_snoop_acl(4100, 0x0040, false, mtu_rsp, sizeof mtu_rsp);
    vdev_ble_snoop_acl(4200, 0x0040, true, group_req, sizeof group_req);
    vdev_ble_snoop_acl(4300, 0x0040, false, ntf, sizeof ntf);
    vdev_ble_snoop_acl(4400, 0x0040, true, write_req, sizeof write_req);
    vdev_ble_snoop_acl(4500, 0x0040, false, write_rsp, sizeof write_rsp);
    vdev_ble_snoop_disconnect(6000, 0x0040, 0x13);
    vdev_ble_snoop_disconnected(6100, 0x0040, 0x16);

    /* a central connects to our advertisement, then the link times out */
    vdev_ble_snoop_connected(7000, 0x0041, false, (const uint8_t[]){0xAA, 0xBB, 0xCC, 0xDD, 0xEE, 0xFF}, 1, &cp);
    vdev_ble_snoop_disconnected(9000, 0x0041, 0x08);
    vdev_ble_snoop_adv_stop(9500);
    vdev_ble_snoop_close();
    return 0;
}
