/* hal-posix/src/netdb_hal.c - netdb_getaddrinfo/netdb_freeaddrinfo with
 * LwIP's structures and error codes, answered by net/resolve.c. Photon
 * (IPv4 only) gets IPv4 answers only. */
#include "netdb_hal.h"

#include "../../net/net.h"
#include "../../sim/platform.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define MAX_ANSWERS 8

static struct addrinfo *make(const struct vdev_addr *a, uint16_t port, const struct addrinfo *hints, const char *name)
{
    struct addrinfo *ai = calloc(1, sizeof(*ai) + sizeof(struct sockaddr_storage));
    if (!ai)
        return NULL;
    ai->ai_addr = (struct sockaddr *)(ai + 1);
    ai->ai_socktype = hints ? hints->ai_socktype : 0;
    ai->ai_protocol = hints ? hints->ai_protocol : 0;
    if (a->family == 6) {
        struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)ai->ai_addr;
        s6->sin6_len = sizeof(*s6);
        s6->sin6_family = AF_INET6;
        s6->sin6_port = sock_htons(port);
        memcpy(s6->sin6_addr.s6_addr, a->ip, 16);
        ai->ai_family = AF_INET6;
        ai->ai_addrlen = sizeof(*s6);
    } else {
        struct sockaddr_in *s4 = (struct sockaddr_in *)ai->ai_addr;
        s4->sin_len = sizeof(*s4);
        s4->sin_family = AF_INET;
        s4->sin_port = sock_htons(port);
        memcpy(&s4->sin_addr, a->ip, 4);
        ai->ai_family = AF_INET;
        ai->ai_addrlen = sizeof(*s4);
    }
    if (hints && (hints->ai_flags & AI_CANONNAME) && name)
        ai->ai_canonname = strdup(name);
    return ai;
}

int netdb_getaddrinfo(const char *hostname, const char *servname, const struct addrinfo *hints,
                      struct addrinfo **res)
{
    if (!res || (!hostname && !servname))
        return EAI_NONAME;
    *res = NULL;
    int family = 0;
    if (hints && hints->ai_family == AF_INET)
        family = 4;
    else if (hints && hints->ai_family == AF_INET6)
        family = 6;
    else if (hints && hints->ai_family != AF_UNSPEC)
        return EAI_FAMILY;
    if (!vdev_platform_current()->ipv6) {
        if (family == 6)
            return EAI_FAMILY;
        family = 4;
    }
    long port = 0;
    if (servname) {
        char *end;
        port = strtol(servname, &end, 10);
        if (*end || port < 0 || port > 65535)
            return EAI_SERVICE;
    }
    struct vdev_addr addrs[MAX_ANSWERS];
    int n;
    if (!hostname) { /* a local address: any or loopback */
        memset(addrs, 0, sizeof(addrs[0]));
        addrs[0].family = family == 6 ? 6 : 4;
        if (!(hints && (hints->ai_flags & AI_PASSIVE))) {
            if (addrs[0].family == 6)
                addrs[0].ip[15] = 1;
            else
                addrs[0].ip[0] = 127, addrs[0].ip[3] = 1;
        }
        n = 1;
    } else {
        if (hints && (hints->ai_flags & AI_NUMERICHOST) && !vdev_addr_parse(hostname, &addrs[0]))
            return EAI_NONAME;
        if (!vdev_addr_parse(hostname, &addrs[0]) && !vdev_link_up())
            return EAI_FAIL; /* no network to ask */
        n = vdev_resolve(hostname, family, addrs, MAX_ANSWERS);
        if (n < 0)
            return EAI_FAIL;
        if (n == 0)
            return EAI_NONAME;
    }
    struct addrinfo **tail = res;
    for (int i = 0; i < n; i++) {
        struct addrinfo *ai = make(&addrs[i], (uint16_t)port, hints, i == 0 ? hostname : NULL);
        if (!ai) {
            netdb_freeaddrinfo(*res);
            *res = NULL;
            return EAI_MEMORY;
        }
        *tail = ai;
        tail = &ai->ai_next;
    }
    return 0;
}

void netdb_freeaddrinfo(struct addrinfo *ai)
{
    while (ai) {
        struct addrinfo *n = ai->ai_next;
        free(ai->ai_canonname);
        free(ai);
        ai = n;
    }
}
