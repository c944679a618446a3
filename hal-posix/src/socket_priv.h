/* hal-posix/src/socket_priv.h - the socket HAL's table, shared by its two
 * files: socket_hal.c (lifecycle, addresses, options) and socket_io.c (data,
 * poll/select, and the fault shaping that delays and drops traffic). */
#ifndef VDEV_SOCKET_PRIV_H
#define VDEV_SOCKET_PRIV_H

#include "../../net/net.h"
#include "socket_hal.h"

#define SOCK_MAX 128
#define SOCK_CONNECT_TIMEOUT_US (20ull * 1000000ull)

/* Data in flight while faults shape traffic: visible (inbound) or sent
 * (outbound) at device time `at`. */
struct sock_chunk {
    struct sock_chunk *next;
    uint64_t at;
    struct vdev_addr peer;
    size_t len, off;
    uint8_t data[];
};

struct sock_entry {
    bool used, stream, listening, connected, connecting, nonblock, peer_closed, shut_wr, bound;
    int fd;                    /* host socket */
    int family;                /* 4 or 6 */
    unsigned gen;              /* link generation it depends on (connected sockets) */
    uint64_t rcvtimeo, sndtimeo; /* device µs, 0: forever */
    uint16_t port;             /* the device's own view of its local port */
    struct sock_chunk *in, *out;
    uint64_t in_last, out_last; /* keeps a stream in order under jitter */
    int error;                 /* pending error (errno), reported once */
    char wait;                 /* wait object */
};

extern struct sock_entry vdev_socks_[SOCK_MAX];

struct sock_entry *vdev_sock_get_(int s);   /* NULL and errno EBADF when not a socket */
bool vdev_sock_dead_(struct sock_entry *e); /* the link went down under it */
bool vdev_sock_shaping_(void);              /* faults delay or drop traffic */
void vdev_sock_free_chunks_(struct sock_chunk **list);
int vdev_sock_fail_(int err);               /* errno = err, returns -1 */

#endif
