/* hal-posix/include/netdb_hal.h - name resolution (Device OS netdb HAL):
 * getaddrinfo with LwIP's struct addrinfo and error codes. The simulator
 * answers from the device's hosts table first (--hosts FILE, scenario key
 * hosts:), then from the host's resolver; names can be made to fail (dns
 * faults). */
#ifndef VDEV_NETDB_HAL_H
#define VDEV_NETDB_HAL_H

#include "socket_hal.h"

#ifdef __cplusplus
extern "C" {
#endif

struct addrinfo {
    int ai_flags;
    int ai_family;
    int ai_socktype;
    int ai_protocol;
    socklen_t ai_addrlen;
    struct sockaddr *ai_addr;
    char *ai_canonname;
    struct addrinfo *ai_next;
};

#define AI_PASSIVE 0x01
#define AI_CANONNAME 0x02
#define AI_NUMERICHOST 0x04
#define AI_NUMERICSERV 0x08
#define AI_V4MAPPED 0x10
#define AI_ALL 0x20
#define AI_ADDRCONFIG 0x40

#define EAI_NONAME 200
#define EAI_SERVICE 201
#define EAI_FAIL 202
#define EAI_MEMORY 203
#define EAI_FAMILY 204

int netdb_getaddrinfo(const char *hostname, const char *servname, const struct addrinfo *hints,
                      struct addrinfo **res);
void netdb_freeaddrinfo(struct addrinfo *ai);

#ifdef __cplusplus
}
#endif
#endif
