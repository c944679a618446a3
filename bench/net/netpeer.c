/* bench/net/netpeer.c - the host side of `bench/run net` (see bench/README.md).
 * bench/run compiles it with cc into its temp dir. Loopback only: the server
 * listens on 127.0.0.1 and the clients connect to 127.0.0.1.
 *
 *   netpeer server
 *       Listens on 127.0.0.1, port picked by the kernel; prints "port N" on
 *       stdout, then serves each connection on its own thread. The first
 *       line a client sends says what it wants:
 *         "sink BYTES"    the server reads until EOF and prints
 *                         "sink BYTES_READ NS" on stdout;
 *         "source BYTES"  the server writes BYTES bytes, then reads until the
 *                         client closes and prints "source BYTES NS";
 *         anything else   echo: that line and every later one comes back.
 *       NS: wall ns from the command line's arrival to the client's close.
 *       A connection that closes before sending a line is just closed.
 *       The server exits when its stdin closes, or after NETPEER_LIMIT_S
 *       seconds whatever happens, and serves at most MAX_CONNS connections
 *       at a time (more are closed at once).
 *
 *   The same operations from plain host sockets (the baselines):
 *   netpeer send PORT BYTES CHUNK [nodelay]
 *                                     "sink BYTES", then BYTES in CHUNK writes
 *                                     (nodelay: with TCP_NODELAY, as vdev's
 *                                     host sockets have it)
 *   netpeer recv PORT BYTES CHUNK     "source BYTES", then reads in CHUNK reads;
 *                                     prints "recv BYTES_READ"
 *   netpeer connect PORT N            N x (socket, connect, close); prints
 *                                     "connect NS NS ..." (each cycle)
 *   netpeer concurrent PORT N         opens N connections, sends a line on
 *                                     each, reads each echo, closes them all;
 *                                     prints "concurrent OK_COUNT NS"
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define NETPEER_LIMIT_S 300
#define MAX_CONNS 512
#define IO_BUF (256 * 1024)

static pthread_mutex_t out_lock = PTHREAD_MUTEX_INITIALIZER;
static int active;

static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

__attribute__((noreturn)) static void die(const char *what)
{
    fprintf(stderr, "netpeer: %s: %s\n", what, strerror(errno));
    exit(2);
}

static int write_all(int fd, const void *p, size_t n)
{
    const char *c = p;
    while (n) {
        ssize_t w = send(fd, c, n, MSG_NOSIGNAL);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        c += w;
        n -= (size_t)w;
    }
    return 0;
}

static struct sockaddr_in loopback(int port)
{
    struct sockaddr_in a;
    memset(&a, 0, sizeof(a));
    a.sin_family = AF_INET;
    a.sin_port = htons((uint16_t)port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return a;
}

/* ---- server ---- */

static void *serve(void *arg)
{
    int fd = (int)(intptr_t)arg;
    char *buf = malloc(IO_BUF);
    size_t have = 0;
    char *nl = NULL;
    if (!buf)
        goto out;
    for (;;) { /* the command line */
        ssize_t n = recv(fd, buf + have, 256 - have, 0);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            goto out;
        have += (size_t)n;
        if ((nl = memchr(buf, '\n', have)))
            break;
        if (have >= 256)
            goto out;
    }
    uint64_t t0 = now_ns();
    unsigned long long bytes;
    if (sscanf(buf, "sink %llu", &bytes) == 1) {
        unsigned long long got = have - (size_t)(nl + 1 - buf);
        for (;;) {
            ssize_t n = recv(fd, buf, IO_BUF, 0);
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0)
                break;
            got += (unsigned long long)n;
        }
        uint64_t t1 = now_ns();
        pthread_mutex_lock(&out_lock);
        printf("sink %llu %llu\n", got, (unsigned long long)(t1 - t0));
        fflush(stdout);
        pthread_mutex_unlock(&out_lock);
    } else if (sscanf(buf, "source %llu", &bytes) == 1) {
        memset(buf, 'x', IO_BUF);
        unsigned long long left = bytes;
        while (left) {
            size_t n = left < IO_BUF ? (size_t)left : IO_BUF;
            if (write_all(fd, buf, n))
                break;
            left -= n;
        }
        while (recv(fd, buf, IO_BUF, 0) > 0) /* until the client closes */
            ;
        uint64_t t1 = now_ns();
        pthread_mutex_lock(&out_lock);
        printf("source %llu %llu\n", bytes - left, (unsigned long long)(t1 - t0));
        fflush(stdout);
        pthread_mutex_unlock(&out_lock);
    } else { /* echo, line by line */
        for (;;) {
            while ((nl = memchr(buf, '\n', have))) {
                size_t len = (size_t)(nl + 1 - buf);
                if (write_all(fd, buf, len))
                    goto out;
                memmove(buf, buf + len, have - len);
                have -= len;
            }
            if (have >= 4096)
                goto out;
            ssize_t n = recv(fd, buf + have, 4096 - have, 0);
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0)
                goto out;
            have += (size_t)n;
        }
    }
out:
    free(buf);
    close(fd);
    __atomic_sub_fetch(&active, 1, __ATOMIC_SEQ_CST);
    return NULL;
}

static void *watch_stdin(void *arg)
{
    (void)arg;
    char c[64];
    while (read(0, c, sizeof(c)) > 0)
        ;
    exit(0);
}

__attribute__((noreturn)) static void server(void)
{
    alarm(NETPEER_LIMIT_S); /* bounded in time whatever bench/run does */
    int ls = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (ls < 0)
        die("socket");
    int one = 1;
    setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    struct sockaddr_in a = loopback(0);
    if (bind(ls, (struct sockaddr *)&a, sizeof(a)) || listen(ls, 1024))
        die("bind/listen 127.0.0.1");
    socklen_t len = sizeof(a);
    if (getsockname(ls, (struct sockaddr *)&a, &len))
        die("getsockname");
    printf("port %d\n", ntohs(a.sin_port));
    fflush(stdout);
    pthread_t th;
    pthread_attr_t at;
    pthread_attr_init(&at);
    pthread_attr_setdetachstate(&at, PTHREAD_CREATE_DETACHED);
    pthread_attr_setstacksize(&at, 64 * 1024);
    if (pthread_create(&th, &at, watch_stdin, NULL))
        die("pthread_create");
    for (;;) {
        int c = accept4(ls, NULL, NULL, SOCK_CLOEXEC);
        if (c < 0) {
            if (errno == EINTR || errno == ECONNABORTED || errno == EMFILE || errno == ENFILE)
                continue;
            die("accept");
        }
        if (__atomic_add_fetch(&active, 1, __ATOMIC_SEQ_CST) > MAX_CONNS ||
            pthread_create(&th, &at, serve, (void *)(intptr_t)c)) {
            close(c);
            __atomic_sub_fetch(&active, 1, __ATOMIC_SEQ_CST);
        }
    }
}

/* ---- clients (baselines) ---- */

static int dial(int port)
{
    int s = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (s < 0)
        return -1;
    struct sockaddr_in a = loopback(port);
    if (connect(s, (struct sockaddr *)&a, sizeof(a))) {
        close(s);
        return -1;
    }
    return s;
}

static int client_send(int port, unsigned long long bytes, size_t chunk, bool nodelay)
{
    char *buf = malloc(chunk);
    int s = dial(port);
    if (!buf || s < 0)
        die("send: connect 127.0.0.1");
    int one = 1;
    if (nodelay && setsockopt(s, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one)))
        die("send: TCP_NODELAY");
    memset(buf, 'x', chunk);
    char cmd[64];
    int n = snprintf(cmd, sizeof(cmd), "sink %llu\n", bytes);
    if (write_all(s, cmd, (size_t)n))
        die("send");
    for (unsigned long long left = bytes; left;) {
        size_t k = left < chunk ? (size_t)left : chunk;
        if (write_all(s, buf, k))
            die("send");
        left -= k;
    }
    close(s);
    return 0;
}

static int client_recv(int port, unsigned long long bytes, size_t chunk)
{
    char *buf = malloc(chunk);
    int s = dial(port);
    if (!buf || s < 0)
        die("recv: connect 127.0.0.1");
    char cmd[64];
    int n = snprintf(cmd, sizeof(cmd), "source %llu\n", bytes);
    if (write_all(s, cmd, (size_t)n))
        die("recv");
    unsigned long long got = 0;
    while (got < bytes) {
        ssize_t r = recv(s, buf, chunk, 0);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        got += (unsigned long long)r;
    }
    close(s);
    printf("recv %llu\n", got);
    return 0;
}

static int client_connect(int port, int count)
{
    struct sockaddr_in a = loopback(port);
    printf("connect");
    for (int i = 0; i < count; i++) {
        uint64_t t0 = now_ns();
        int s = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (s < 0 || connect(s, (struct sockaddr *)&a, sizeof(a)))
            die("connect 127.0.0.1");
        close(s);
        printf(" %llu", (unsigned long long)(now_ns() - t0));
    }
    printf("\n");
    return 0;
}

static int client_concurrent(int port, int count)
{
    int *s = calloc((size_t)count, sizeof(int));
    if (!s)
        die("calloc");
    int ok = 0;
    uint64_t t0 = now_ns();
    for (int i = 0; i < count; i++)
        s[i] = dial(port);
    for (int i = 0; i < count; i++) {
        char line[64];
        int n = snprintf(line, sizeof(line), "hello %d\n", i);
        if (s[i] >= 0 && write_all(s[i], line, (size_t)n)) {
            close(s[i]);
            s[i] = -1;
        }
    }
    for (int i = 0; i < count; i++) {
        if (s[i] < 0)
            continue;
        char want[64], got[64];
        int n = snprintf(want, sizeof(want), "hello %d\n", i), have = 0;
        while (have < n) {
            ssize_t r = recv(s[i], got + have, (size_t)(n - have), 0);
            if (r <= 0)
                break;
            have += (int)r;
        }
        if (have == n && !memcmp(got, want, (size_t)n))
            ok++;
    }
    for (int i = 0; i < count; i++)
        if (s[i] >= 0)
            close(s[i]);
    printf("concurrent %d %llu\n", ok, (unsigned long long)(now_ns() - t0));
    return 0;
}

int main(int argc, char **argv)
{
    signal(SIGPIPE, SIG_IGN);
    if (argc == 2 && !strcmp(argv[1], "server"))
        server();
    if ((argc == 5 || (argc == 6 && !strcmp(argv[5], "nodelay"))) && !strcmp(argv[1], "send"))
        return client_send(atoi(argv[2]), strtoull(argv[3], NULL, 10), (size_t)atoi(argv[4]), argc == 6);
    if (argc == 5 && !strcmp(argv[1], "recv"))
        return client_recv(atoi(argv[2]), strtoull(argv[3], NULL, 10), (size_t)atoi(argv[4]));
    if (argc == 4 && !strcmp(argv[1], "connect"))
        return client_connect(atoi(argv[2]), atoi(argv[3]));
    if (argc == 4 && !strcmp(argv[1], "concurrent"))
        return client_concurrent(atoi(argv[2]), atoi(argv[3]));
    fprintf(stderr, "usage: netpeer server | send PORT BYTES CHUNK [nodelay] | recv PORT BYTES CHUNK | connect|concurrent PORT N\n");
    return 2;
}
