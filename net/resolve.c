/* net/resolve.c - names for the simulated device: numeric addresses, the
 * device's hosts table (--hosts FILE in /etc/hosts format, scenario key
 * hosts:), DNS failures injected per name, then the host's resolver. */
#define _GNU_SOURCE
#include "net.h"

#include "../sim/events.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>

#define MAX_HOSTS 256
#define MAX_FAIL 64

static struct {
    struct {
        char name[128];
        struct vdev_addr addr;
    } hosts[MAX_HOSTS];
    int nhosts;
    char fail[MAX_FAIL][128];
    int nfail;
    bool host_dns;
} R;

void vdev_resolve_use_host(bool on) { R.host_dns = on; }

bool vdev_addr_parse(const char *text, struct vdev_addr *out)
{
    memset(out, 0, sizeof(*out));
    if (inet_pton(AF_INET, text, out->ip) == 1) {
        out->family = 4;
        return true;
    }
    if (inet_pton(AF_INET6, text, out->ip) == 1) {
        out->family = 6;
        return true;
    }
    return false;
}

void vdev_addr_format(const struct vdev_addr *a, char *out, size_t len)
{
    if (!inet_ntop(a->family == 6 ? AF_INET6 : AF_INET, a->ip, out, (socklen_t)len))
        snprintf(out, len, "?");
}

int vdev_resolve_add_host(const char *name, const char *address)
{
    struct vdev_addr a;
    if (!name || !*name || strlen(name) >= sizeof(R.hosts[0].name) || !vdev_addr_parse(address, &a))
        return -EINVAL;
    if (R.nhosts == MAX_HOSTS)
        return -ENOSPC;
    snprintf(R.hosts[R.nhosts].name, sizeof(R.hosts[0].name), "%s", name);
    R.hosts[R.nhosts].addr = a;
    R.nhosts++;
    return 0;
}

int vdev_resolve_load_hosts(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return -errno;
    char *line = NULL;
    size_t cap = 0;
    int n = 0, lineno = 0;
    while (getline(&line, &cap, f) >= 0) {
        lineno++;
        char *hash = strchr(line, '#');
        if (hash)
            *hash = 0;
        char *save = NULL, *addr = strtok_r(line, " \t\r\n", &save);
        if (!addr)
            continue;
        char *name = strtok_r(NULL, " \t\r\n", &save);
        struct vdev_addr a;
        if (!name || !vdev_addr_parse(addr, &a)) {
            fprintf(stderr, "vdev: %s:%d: not an \"ADDRESS NAME...\" line; skipped\n", path, lineno);
            vdev_event("warning", "{s:s,s:s,s:i}", "what", "hosts file", "file", path, "line", lineno);
            continue;
        }
        for (; name; name = strtok_r(NULL, " \t\r\n", &save))
            if (vdev_resolve_add_host(name, addr) == 0)
                n++;
    }
    free(line);
    fclose(f);
    return n;
}

void vdev_resolve_set_failure(const char *name, bool fail)
{
    for (int i = 0; i < R.nfail; i++)
        if (!strcasecmp(R.fail[i], name)) {
            if (!fail)
                memmove(R.fail[i], R.fail[i + 1], (size_t)(R.nfail - i - 1) * sizeof(R.fail[0])), R.nfail--;
            return;
        }
    if (fail && R.nfail < MAX_FAIL)
        snprintf(R.fail[R.nfail++], sizeof(R.fail[0]), "%s", name);
    vdev_event("net-fault", "{s:s,s:b}", "dns", name, "fail", fail);
}

int vdev_resolve(const char *name, int family, struct vdev_addr *out, int max)
{
    if (!name || !*name || max <= 0)
        return 0;
    struct vdev_addr a;
    if (vdev_addr_parse(name, &a)) {
        if (family && a.family != family)
            return 0;
        out[0] = a;
        return 1;
    }
    for (int i = 0; i < R.nfail; i++)
        if (!strcasecmp(R.fail[i], name))
            return -1;
    int n = 0;
    for (int i = 0; i < R.nhosts && n < max; i++)
        if (!strcasecmp(R.hosts[i].name, name) && (!family || R.hosts[i].addr.family == family))
            out[n++] = R.hosts[i].addr;
    if (!strcasecmp(name, "localhost")) {
        struct vdev_addr lo = { .family = family == 6 ? 6 : 4 };
        if (lo.family == 6)
            lo.ip[15] = 1;
        else
            lo.ip[0] = 127, lo.ip[3] = 1;
        out[n++] = lo;
    }
    if (n || !R.host_dns)
        return n;
    struct addrinfo hints, *res = NULL;
    memset(&hints, 0, sizeof(hints));
    hints.ai_family = family == 4 ? AF_INET : family == 6 ? AF_INET6 : AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    if (getaddrinfo(name, NULL, &hints, &res) != 0)
        return 0;
    for (struct addrinfo *ai = res; ai && n < max; ai = ai->ai_next) {
        struct vdev_addr v;
        memset(&v, 0, sizeof(v));
        if (ai->ai_family == AF_INET) {
            v.family = 4;
            memcpy(v.ip, &((struct sockaddr_in *)ai->ai_addr)->sin_addr, 4);
        } else if (ai->ai_family == AF_INET6) {
            v.family = 6;
            memcpy(v.ip, &((struct sockaddr_in6 *)ai->ai_addr)->sin6_addr, 16);
        } else {
            continue;
        }
        bool dup = false;
        for (int k = 0; k < n; k++)
            dup |= !memcmp(&out[k], &v, sizeof(v));
        if (!dup)
            out[n++] = v;
    }
    freeaddrinfo(res);
    return n;
}
