/* hal-posix/src/socket_hal.c - the socket HAL (LwIP's POSIX flavour under
 * sock_* names) on host sockets: the handle table, socket/bind/listen/
 * accept/connect/close/shutdown, names and options. A device's listening
 * port is forwarded to a host port (the same one when it can be had) and
 * announced with a `net-listen` event; ephemeral ports of outgoing
 * connections come from the calling thread's rand() (Device OS 1.4.0 #1905). */
#include "socket_priv.h"

#include "../../sim/events.h"
#include "../../sim/platform.h"
#include "../../sim/sched.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct sock_entry vdev_socks_[SOCK_MAX];
#define T vdev_socks_

int vdev_sock_fail_(int err)
{
    errno = err;
    return -1;
}

struct sock_entry *vdev_sock_get_(int s)
{
    if (s < 0 || s >= SOCK_MAX || !T[s].used) {
        errno = EBADF;
        return NULL;
    }
    return &T[s];
}

bool vdev_sock_dead_(struct sock_entry *e)
{
    return e->stream && !e->listening && (e->connected || e->error) && e->gen != vdev_link_generation();
}

bool vdev_sock_shaping_(void)
{
    struct vdev_net_faults f;
    vdev_link_get_faults(&f);
    return f.latency_us || f.jitter_us || f.loss_ppm || f.bandwidth_bps;
}

void vdev_sock_free_chunks_(struct sock_chunk **list)
{
    while (*list) {
        struct sock_chunk *n = (*list)->next;
        free(*list);
        *list = n;
    }
}

uint16_t sock_htons(uint16_t v) { return (uint16_t)((v << 8) | (v >> 8)); }
uint32_t sock_htonl(uint32_t v)
{
    return ((v & 0xff) << 24) | ((v & 0xff00) << 8) | ((v >> 8) & 0xff00) | (v >> 24);
}

/* LwIP sockaddr <-> neutral address */
static int from_sockaddr(const struct sockaddr *sa, socklen_t len, struct vdev_addr *a)
{
    memset(a, 0, sizeof(*a));
    if (!sa)
        return -EINVAL;
    if (sa->sa_family == AF_INET && len >= sizeof(struct sockaddr_in)) {
        const struct sockaddr_in *s4 = (const struct sockaddr_in *)sa;
        a->family = 4;
        memcpy(a->ip, &s4->sin_addr, 4);
        a->port = sock_htons(s4->sin_port);
        return 0;
    }
    if (sa->sa_family == AF_INET6 && len >= sizeof(struct sockaddr_in6)) {
        const struct sockaddr_in6 *s6 = (const struct sockaddr_in6 *)sa;
        a->family = 6;
        memcpy(a->ip, s6->sin6_addr.s6_addr, 16);
        a->port = sock_htons(s6->sin6_port);
        return 0;
    }
    return -EAFNOSUPPORT;
}

static void to_sockaddr(const struct vdev_addr *a, struct sockaddr *sa, socklen_t *len)
{
    if (!sa || !len)
        return;
    struct sockaddr_storage ss;
    memset(&ss, 0, sizeof(ss));
    socklen_t n;
    if (a->family == 6) {
        struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)&ss;
        s6->sin6_len = sizeof(*s6);
        s6->sin6_family = AF_INET6;
        s6->sin6_port = sock_htons(a->port);
        memcpy(s6->sin6_addr.s6_addr, a->ip, 16);
        n = sizeof(*s6);
    } else {
        struct sockaddr_in *s4 = (struct sockaddr_in *)&ss;
        s4->sin_len = sizeof(*s4);
        s4->sin_family = AF_INET;
        s4->sin_port = sock_htons(a->port);
        memcpy(&s4->sin_addr, a->ip, 4);
        n = sizeof(*s4);
    }
    memcpy(sa, &ss, *len < n ? *len : n);
    *len = n;
}

static int new_entry(int fd, int family, bool stream)
{
    for (int s = 0; s < SOCK_MAX; s++) {
        if (!T[s].used) {
            memset(&T[s], 0, sizeof(T[s]));
            T[s].used = true;
            T[s].fd = fd;
            T[s].family = family;
            T[s].stream = stream;
            T[s].gen = vdev_link_generation();
            return s;
        }
    }
    return -1;
}

int sock_socket(int domain, int type, int protocol)
{
    (void)protocol;
    if (domain != AF_INET && domain != AF_INET6)
        return vdev_sock_fail_(EAFNOSUPPORT);
    if (domain == AF_INET6 && !vdev_platform_current()->ipv6)
        return vdev_sock_fail_(EAFNOSUPPORT); /* Photon: IPv4 only */
    if (type != SOCK_STREAM && type != SOCK_DGRAM)
        return vdev_sock_fail_(EPROTONOSUPPORT);
    int fd = vdev_netio_socket(domain == AF_INET6 ? 6 : 4, type == SOCK_STREAM);
    if (fd < 0)
        return vdev_sock_fail_(-fd);
    int s = new_entry(fd, domain == AF_INET6 ? 6 : 4, type == SOCK_STREAM);
    if (s < 0) {
        vdev_netio_close(fd, false);
        return vdev_sock_fail_(ENFILE);
    }
    return s;
}

/* Bind the host socket for a device port: the same port when it can be had,
 * else one the host picks; servers listen on loopback only. */
static int bind_port(struct sock_entry *e, const struct vdev_addr *want)
{
    struct vdev_addr a = *want;
    if (!e->stream || (a.family == 4 && a.ip[0] && !(a.ip[0] == 127)))
        memset(a.ip, 0, sizeof(a.ip)); /* UDP (multicast, broadcast) binds to any */
    else if (e->stream) {
        memset(a.ip, 0, sizeof(a.ip));
        if (a.family == 6)
            a.ip[15] = 1;
        else
            a.ip[0] = 127, a.ip[3] = 1;
    }
    if (e->stream) /* a TCP server may come back while its old connections linger */
        vdev_netio_set_reuse(e->fd);
    int rc = a.port >= 1024 ? vdev_netio_bind(e->fd, &a) : -EACCES;
    if (rc) {
        a.port = 0;
        rc = vdev_netio_bind(e->fd, &a);
    }
    if (rc)
        return rc;
    e->bound = true;
    e->port = want->port;
    if (!e->port) {
        struct vdev_addr got;
        if (vdev_netio_local(e->fd, &got) == 0)
            e->port = got.port;
    }
    return 0;
}

int sock_bind(int s, const struct sockaddr *name, socklen_t namelen)
{
    struct sock_entry *e = vdev_sock_get_(s);
    if (!e)
        return -1;
    struct vdev_addr a;
    int rc = from_sockaddr(name, namelen, &a);
    if (rc)
        return vdev_sock_fail_(-rc);
    if (e->bound)
        return vdev_sock_fail_(EINVAL);
    rc = bind_port(e, &a);
    if (rc)
        return vdev_sock_fail_(-rc);
    if (!e->stream) {
        struct vdev_addr host;
        vdev_netio_local(e->fd, &host);
        vdev_event("net-listen", "{s:s,s:i,s:i}", "proto", "udp", "port", e->port, "host_port", host.port);
    }
    return 0;
}

int sock_listen(int s, int backlog)
{
    struct sock_entry *e = vdev_sock_get_(s);
    if (!e)
        return -1;
    if (!e->stream)
        return vdev_sock_fail_(EOPNOTSUPP);
    if (!e->bound) {
        struct vdev_addr any = { .family = e->family };
        int rc = bind_port(e, &any);
        if (rc)
            return vdev_sock_fail_(-rc);
    }
    int rc = vdev_netio_listen(e->fd, backlog > 0 ? backlog : 1);
    if (rc)
        return vdev_sock_fail_(-rc);
    e->listening = true;
    struct vdev_addr host;
    vdev_netio_local(e->fd, &host);
    char text[64];
    vdev_addr_format(&host, text, sizeof(text));
    fprintf(stderr, "vdev: TCP port %u of the device listens at %s port %u of this machine\n", e->port, text,
            host.port);
    vdev_event("net-listen", "{s:s,s:i,s:s,s:i}", "proto", "tcp", "port", e->port, "host", text, "host_port",
               host.port);
    return 0;
}

int sock_accept(int s, struct sockaddr *addr, socklen_t *addrlen)
{
    struct sock_entry *e = vdev_sock_get_(s);
    if (!e)
        return -1;
    if (!e->listening)
        return vdev_sock_fail_(EINVAL);
    uint64_t deadline = e->rcvtimeo ? vdev_clock_now() + e->rcvtimeo : VDEV_FOREVER;
    for (;;) {
        struct vdev_addr peer;
        int fd = vdev_netio_accept(e->fd, &peer);
        if (fd >= 0) {
            int c = new_entry(fd, e->family, true);
            if (c < 0) {
                vdev_netio_close(fd, true);
                return vdev_sock_fail_(ENFILE);
            }
            T[c].connected = true;
            T[c].bound = true;
            T[c].port = e->port;
            to_sockaddr(&peer, addr, addrlen);
            return c;
        }
        if (fd != -EAGAIN && fd != -EWOULDBLOCK)
            return vdev_sock_fail_(-fd);
        if (e->nonblock)
            return vdev_sock_fail_(EWOULDBLOCK);
        int ev = 1;
        if (!vdev_netio_wait(&e->fd, &ev, 1, &e->wait, deadline) && vdev_clock_now() >= deadline)
            return vdev_sock_fail_(EWOULDBLOCK);
    }
}

/* An ephemeral port from the calling thread's random numbers. */
static void bind_ephemeral(struct sock_entry *e)
{
    struct vdev_addr a = { .family = e->family };
    vdev_netio_set_reuse(e->fd); /* the same port again after a run whose connection lingers */
    for (int i = 0; i < 8; i++) {
        a.port = (uint16_t)(49152 + (unsigned)rand() % 16384u);
        if (vdev_netio_bind(e->fd, &a) == 0) {
            e->bound = true;
            e->port = a.port;
            return;
        }
    }
}

int sock_connect(int s, const struct sockaddr *name, socklen_t namelen)
{
    struct sock_entry *e = vdev_sock_get_(s);
    if (!e)
        return -1;
    struct vdev_addr a;
    int rc = from_sockaddr(name, namelen, &a);
    if (rc)
        return vdev_sock_fail_(-rc);
    if (!vdev_link_up())
        return vdev_sock_fail_(ENETUNREACH);
    if (a.family != e->family)
        return vdev_sock_fail_(EAFNOSUPPORT);
    bool zero = true;
    for (int i = 0; i < (a.family == 6 ? 16 : 4); i++)
        zero &= a.ip[i] == 0;
    if (zero || !a.port)
        return vdev_sock_fail_(EADDRNOTAVAIL);
    if (!e->bound)
        bind_ephemeral(e);
    e->gen = vdev_link_generation();
    rc = vdev_netio_connect(e->fd, &a);
    if (!e->stream) { /* UDP: just a default peer */
        e->connected = rc == 0;
        return rc ? vdev_sock_fail_(-rc) : 0;
    }
    if (rc && rc != -EINPROGRESS)
        return vdev_sock_fail_(-rc);
    if (rc == -EINPROGRESS) {
        if (e->nonblock) {
            e->connecting = true; /* finishes in poll/select (writable) or the next call */
            return vdev_sock_fail_(EINPROGRESS);
        }
        uint64_t deadline = vdev_clock_now() + (e->sndtimeo ? e->sndtimeo : SOCK_CONNECT_TIMEOUT_US);
        int ev = 2;
        while (!vdev_netio_ready(e->fd, 2)) {
            vdev_netio_wait(&e->fd, &ev, 1, &e->wait, deadline);
            if (vdev_clock_now() >= deadline && !vdev_netio_ready(e->fd, 2))
                return vdev_sock_fail_(ETIMEDOUT);
            if (e->gen != vdev_link_generation())
                return vdev_sock_fail_(ENETDOWN);
        }
        rc = vdev_netio_connect_result(e->fd);
        if (rc)
            return vdev_sock_fail_(-rc);
    }
    if (vdev_sock_shaping_()) /* the handshake's round trip */
        vdev_sched_sleep_until(vdev_clock_now() + vdev_link_delay(0, true) + vdev_link_delay(0, true));
    e->connected = true;
    return 0;
}

int sock_close(int s)
{
    struct sock_entry *e = vdev_sock_get_(s);
    if (!e)
        return -1;
    vdev_sock_free_chunks_(&e->in);
    vdev_sock_free_chunks_(&e->out);
    vdev_netio_close(e->fd, vdev_sock_dead_(e));
    vdev_sched_lock();
    vdev_sched_wake(&e->wait, -1);
    vdev_sched_unlock();
    memset(e, 0, sizeof(*e));
    return 0;
}

int sock_shutdown(int s, int how)
{
    struct sock_entry *e = vdev_sock_get_(s);
    if (!e)
        return -1;
    if (how != SHUT_RD && how != SHUT_WR && how != SHUT_RDWR)
        return vdev_sock_fail_(EINVAL);
    if (how != SHUT_RD)
        e->shut_wr = true;
    int rc = vdev_netio_shutdown(e->fd, how);
    return rc && rc != -ENOTCONN ? vdev_sock_fail_(-rc) : 0;
}

static uint64_t timeval_us(const void *v, socklen_t len)
{
    if (len >= sizeof(struct timeval)) {
        const struct timeval *tv = v;
        return (uint64_t)tv->tv_sec * 1000000u + (uint64_t)tv->tv_usec;
    }
    return 0;
}

int sock_setsockopt(int s, int level, int optname, const void *optval, socklen_t optlen)
{
    struct sock_entry *e = vdev_sock_get_(s);
    if (!e)
        return -1;
    if (!optval)
        return vdev_sock_fail_(EFAULT);
    if (level == SOL_SOCKET && (optname == SO_RCVTIMEO || optname == SO_SNDTIMEO)) {
        if (optlen < sizeof(struct timeval))
            return vdev_sock_fail_(EINVAL);
        *(optname == SO_RCVTIMEO ? &e->rcvtimeo : &e->sndtimeo) = timeval_us(optval, optlen);
        return 0;
    }
    if ((level == IPPROTO_IP && (optname == IP_ADD_MEMBERSHIP || optname == IP_DROP_MEMBERSHIP)) ||
        (level == IPPROTO_IPV6 && (optname == IPV6_JOIN_GROUP || optname == IPV6_LEAVE_GROUP))) {
        struct vdev_addr g = { .family = level == IPPROTO_IPV6 ? 6 : 4 };
        if (g.family == 4 && optlen >= sizeof(struct ip_mreq))
            memcpy(g.ip, &((const struct ip_mreq *)optval)->imr_multiaddr, 4);
        else if (g.family == 6 && optlen >= sizeof(struct ipv6_mreq))
            memcpy(g.ip, ((const struct ipv6_mreq *)optval)->ipv6mr_multiaddr.s6_addr, 16);
        else
            return vdev_sock_fail_(EINVAL);
        int rc = vdev_netio_multicast(e->fd, &g, optname == IP_ADD_MEMBERSHIP || optname == IPV6_JOIN_GROUP);
        return rc ? vdev_sock_fail_(-rc) : 0;
    }
    if (level == IPPROTO_TCP && optname == TCP_NODELAY && optlen >= sizeof(int))
        return vdev_netio_set_nodelay(e->fd, *(const int *)optval) ? -1 : 0;
    if (level == SOL_SOCKET && optname == SO_BROADCAST && optlen >= sizeof(int))
        return vdev_netio_set_broadcast(e->fd, *(const int *)optval) ? -1 : 0;
    /* accepted as a device does; the host's defaults stand (reuse, keepalive, nodelay, linger...) */
    if (level == SOL_SOCKET || level == IPPROTO_TCP || level == IPPROTO_IP || level == IPPROTO_IPV6)
        return 0;
    return vdev_sock_fail_(ENOPROTOOPT);
}

int sock_getsockopt(int s, int level, int optname, void *optval, socklen_t *optlen)
{
    struct sock_entry *e = vdev_sock_get_(s);
    if (!e)
        return -1;
    if (!optval || !optlen)
        return vdev_sock_fail_(EFAULT);
    if (level == SOL_SOCKET && (optname == SO_RCVTIMEO || optname == SO_SNDTIMEO) &&
        *optlen >= sizeof(struct timeval)) {
        uint64_t us = optname == SO_RCVTIMEO ? e->rcvtimeo : e->sndtimeo;
        struct timeval tv = { .tv_sec = (time_t)(us / 1000000u), .tv_usec = (suseconds_t)(us % 1000000u) };
        memcpy(optval, &tv, sizeof(tv));
        *optlen = sizeof(tv);
        return 0;
    }
    if (level == SOL_SOCKET && *optlen >= sizeof(int) && (optname == SO_ERROR || optname == SO_TYPE)) {
        int v = optname == SO_TYPE ? (e->stream ? SOCK_STREAM : SOCK_DGRAM) : e->error;
        if (optname == SO_ERROR) {
            if (!v)
                v = -vdev_netio_connect_result(e->fd);
            if (!v && vdev_sock_dead_(e))
                v = ECONNABORTED;
            e->error = 0;
        }
        memcpy(optval, &v, sizeof(v));
        *optlen = sizeof(v);
        return 0;
    }
    return vdev_sock_fail_(ENOPROTOOPT);
}

int sock_getsockname(int s, struct sockaddr *name, socklen_t *namelen)
{
    struct sock_entry *e = vdev_sock_get_(s);
    if (!e)
        return -1;
    struct vdev_addr a;
    vdev_link_addresses(&a, NULL, NULL, NULL); /* the device's own address */
    if (e->family == 6) {
        memset(&a, 0, sizeof(a));
        a.family = 6;
    }
    a.port = e->port;
    to_sockaddr(&a, name, namelen);
    return 0;
}

int sock_getpeername(int s, struct sockaddr *name, socklen_t *namelen)
{
    struct sock_entry *e = vdev_sock_get_(s);
    if (!e)
        return -1;
    struct vdev_addr a;
    int rc = vdev_netio_peer(e->fd, &a);
    if (rc)
        return vdev_sock_fail_(-rc);
    to_sockaddr(&a, name, namelen);
    return 0;
}

int sock_fcntl(int s, int cmd, ...)
{
    struct sock_entry *e = vdev_sock_get_(s);
    if (!e)
        return -1;
    if (cmd == F_GETFL)
        return e->nonblock ? O_NONBLOCK : 0;
    if (cmd == F_SETFL) {
        va_list ap;
        va_start(ap, cmd);
        int flags = va_arg(ap, int);
        va_end(ap);
        e->nonblock = (flags & (O_NONBLOCK | 1)) != 0; /* LwIP's O_NONBLOCK is 1 */
        return 0;
    }
    return vdev_sock_fail_(EINVAL);
}
