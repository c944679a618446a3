/* ble-bridge/btsnoop.c - the btsnoop file writer: owns the open capture
 * file of one vdev_btsnoop handle (see btsnoop.h). All fields big endian. */
#include "btsnoop.h"

#include "hci.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>

struct vdev_btsnoop {
    int fd;
};

static void put32be(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

static void put64be(uint8_t *p, uint64_t v)
{
    put32be(p, (uint32_t)(v >> 32));
    put32be(p + 4, (uint32_t)v);
}

static int write_all(int fd, const uint8_t *p, size_t n)
{
    while (n) {
        ssize_t w = write(fd, p, n);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return -errno;
        }
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

/* An existing capture with our header: records are appended to it. */
static bool is_capture(int fd)
{
    uint8_t hdr[VDEV_BTSNOOP_HDR_LEN];
    return pread(fd, hdr, sizeof hdr, 0) == (ssize_t)sizeof hdr && !memcmp(hdr, "btsnoop\0", 8);
}

static int open_file(const char *path, bool append, struct vdev_btsnoop **out)
{
    *out = NULL;
    if (!path || !*path)
        return -EINVAL;
    struct vdev_btsnoop *s = calloc(1, sizeof *s);
    if (!s)
        return -ENOMEM;
    s->fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC | (append ? 0 : O_TRUNC), 0644);
    if (s->fd >= 0 && append) {
        int rfd = open(path, O_RDONLY | O_CLOEXEC);
        bool keep = rfd >= 0 && is_capture(rfd);
        if (rfd >= 0)
            close(rfd);
        if (keep && lseek(s->fd, 0, SEEK_END) >= 0) {
            *out = s;
            return 0;
        }
        if (ftruncate(s->fd, 0) < 0) { /* not a capture: start one */
            close(s->fd);
            s->fd = -1;
        }
    }
    if (s->fd < 0) {
        int e = -errno;
        free(s);
        return e;
    }
    uint8_t hdr[VDEV_BTSNOOP_HDR_LEN];
    memcpy(hdr, "btsnoop\0", 8);
    put32be(hdr + 8, VDEV_BTSNOOP_VERSION);
    put32be(hdr + 12, VDEV_BTSNOOP_DATALINK_H4);
    int rc = write_all(s->fd, hdr, sizeof hdr);
    if (rc) {
        vdev_btsnoop_close(s);
        return rc;
    }
    *out = s;
    return 0;
}

int vdev_btsnoop_open(const char *path, struct vdev_btsnoop **out) { return open_file(path, false, out); }
int vdev_btsnoop_open_append(const char *path, struct vdev_btsnoop **out) { return open_file(path, true, out); }

int vdev_btsnoop_write_dir(struct vdev_btsnoop *s, uint64_t device_us, uint8_t h4, bool received, const uint8_t *pkt,
                           size_t len)
{
    if (!s)
        return -EBADF;
    if (h4 != VDEV_H4_CMD && h4 != VDEV_H4_ACL && h4 != VDEV_H4_EVT)
        return -EINVAL;
    if (len > 0xFFFF || (len && !pkt))
        return -EINVAL;
    uint8_t rec[VDEV_BTSNOOP_REC_HDR_LEN + 1];
    uint32_t flags = (received ? VDEV_BTSNOOP_RECEIVED : 0) | (h4 == VDEV_H4_ACL ? 0 : VDEV_BTSNOOP_CMD_EVT);
    put32be(rec, (uint32_t)(len + 1));
    put32be(rec + 4, (uint32_t)(len + 1));
    put32be(rec + 8, flags);
    put32be(rec + 12, 0); /* cumulative drops */
    put64be(rec + 16, VDEV_BTSNOOP_EPOCH + device_us);
    rec[VDEV_BTSNOOP_REC_HDR_LEN] = h4;
    /* one writev for the whole record; finish by hand if it comes up short */
    struct iovec iov[2] = {{rec, sizeof rec}, {(void *)pkt, len}};
    ssize_t w;
    do
        w = writev(s->fd, iov, len ? 2 : 1);
    while (w < 0 && errno == EINTR);
    if (w < 0)
        return -errno;
    size_t done = (size_t)w;
    if (done < sizeof rec) {
        int rc = write_all(s->fd, rec + done, sizeof rec - done);
        if (rc)
            return rc;
        done = sizeof rec;
    }
    size_t sent = done - sizeof rec;
    return sent >= len ? 0 : write_all(s->fd, pkt + sent, len - sent);
}

int vdev_btsnoop_write(struct vdev_btsnoop *s, uint64_t device_us, uint8_t h4, const uint8_t *pkt, size_t len)
{
    /* commands go to the controller, events come from it */
    return vdev_btsnoop_write_dir(s, device_us, h4, h4 == VDEV_H4_EVT, pkt, len);
}

void vdev_btsnoop_close(struct vdev_btsnoop *s)
{
    if (!s)
        return;
    if (s->fd >= 0)
        close(s->fd);
    free(s);
}
