/* hal-posix/src/socket_io.c - data on sockets: send/recv/sendto/recvfrom,
 * sock_poll and sock_select (Device OS 1.4.0 #1895), blocking in device time
 * through the host-socket watcher. When faults shape traffic (latency,
 * jitter, loss, bandwidth), data is held in per-socket queues with the device
 * time it becomes visible (inbound) or leaves (outbound, sent by the `net`
 * firmware thread); UDP datagrams may be lost. A link that went down under a
 * connected socket makes it fail as on a device. */
#include "socket_priv.h"

#include "../../sim/sched.h"
#include "concurrent_hal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define T vdev_socks_
#define DGRAM_MAX 65536
#define NET_THREAD_PRIO 7

static struct {
    vdev_thread_t *thread;
    char wake;
    uint8_t buf[DGRAM_MAX];
} N;

static void append(struct sock_chunk **list, struct sock_chunk *c)
{
    while (*list)
        list = &(*list)->next;
    *list = c;
}

static struct sock_chunk *new_chunk(const void *p, size_t n, uint64_t at, const struct vdev_addr *peer)
{
    struct sock_chunk *c = calloc(1, sizeof(*c) + n);
    if (!c)
        return NULL;
    memcpy(c->data, p, n);
    c->len = n;
    c->at = at;
    if (peer)
        c->peer = *peer;
    return c;
}

/* Move what the host received into the socket's queue, stamped with when
 * the device sees it. */
static void pull(struct sock_entry *e)
{
    if (e->listening)
        return;
    for (;;) {
        struct vdev_addr from = { 0 };
        ssize_t n = e->stream ? vdev_netio_recv(e->fd, N.buf, sizeof(N.buf), false)
                              : vdev_netio_recvfrom(e->fd, N.buf, sizeof(N.buf), &from);
        if (n < 0) {
            if (n != -EAGAIN && n != -EWOULDBLOCK)
                e->error = (int)-n;
            return;
        }
        if (!e->stream && vdev_link_lose())
            continue;
        uint64_t at = vdev_clock_now() + vdev_link_delay((size_t)n, e->stream);
        if (e->stream) {
            if (at < e->in_last)
                at = e->in_last;
            e->in_last = at;
        }
        if (n > DGRAM_MAX)
            n = DGRAM_MAX;
        struct sock_chunk *c = new_chunk(N.buf, (size_t)n, at, &from);
        if (!c)
            return;
        append(&e->in, c);
        if (n == 0) /* the peer closed: an empty chunk marks the end */
            return;
    }
}

/* A non-blocking connect completes once the host socket is writable. */
static void finish_connect(struct sock_entry *e)
{
    if (!e->connecting || !vdev_netio_ready(e->fd, 2))
        return;
    e->connecting = false;
    int rc = vdev_netio_connect_result(e->fd);
    if (rc)
        e->error = -rc;
    else
        e->connected = true;
}

static bool queued(struct sock_entry *e) { return e->in || vdev_sock_shaping_(); }

static int dead_error(struct sock_entry *e)
{
    if (vdev_sock_dead_(e))
        return e->stream ? ECONNABORTED : ENETDOWN;
    return 0;
}

static ssize_t take(struct sock_entry *e, void *mem, size_t len, bool peek, struct vdev_addr *from)
{
    struct sock_chunk *c = e->in;
    if (from)
        *from = c->peer;
    if (c->len == 0)
        return 0; /* end of stream stays */
    size_t avail = c->len - c->off, n = avail < len ? avail : len;
    memcpy(mem, c->data + c->off, n);
    if (peek)
        return (ssize_t)n;
    if (!e->stream || n == avail) { /* a datagram goes whole (the rest is truncated) */
        e->in = c->next;
        free(c);
    } else {
        c->off += n;
    }
    return (ssize_t)n;
}

static ssize_t do_recv(int s, void *mem, size_t len, int flags, struct vdev_addr *from)
{
    struct sock_entry *e = vdev_sock_get_(s);
    if (!e)
        return -1;
    finish_connect(e);
    if (e->stream && e->connecting)
        return vdev_sock_fail_(EWOULDBLOCK);
    if (e->listening || (e->stream && !e->connected))
        return vdev_sock_fail_(ENOTCONN);
    bool nonblock = e->nonblock || (flags & MSG_DONTWAIT);
    uint64_t deadline = e->rcvtimeo ? vdev_clock_now() + e->rcvtimeo : VDEV_FOREVER;
    for (;;) {
        int err = dead_error(e);
        if (err)
            return vdev_sock_fail_(err);
        uint64_t visible = VDEV_FOREVER;
        if (queued(e)) {
            pull(e);
            if (e->in && e->in->at <= vdev_clock_now())
                return take(e, mem, len, flags & MSG_PEEK, from);
            if (e->in)
                visible = e->in->at;
        } else {
            ssize_t n = e->stream ? vdev_netio_recv(e->fd, mem, len, flags & MSG_PEEK)
                                  : vdev_netio_recvfrom(e->fd, mem, len, from);
            if (n >= 0)
                return n > (ssize_t)len ? (ssize_t)len : n;
            if (n != -EAGAIN && n != -EWOULDBLOCK)
                return vdev_sock_fail_((int)-n);
        }
        if (e->error) {
            int r = e->error;
            e->error = 0;
            return vdev_sock_fail_(r);
        }
        if (nonblock)
            return vdev_sock_fail_(EWOULDBLOCK);
        if (vdev_clock_now() >= deadline)
            return vdev_sock_fail_(EWOULDBLOCK);
        int ev = 1;
        vdev_netio_wait(&e->fd, &ev, 1, &e->wait, visible < deadline ? visible : deadline);
        if (!vdev_sock_get_(s) || T[s].fd != e->fd)
            return vdev_sock_fail_(EBADF); /* closed meanwhile */
    }
}

ssize_t sock_recv(int s, void *mem, size_t len, int flags) { return do_recv(s, mem, len, flags, NULL); }

ssize_t sock_recvfrom(int s, void *mem, size_t len, int flags, struct sockaddr *from, socklen_t *fromlen)
{
    struct vdev_addr a = { 0 };
    ssize_t n = do_recv(s, mem, len, flags, &a);
    if (n >= 0 && from && fromlen) {
        if (a.family == 6 && *fromlen >= sizeof(struct sockaddr_in6)) {
            struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)from;
            memset(s6, 0, sizeof(*s6));
            s6->sin6_len = sizeof(*s6);
            s6->sin6_family = AF_INET6;
            s6->sin6_port = sock_htons(a.port);
            memcpy(s6->sin6_addr.s6_addr, a.ip, 16);
            *fromlen = sizeof(*s6);
        } else if (*fromlen >= sizeof(struct sockaddr_in)) {
            struct sockaddr_in *s4 = (struct sockaddr_in *)from;
            memset(s4, 0, sizeof(*s4));
            s4->sin_len = sizeof(*s4);
            s4->sin_family = AF_INET;
            s4->sin_port = sock_htons(a.port);
            memcpy(&s4->sin_addr, a.ip, 4);
            *fromlen = sizeof(*s4);
        }
    }
    return n;
}

/* ---- sending ---- */

static void net_thread(void *arg)
{
    (void)arg;
    for (;;) {
        uint64_t next = VDEV_FOREVER, now = vdev_clock_now();
        for (int s = 0; s < SOCK_MAX; s++) {
            struct sock_entry *e = &T[s];
            while (e->used && e->out && e->out->at <= now) {
                struct sock_chunk *c = e->out;
                ssize_t n = e->stream ? vdev_netio_send(e->fd, c->data + c->off, c->len - c->off)
                                      : vdev_netio_sendto(e->fd, c->data, c->len, &c->peer);
                if (n == -EAGAIN || n == -EWOULDBLOCK) {
                    c->at = now + 1000; /* the host's buffer is full: try again in 1 ms */
                    break;
                }
                if (n >= 0 && e->stream && (size_t)n < c->len - c->off) {
                    c->off += (size_t)n;
                    continue;
                }
                e->out = c->next;
                free(c);
            }
            if (e->used && e->out && e->out->at < next)
                next = e->out->at;
        }
        vdev_sched_lock();
        vdev_sched_wait(&N.wake, next);
        vdev_sched_unlock();
    }
}

static int queue_out(struct sock_entry *e, const void *p, size_t n, const struct vdev_addr *to)
{
    uint64_t at = vdev_clock_now() + vdev_link_delay(n, e->stream);
    if (e->stream) {
        if (at < e->out_last)
            at = e->out_last;
        e->out_last = at;
    }
    struct sock_chunk *c = new_chunk(p, n, at, to);
    if (!c)
        return -ENOMEM;
    append(&e->out, c);
    if (!N.thread && vdev_sched_thread_create("net", NET_THREAD_PRIO, net_thread, NULL, &N.thread))
        return -ENOMEM;
    vdev_sched_lock();
    vdev_sched_wake(&N.wake, 1);
    vdev_sched_unlock();
    return 0;
}

static ssize_t do_send(int s, const void *p, size_t n, int flags, const struct vdev_addr *to)
{
    struct sock_entry *e = vdev_sock_get_(s);
    if (!e)
        return -1;
    if (!p && n)
        return vdev_sock_fail_(EFAULT);
    int err = dead_error(e);
    if (err)
        return vdev_sock_fail_(err == ECONNABORTED ? ECONNABORTED : err);
    finish_connect(e);
    if (e->stream && e->connecting)
        return vdev_sock_fail_(EWOULDBLOCK);
    if (e->stream && (!e->connected || e->listening))
        return vdev_sock_fail_(ENOTCONN);
    if (e->shut_wr)
        return vdev_sock_fail_(EPIPE);
    if (!vdev_link_up())
        return vdev_sock_fail_(e->stream ? ECONNABORTED : ENETUNREACH);
    if (!e->stream && !to && !e->connected)
        return vdev_sock_fail_(EDESTADDRREQ);
    if (!e->stream && n > 65507)
        return vdev_sock_fail_(EMSGSIZE);
    if (vdev_sock_shaping_()) {
        if (!e->stream && vdev_link_lose())
            return (ssize_t)n; /* lost on the way: the sender cannot tell */
        struct vdev_addr peer = { 0 };
        if (!e->stream && !to)
            vdev_netio_peer(e->fd, &peer);
        int rc = queue_out(e, p, n, to ? to : &peer);
        return rc ? vdev_sock_fail_(-rc) : (ssize_t)n;
    }
    bool nonblock = e->nonblock || (flags & MSG_DONTWAIT);
    uint64_t deadline = e->sndtimeo ? vdev_clock_now() + e->sndtimeo : VDEV_FOREVER;
    for (;;) {
        ssize_t r = to ? vdev_netio_sendto(e->fd, p, n, to) : vdev_netio_send(e->fd, p, n);
        if (r >= 0)
            return r;
        if (r != -EAGAIN && r != -EWOULDBLOCK)
            return vdev_sock_fail_((int)-r);
        if (nonblock || vdev_clock_now() >= deadline)
            return vdev_sock_fail_(EWOULDBLOCK);
        int ev = 2;
        vdev_netio_wait(&e->fd, &ev, 1, &e->wait, deadline);
        if (!vdev_sock_get_(s))
            return vdev_sock_fail_(EBADF);
    }
}

ssize_t sock_send(int s, const void *data, size_t size, int flags) { return do_send(s, data, size, flags, NULL); }

ssize_t sock_sendto(int s, const void *data, size_t size, int flags, const struct sockaddr *to, socklen_t tolen)
{
    if (!to)
        return do_send(s, data, size, flags, NULL);
    struct vdev_addr a = { 0 };
    if (to->sa_family == AF_INET && tolen >= sizeof(struct sockaddr_in)) {
        const struct sockaddr_in *s4 = (const struct sockaddr_in *)to;
        a.family = 4;
        memcpy(a.ip, &s4->sin_addr, 4);
        a.port = sock_htons(s4->sin_port);
    } else if (to->sa_family == AF_INET6 && tolen >= sizeof(struct sockaddr_in6)) {
        const struct sockaddr_in6 *s6 = (const struct sockaddr_in6 *)to;
        a.family = 6;
        memcpy(a.ip, s6->sin6_addr.s6_addr, 16);
        a.port = sock_htons(s6->sin6_port);
    } else {
        return vdev_sock_fail_(EAFNOSUPPORT);
    }
    return do_send(s, data, size, flags, &a);
}

/* ---- poll and select ---- */

static short readiness(struct sock_entry *e, short events, uint64_t *visible)
{
    short r = 0;
    finish_connect(e);
    if (vdev_sock_dead_(e))
        return POLLERR | POLLHUP;
    if (e->listening) {
        if (vdev_netio_ready(e->fd, 1))
            r |= POLLIN;
    } else if (queued(e)) {
        pull(e);
        if (e->in && e->in->at <= vdev_clock_now())
            r |= POLLIN;
        else if (e->in && e->in->at < *visible)
            *visible = e->in->at;
    } else if (vdev_netio_ready(e->fd, 1)) {
        r |= POLLIN;
    }
    if ((events & POLLOUT) && (!e->stream || e->connected) && (vdev_sock_shaping_() || vdev_netio_ready(e->fd, 2)))
        r |= POLLOUT;
    if (e->error)
        r |= POLLERR;
    return r & (events | POLLERR | POLLHUP);
}

int sock_poll(struct pollfd *fds, nfds_t nfds, int timeout)
{
    if (!fds && nfds)
        return vdev_sock_fail_(EFAULT);
    if (nfds > SOCK_MAX)
        return vdev_sock_fail_(EINVAL);
    uint64_t deadline = timeout < 0 ? VDEV_FOREVER : vdev_clock_now() + (uint64_t)timeout * 1000u;
    static char poll_wait;
    for (;;) {
        int count = 0;
        uint64_t visible = VDEV_FOREVER;
        int hostfds[SOCK_MAX], events[SOCK_MAX], nh = 0;
        for (nfds_t i = 0; i < nfds; i++) {
            fds[i].revents = 0;
            if (fds[i].fd < 0)
                continue;
            struct sock_entry *e = vdev_sock_get_(fds[i].fd);
            if (!e) {
                fds[i].revents = POLLNVAL;
                count++;
                continue;
            }
            fds[i].revents = readiness(e, fds[i].events, &visible);
            if (fds[i].revents)
                count++;
            hostfds[nh] = e->fd;
            events[nh++] = ((fds[i].events & POLLIN) ? 1 : 0) | ((fds[i].events & POLLOUT) ? 2 : 0);
        }
        if (count || timeout == 0 || vdev_clock_now() >= deadline)
            return count;
        vdev_netio_wait(hostfds, events, nh, &poll_wait, visible < deadline ? visible : deadline);
    }
}

int sock_select(int nfds, fd_set *readfds, fd_set *writefds, fd_set *exceptfds, struct timeval *timeout)
{
    if (nfds < 0 || nfds > SOCK_MAX)
        return vdev_sock_fail_(EINVAL);
    struct pollfd p[SOCK_MAX];
    int n = 0;
    for (int fd = 0; fd < nfds; fd++) {
        short ev = 0;
        if (readfds && FD_ISSET(fd, readfds))
            ev |= POLLIN;
        if (writefds && FD_ISSET(fd, writefds))
            ev |= POLLOUT;
        if (exceptfds && FD_ISSET(fd, exceptfds))
            ev |= POLLPRI;
        if (ev)
            p[n++] = (struct pollfd){ .fd = fd, .events = ev };
    }
    if (timeout && (timeout->tv_sec < 0 || timeout->tv_usec < 0))
        return vdev_sock_fail_(EINVAL);
    int ms = timeout ? (int)(timeout->tv_sec * 1000 + timeout->tv_usec / 1000) : -1;
    int r = sock_poll(p, (nfds_t)n, ms);
    if (r < 0)
        return r;
    for (int i = 0; i < n; i++)
        if (p[i].revents & POLLNVAL)
            return vdev_sock_fail_(EBADF);
    if (readfds)
        FD_ZERO(readfds);
    if (writefds)
        FD_ZERO(writefds);
    if (exceptfds)
        FD_ZERO(exceptfds);
    int count = 0;
    for (int i = 0; i < n; i++) {
        if (readfds && (p[i].revents & (POLLIN | POLLHUP | POLLERR)) && (p[i].events & POLLIN)) {
            FD_SET(p[i].fd, readfds);
            count++;
        }
        if (writefds && (p[i].revents & (POLLOUT | POLLERR)) && (p[i].events & POLLOUT)) {
            FD_SET(p[i].fd, writefds);
            count++;
        }
        if (exceptfds && (p[i].revents & POLLERR) && (p[i].events & POLLPRI)) {
            FD_SET(p[i].fd, exceptfds);
            count++;
        }
    }
    return count;
}
