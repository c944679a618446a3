/* hal-posix/include/socket_hal.h - the socket HAL of Gen 3 Device OS: LwIP's
 * POSIX flavour under sock_* names (sock_socket, sock_connect, sock_poll,
 * sock_select...), with LwIP's types and constant values. The simulator runs
 * them on host sockets (net/). Errors: -1 and errno (the host's values, the
 * ones <errno.h> gives the app). The host's socket headers are not included,
 * so apps keep the names socket, connect, send... for themselves. */
#ifndef VDEV_SOCKET_HAL_H
#define VDEV_SOCKET_HAL_H

#include "hal_platform.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/select.h>
#include <sys/time.h>
#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef uint8_t sa_family_t;
typedef uint16_t in_port_t;
typedef uint32_t in_addr_t;
#ifndef SOCKLEN_T_DEFINED
#define SOCKLEN_T_DEFINED
typedef uint32_t socklen_t;
#endif
typedef int sock_handle_t;

struct in_addr {
    in_addr_t s_addr;
};

struct in6_addr {
    union {
        uint32_t u32_addr[4];
        uint8_t u8_addr[16];
    } un;
};
#define s6_addr un.u8_addr

struct sockaddr {
    uint8_t sa_len;
    sa_family_t sa_family;
    char sa_data[14];
};

struct sockaddr_in {
    uint8_t sin_len;
    sa_family_t sin_family;
    in_port_t sin_port;
    struct in_addr sin_addr;
    char sin_zero[8];
};

struct sockaddr_in6 {
    uint8_t sin6_len;
    sa_family_t sin6_family;
    in_port_t sin6_port;
    uint32_t sin6_flowinfo;
    struct in6_addr sin6_addr;
    uint32_t sin6_scope_id;
};

struct sockaddr_storage {
    uint8_t s2_len;
    sa_family_t ss_family;
    char s2_data1[2];
    uint32_t s2_data2[3];
    uint32_t s2_data3[3];
};

struct ip_mreq {
    struct in_addr imr_multiaddr;
    struct in_addr imr_interface;
};

struct ipv6_mreq {
    struct in6_addr ipv6mr_multiaddr;
    unsigned int ipv6mr_interface;
};

struct linger {
    int l_onoff;
    int l_linger;
};

/* sock_poll and sock_select use the C library's struct pollfd, nfds_t, fd_set,
 * FD_SET() and struct timeval, and its POLLIN/POLLOUT/... values, as apps
 * written for Device OS expect those names. */
#define AF_UNSPEC 0
#define AF_INET 2
#define AF_INET6 10
#define PF_INET AF_INET
#define PF_INET6 AF_INET6
#define PF_UNSPEC AF_UNSPEC

#define SOCK_STREAM 1
#define SOCK_DGRAM 2
#define SOCK_RAW 3

#define IPPROTO_IP 0
#define IPPROTO_ICMP 1
#define IPPROTO_TCP 6
#define IPPROTO_UDP 17
#define IPPROTO_IPV6 41
#define IPPROTO_ICMPV6 58

#define SOL_SOCKET 0xfff
#define SO_DEBUG 0x0001
#define SO_ACCEPTCONN 0x0002
#define SO_REUSEADDR 0x0004
#define SO_KEEPALIVE 0x0008
#define SO_DONTROUTE 0x0010
#define SO_BROADCAST 0x0020
#define SO_LINGER 0x0080
#define SO_OOBINLINE 0x0100
#define SO_REUSEPORT 0x0200
#define SO_SNDBUF 0x1001
#define SO_RCVBUF 0x1002
#define SO_SNDTIMEO 0x1005
#define SO_RCVTIMEO 0x1006
#define SO_ERROR 0x1007
#define SO_TYPE 0x1008

#define TCP_NODELAY 0x01
#define TCP_KEEPALIVE 0x02
#define TCP_KEEPIDLE 0x03
#define TCP_KEEPINTVL 0x04
#define TCP_KEEPCNT 0x05

#define IP_TOS 1
#define IP_TTL 2
#define IP_ADD_MEMBERSHIP 3
#define IP_DROP_MEMBERSHIP 4
#define IP_MULTICAST_TTL 5
#define IP_MULTICAST_IF 6
#define IP_MULTICAST_LOOP 7
#define IPV6_JOIN_GROUP 12
#define IPV6_ADD_MEMBERSHIP IPV6_JOIN_GROUP
#define IPV6_LEAVE_GROUP 13
#define IPV6_DROP_MEMBERSHIP IPV6_LEAVE_GROUP
#define IPV6_V6ONLY 27

#define MSG_PEEK 0x01
#define MSG_WAITALL 0x02
#define MSG_OOB 0x04
#define MSG_DONTWAIT 0x08
#define MSG_MORE 0x10

#define SHUT_RD 0
#define SHUT_WR 1
#define SHUT_RDWR 2

/* sock_fcntl(s, F_SETFL, O_NONBLOCK): the C library's F_GETFL, F_SETFL and
 * O_NONBLOCK (LwIP's value 1 is accepted as well) */

#define INADDR_ANY ((uint32_t)0x00000000UL)
#define INADDR_LOOPBACK ((uint32_t)0x7f000001UL)
#define INADDR_BROADCAST ((uint32_t)0xffffffffUL)
#define INADDR_NONE ((uint32_t)0xffffffffUL)

int sock_socket(int domain, int type, int protocol);
int sock_bind(int s, const struct sockaddr *name, socklen_t namelen);
int sock_connect(int s, const struct sockaddr *name, socklen_t namelen);
int sock_listen(int s, int backlog);
int sock_accept(int s, struct sockaddr *addr, socklen_t *addrlen);
ssize_t sock_send(int s, const void *data, size_t size, int flags);
ssize_t sock_recv(int s, void *mem, size_t len, int flags);
ssize_t sock_sendto(int s, const void *data, size_t size, int flags, const struct sockaddr *to, socklen_t tolen);
ssize_t sock_recvfrom(int s, void *mem, size_t len, int flags, struct sockaddr *from, socklen_t *fromlen);
int sock_close(int s);
int sock_shutdown(int s, int how);
int sock_setsockopt(int s, int level, int optname, const void *optval, socklen_t optlen);
int sock_getsockopt(int s, int level, int optname, void *optval, socklen_t *optlen);
int sock_getsockname(int s, struct sockaddr *name, socklen_t *namelen);
int sock_getpeername(int s, struct sockaddr *name, socklen_t *namelen);
int sock_fcntl(int s, int cmd, ...);
int sock_poll(struct pollfd *fds, nfds_t nfds, int timeout);
int sock_select(int nfds, fd_set *readfds, fd_set *writefds, fd_set *exceptfds, struct timeval *timeout);

uint16_t sock_htons(uint16_t v);
uint32_t sock_htonl(uint32_t v);
#ifndef htons
#define htons(x) sock_htons(x)
#define ntohs(x) sock_htons(x)
#define htonl(x) sock_htonl(x)
#define ntohl(x) sock_htonl(x)
#endif

#ifdef __cplusplus
}
#endif
#endif
