/* net/net.h - the host side of the simulated network (the "bottom" under
 * hal-posix's socket and netdb HAL). It owns everything that touches host
 * sockets and the resolver, the simulated link (WiFi or LTE: its state and
 * the delay before it comes up), the faults injected per device (link down,
 * latency, jitter, loss, bandwidth, DNS failures), the hosts table, and a
 * host thread that watches sockets so firmware threads can block on them in
 * device time. Addresses cross this boundary in a neutral form. */
#ifndef VDEV_NET_H
#define VDEV_NET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

struct vdev_addr {
    int family;          /* 4 or 6; 0: unspecified */
    uint8_t ip[16];      /* network order: 4 or 16 bytes */
    uint16_t port;       /* host order */
};

/* ---- the link (link.c) ---- */

enum vdev_link_state { VDEV_LINK_OFF, VDEV_LINK_ON, VDEV_LINK_CONNECTING, VDEV_LINK_UP };

struct vdev_net_faults {
    uint64_t latency_us;   /* one way */
    uint64_t jitter_us;    /* +- uniformly */
    unsigned loss_ppm;     /* lost packets per million (UDP dropped; TCP retransmitted later) */
    uint64_t bandwidth_bps;/* 0: unlimited */
};

void vdev_link_init(bool cellular, uint64_t seed);
/* The system layer (system_network.c) moves the link through its states;
 * leaving UP makes every connected socket fail the way a device sees it. */
void vdev_link_set_state(enum vdev_link_state s);
enum vdev_link_state vdev_link_state(void);
bool vdev_link_up(void);
/* Faults, from the CLI, the control channel or a scenario. */
void vdev_link_set_fault_down(bool down);
bool vdev_link_fault_down(void);
void vdev_link_set_faults(const struct vdev_net_faults *f);
void vdev_link_get_faults(struct vdev_net_faults *f);
/* How long n bytes sent now take to arrive, in device time (latency, jitter,
 * bandwidth, and for TCP retransmissions). Deterministic from the seed. */
uint64_t vdev_link_delay(size_t n, bool tcp);
/* Whether a datagram is lost (UDP). */
bool vdev_link_lose(void);
/* Incremented whenever the link goes down: sockets older than this are dead. */
unsigned vdev_link_generation(void);
/* The interface's simulated addresses (local, gateway, netmask, dns). */
void vdev_link_addresses(struct vdev_addr *local, struct vdev_addr *gateway, struct vdev_addr *netmask,
                         struct vdev_addr *dns);
void vdev_link_mac(uint8_t mac[6]);

/* ---- names (resolve.c) ---- */

/* Hosts table lines "ADDRESS NAME..." (/etc/hosts format). Garbage lines are
 * skipped with one warning each; returns the number of entries or -errno. */
int vdev_resolve_load_hosts(const char *path);
int vdev_resolve_add_host(const char *name, const char *address);
void vdev_resolve_set_failure(const char *name, bool fail);
/* Ask the host's resolver for names the table does not know (real time
 * only: in virtual time answers must not depend on the host's network). */
void vdev_resolve_use_host(bool on);
/* Up to max addresses for a name (numeric, hosts table, "localhost", then
 * the host's resolver when allowed). family 0: any. Returns the count, 0 when the name does not
 * resolve, or -1 when resolution failed (a DNS fault). */
int vdev_resolve(const char *name, int family, struct vdev_addr *out, int max);
bool vdev_addr_parse(const char *text, struct vdev_addr *out);
void vdev_addr_format(const struct vdev_addr *a, char *out, size_t len);

/* ---- host sockets (netio.c) ---- */

/* Host socket operations on non-blocking host sockets; -errno on failure. */
int vdev_netio_socket(int family, bool stream);
int vdev_netio_bind(int fd, const struct vdev_addr *a);
int vdev_netio_connect(int fd, const struct vdev_addr *a);
int vdev_netio_connect_result(int fd);            /* 0, or -errno once a connect finished */
int vdev_netio_listen(int fd, int backlog);
int vdev_netio_accept(int fd, struct vdev_addr *peer);
ssize_t vdev_netio_send(int fd, const void *p, size_t n);
ssize_t vdev_netio_recv(int fd, void *p, size_t n, bool peek);
ssize_t vdev_netio_sendto(int fd, const void *p, size_t n, const struct vdev_addr *to);
ssize_t vdev_netio_recvfrom(int fd, void *p, size_t n, struct vdev_addr *from);
int vdev_netio_shutdown(int fd, int how);          /* how: 0 rd, 1 wr, 2 both */
int vdev_netio_close(int fd, bool abortive);
int vdev_netio_local(int fd, struct vdev_addr *a);
int vdev_netio_peer(int fd, struct vdev_addr *a);
int vdev_netio_set_reuse(int fd);
int vdev_netio_set_nodelay(int fd, bool on);
int vdev_netio_multicast(int fd, const struct vdev_addr *group, bool join);
int vdev_netio_set_broadcast(int fd, bool on);
/* Is the host socket ready now (poll with zero timeout)? events: 1 read, 2 write */
int vdev_netio_ready(int fd, int events);
/* One ICMP echo (unprivileged ICMP socket); 0 when answered within timeout_ms. */
int vdev_netio_ping(const struct vdev_addr *a, int timeout_ms);

/* Block the calling firmware thread until one of the host fds is ready for
 * its events, `obj` is woken, or device time reaches deadline. While it
 * waits, virtual time runs no faster than the host clock. Returns 1 when a
 * host fd became ready, 0 on deadline or wake. */
int vdev_netio_wait(const int *fds, const int *events, int n, const void *obj, uint64_t deadline);
void vdev_netio_start(void);

#endif
