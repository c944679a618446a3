/* ble-bridge/btsnoop.h - a btsnoop capture file writer (version 1, datalink
 * 1002 "HCI UART (H4)"): the file header, then one record per HCI packet with
 * its H4 indicator byte. Each record reaches the kernel at once (writev, no
 * user-space buffer), so a crash loses nothing already recorded. Timestamps
 * are device microseconds after a fixed epoch, so the same run writes the
 * same bytes. */
#ifndef VDEV_BTSNOOP_H
#define VDEV_BTSNOOP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define VDEV_BTSNOOP_VERSION 1
#define VDEV_BTSNOOP_DATALINK_H4 1002
#define VDEV_BTSNOOP_HDR_LEN 16
#define VDEV_BTSNOOP_REC_HDR_LEN 24
/* Timestamps count microseconds from midnight 1 Jan 0 AD. This is
 * 2000-01-01 00:00 UTC on that scale (the value btmon subtracts before
 * adding 946684800 s; 1970 is 0x00DCDDB30F2F8000, as Wireshark has it). */
#define VDEV_BTSNOOP_Y2K 0x00E03AB44A676000ull
/* device time 0 is 2020-01-01 00:00:00 UTC: 7305 days after 2000 */
#define VDEV_BTSNOOP_EPOCH (VDEV_BTSNOOP_Y2K + 631152000000000ull)

/* record flags */
#define VDEV_BTSNOOP_RECEIVED 0x1   /* controller -> host; clear: host -> controller */
#define VDEV_BTSNOOP_CMD_EVT 0x2    /* command or event; clear: data */

struct vdev_btsnoop;

/* Create (truncate) path and write the header. 0 or -errno. */
int vdev_btsnoop_open(const char *path, struct vdev_btsnoop **out);
/* Continue a capture: append to path when it holds one, else start it. */
int vdev_btsnoop_open_append(const char *path, struct vdev_btsnoop **out);
/* One record: h4 is VDEV_H4_CMD/ACL/EVT (hci.h), pkt/len the packet after
 * it; direction and the command/event flag follow from h4. 0 or -errno. */
int vdev_btsnoop_write(struct vdev_btsnoop *s, uint64_t device_us, uint8_t h4, const uint8_t *pkt, size_t len);
/* Same with the direction given (ACL data goes both ways). */
int vdev_btsnoop_write_dir(struct vdev_btsnoop *s, uint64_t device_us, uint8_t h4, bool received, const uint8_t *pkt,
                           size_t len);
void vdev_btsnoop_close(struct vdev_btsnoop *s);

#endif
