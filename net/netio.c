/* net/netio.c - host sockets: thin non-blocking wrappers that translate the
 * neutral vdev_addr, and the watcher thread that lets a firmware thread block
 * on host sockets in device time (it posts a wake-up to the scheduler when a
 * socket becomes ready). */
#define _GNU_SOURCE
#include "net.h"

#include "../sim/sched.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define MAX_WATCH 256

struct watch {
    int fd;
    short events;
    const void *obj;
    bool fired;
};

static struct {
    pthread_mutex_t lock;
    struct watch w[MAX_WATCH];
    int n;
    int pipe[2];
    bool started;
} W = { .lock = PTHREAD_MUTEX_INITIALIZER, .pipe = { -1, -1 } };

/* ---- addresses ---- */

/* The simulated network (10.42.0.0/24, LTE 10.170.0.0/24: the device, its
 * gateway and DNS) exists only here: its addresses mean this machine. */
static bool simulated(const struct vdev_addr *a)
{
    return a->family == 4 && a->ip[0] == 10 && (a->ip[1] == 42 || a->ip[1] == 170) && a->ip[2] == 0;
}

static socklen_t to_host(const struct vdev_addr *in, struct sockaddr_storage *ss)
{
    struct vdev_addr mapped = *in;
    const struct vdev_addr *a = in;
    if (simulated(in)) {
        mapped.ip[0] = 127, mapped.ip[1] = 0, mapped.ip[2] = 0, mapped.ip[3] = 1;
        a = &mapped;
    }
    memset(ss, 0, sizeof(*ss));
    if (a->family == 6) {
        struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)ss;
        s6->sin6_family = AF_INET6;
        s6->sin6_port = htons(a->port);
        memcpy(&s6->sin6_addr, a->ip, 16);
        return sizeof(*s6);
    }
    struct sockaddr_in *s4 = (struct sockaddr_in *)ss;
    s4->sin_family = AF_INET;
    s4->sin_port = htons(a->port);
    memcpy(&s4->sin_addr, a->ip, 4);
    return sizeof(*s4);
}

static void from_host(const struct sockaddr_storage *ss, struct vdev_addr *a)
{
    memset(a, 0, sizeof(*a));
    if (ss->ss_family == AF_INET6) {
        const struct sockaddr_in6 *s6 = (const struct sockaddr_in6 *)ss;
        a->family = 6;
        memcpy(a->ip, &s6->sin6_addr, 16);
        a->port = ntohs(s6->sin6_port);
    } else if (ss->ss_family == AF_INET) {
        const struct sockaddr_in *s4 = (const struct sockaddr_in *)ss;
        a->family = 4;
        memcpy(a->ip, &s4->sin_addr, 4);
        a->port = ntohs(s4->sin_port);
    }
}

/* ---- host sockets ---- */

int vdev_netio_socket(int family, bool stream)
{
    int fd = socket(family == 6 ? AF_INET6 : AF_INET, (stream ? SOCK_STREAM : SOCK_DGRAM) | SOCK_NONBLOCK | SOCK_CLOEXEC,
                    0);
    if (fd < 0)
        return -errno;
    return fd;
}

int vdev_netio_bind(int fd, const struct vdev_addr *a)
{
    struct sockaddr_storage ss;
    socklen_t len = to_host(a, &ss);
    return bind(fd, (struct sockaddr *)&ss, len) ? -errno : 0;
}

int vdev_netio_connect(int fd, const struct vdev_addr *a)
{
    struct sockaddr_storage ss;
    socklen_t len = to_host(a, &ss);
    return connect(fd, (struct sockaddr *)&ss, len) ? -errno : 0;
}

int vdev_netio_connect_result(int fd)
{
    int err = 0;
    socklen_t len = sizeof(err);
    if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len))
        return -errno;
    return -err;
}

int vdev_netio_listen(int fd, int backlog) { return listen(fd, backlog) ? -errno : 0; }

int vdev_netio_accept(int fd, struct vdev_addr *peer)
{
    struct sockaddr_storage ss;
    socklen_t len = sizeof(ss);
    int c = accept4(fd, (struct sockaddr *)&ss, &len, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (c < 0)
        return -errno;
    if (peer)
        from_host(&ss, peer);
    return c;
}

ssize_t vdev_netio_send(int fd, const void *p, size_t n)
{
    ssize_t r = send(fd, p, n, MSG_NOSIGNAL | MSG_DONTWAIT);
    return r < 0 ? -errno : r;
}

ssize_t vdev_netio_recv(int fd, void *p, size_t n, bool peek)
{
    ssize_t r = recv(fd, p, n, MSG_DONTWAIT | (peek ? MSG_PEEK : 0));
    return r < 0 ? -errno : r;
}

ssize_t vdev_netio_sendto(int fd, const void *p, size_t n, const struct vdev_addr *to)
{
    struct sockaddr_storage ss;
    socklen_t len = to_host(to, &ss);
    ssize_t r = sendto(fd, p, n, MSG_NOSIGNAL | MSG_DONTWAIT, (struct sockaddr *)&ss, len);
    return r < 0 ? -errno : r;
}

ssize_t vdev_netio_recvfrom(int fd, void *p, size_t n, struct vdev_addr *from)
{
    struct sockaddr_storage ss;
    socklen_t len = sizeof(ss);
    ssize_t r = recvfrom(fd, p, n, MSG_DONTWAIT | MSG_TRUNC, (struct sockaddr *)&ss, &len);
    if (r < 0)
        return -errno;
    if (from)
        from_host(&ss, from);
    return r;
}

int vdev_netio_shutdown(int fd, int how)
{
    return shutdown(fd, how == 0 ? SHUT_RD : how == 1 ? SHUT_WR : SHUT_RDWR) ? -errno : 0;
}

int vdev_netio_close(int fd, bool abortive)
{
    if (abortive) { /* RST instead of a lingering close */
        struct linger l = { 1, 0 };
        setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof(l));
    }
    return close(fd) ? -errno : 0;
}

int vdev_netio_local(int fd, struct vdev_addr *a)
{
    struct sockaddr_storage ss;
    socklen_t len = sizeof(ss);
    if (getsockname(fd, (struct sockaddr *)&ss, &len))
        return -errno;
    from_host(&ss, a);
    return 0;
}

int vdev_netio_peer(int fd, struct vdev_addr *a)
{
    struct sockaddr_storage ss;
    socklen_t len = sizeof(ss);
    if (getpeername(fd, (struct sockaddr *)&ss, &len))
        return -errno;
    from_host(&ss, a);
    return 0;
}

/* Nagle stays on, as in LwIP, unless the app turns it off */
int vdev_netio_set_nodelay(int fd, bool on)
{
    int v = on;
    return setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &v, sizeof(v)) ? -errno : 0;
}

int vdev_netio_set_reuse(int fd)
{
    int one = 1;
    return setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) ? -errno : 0;
}

int vdev_netio_set_broadcast(int fd, bool on)
{
    int v = on;
    return setsockopt(fd, SOL_SOCKET, SO_BROADCAST, &v, sizeof(v)) ? -errno : 0;
}

int vdev_netio_multicast(int fd, const struct vdev_addr *g, bool join)
{
    if (g->family == 6) {
        struct ipv6_mreq m;
        memset(&m, 0, sizeof(m));
        memcpy(&m.ipv6mr_multiaddr, g->ip, 16);
        return setsockopt(fd, IPPROTO_IPV6, join ? IPV6_ADD_MEMBERSHIP : IPV6_DROP_MEMBERSHIP, &m, sizeof(m)) ? -errno
                                                                                                            : 0;
    }
    struct ip_mreq m;
    memset(&m, 0, sizeof(m));
    memcpy(&m.imr_multiaddr, g->ip, 4);
    m.imr_interface.s_addr = htonl(INADDR_LOOPBACK); /* tests stay on this machine */
    int loop = 1;
    setsockopt(fd, IPPROTO_IP, IP_MULTICAST_LOOP, &loop, sizeof(loop));
    setsockopt(fd, IPPROTO_IP, IP_MULTICAST_IF, &m.imr_interface, sizeof(m.imr_interface));
    return setsockopt(fd, IPPROTO_IP, join ? IP_ADD_MEMBERSHIP : IP_DROP_MEMBERSHIP, &m, sizeof(m)) ? -errno : 0;
}

int vdev_netio_ready(int fd, int events)
{
    struct pollfd p = { .fd = fd, .events = (short)(((events & 1) ? POLLIN : 0) | ((events & 2) ? POLLOUT : 0)) };
    if (poll(&p, 1, 0) <= 0)
        return 0;
    int r = 0;
    if (p.revents & (POLLIN | POLLHUP | POLLERR))
        r |= 1;
    if (p.revents & (POLLOUT | POLLHUP | POLLERR))
        r |= 2;
    return r & events;
}

/* ---- the watcher ---- */

static void wake_obj(void *obj)
{
    vdev_sched_lock();
    vdev_sched_wake(obj, -1);
    vdev_sched_unlock();
}

static void *watcher(void *arg)
{
    (void)arg;
    struct pollfd p[MAX_WATCH + 1];
    const void *objs[MAX_WATCH + 1];
    for (;;) {
        pthread_mutex_lock(&W.lock);
        int n = 0;
        p[n].fd = W.pipe[0];
        p[n].events = POLLIN;
        objs[n++] = NULL;
        for (int i = 0; i < W.n; i++)
            if (!W.w[i].fired) {
                p[n].fd = W.w[i].fd;
                p[n].events = W.w[i].events;
                objs[n++] = W.w[i].obj;
            }
        pthread_mutex_unlock(&W.lock);
        if (poll(p, (nfds_t)n, -1) < 0 && errno != EINTR)
            continue;
        if (p[0].revents) {
            char buf[64];
            while (read(W.pipe[0], buf, sizeof(buf)) > 0) {
            }
        }
        pthread_mutex_lock(&W.lock);
        for (int k = 1; k < n; k++) {
            if (!p[k].revents)
                continue;
            /* registrations may have moved meanwhile: match by fd and waiter */
            for (int i = 0; i < W.n; i++) {
                if (W.w[i].fd == p[k].fd && W.w[i].obj == objs[k] && !W.w[i].fired) {
                    W.w[i].fired = true;
                    vdev_sched_post(wake_obj, (void *)W.w[i].obj);
                }
            }
        }
        pthread_mutex_unlock(&W.lock);
    }
    return NULL;
}

void vdev_netio_start(void)
{
    if (W.started)
        return;
    if (pipe2(W.pipe, O_NONBLOCK | O_CLOEXEC))
        return;
    pthread_t th;
    pthread_attr_t a;
    pthread_attr_init(&a);
    pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED);
    if (pthread_create(&th, &a, watcher, NULL) == 0)
        W.started = true;
    pthread_attr_destroy(&a);
}

static void kick(void)
{
    if (write(W.pipe[1], "x", 1) < 0) {
        /* the pipe is full: the watcher is awake anyway */
    }
}

int vdev_netio_wait(const int *fds, const int *events, int n, const void *obj, uint64_t deadline)
{
    vdev_netio_start();
    pthread_mutex_lock(&W.lock);
    int added = 0;
    for (int i = 0; i < n && W.n < MAX_WATCH; i++) {
        W.w[W.n++] = (struct watch){ fds[i], (short)(((events[i] & 1) ? POLLIN : 0) | ((events[i] & 2) ? POLLOUT : 0)),
                                     obj, false };
        added++;
    }
    pthread_mutex_unlock(&W.lock);
    kick();
    vdev_sched_host_wait(+1);
    vdev_sched_lock();
    enum vdev_wake r = vdev_sched_wait(obj, deadline);
    vdev_sched_unlock();
    vdev_sched_host_wait(-1);
    pthread_mutex_lock(&W.lock);
    for (int i = 0; i < W.n;) {
        if (W.w[i].obj == obj) {
            W.w[i] = W.w[--W.n];
        } else {
            i++;
        }
    }
    pthread_mutex_unlock(&W.lock);
    kick();
    (void)added;
    return r == VDEV_WAKE_SIGNAL ? 1 : 0;
}

int vdev_netio_ping(const struct vdev_addr *a, int timeout_ms)
{
    bool loopback = simulated(a) || (a->family == 4 && a->ip[0] == 127) ||
                    (a->family == 6 && a->ip[15] == 1 && !memcmp(a->ip, "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", 15));
    if (!loopback && vdev_clock_mode() == VDEV_CLOCK_VIRTUAL)
        return -ENETUNREACH; /* virtual time: no traffic to other machines (runs must repeat) */
    int fd = socket(a->family == 6 ? AF_INET6 : AF_INET, SOCK_DGRAM | SOCK_CLOEXEC,
                    a->family == 6 ? IPPROTO_ICMPV6 : IPPROTO_ICMP);
    if (fd < 0)
        return -errno;
    unsigned char pkt[16] = { a->family == 6 ? 128 : 8, 0, 0, 0, 0, 0, 0, 1 };
    struct vdev_addr to = *a;
    to.port = 0;
    struct sockaddr_storage ss;
    socklen_t len = to_host(&to, &ss);
    int rc = -ETIMEDOUT;
    if (sendto(fd, pkt, sizeof(pkt), 0, (struct sockaddr *)&ss, len) >= 0) {
        struct pollfd p = { .fd = fd, .events = POLLIN };
        if (poll(&p, 1, timeout_ms) > 0 && recv(fd, pkt, sizeof(pkt), 0) > 0)
            rc = 0;
    } else {
        rc = -errno;
    }
    close(fd);
    return rc;
}
