/* sim/hostio.c - host side of the serial ports: stdin/stdout for USB Serial,
 * a pty for Serial1. Reader threads post received bytes to the firmware. */
#define _GNU_SOURCE
#include "hostio.h"

#include "../hal-posix/src/hal_sim.h"
#include "events.h"
#include "sched.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

struct chunk {
    int port;
    size_t len;
    uint8_t data[];
};

static struct {
    int serial1_fd;    /* pty master, non-blocking */
    int serial1_slave; /* kept open, raw */
    bool serial1_reading;
} H = { .serial1_fd = -1, .serial1_slave = -1 };

static void inject(void *arg)
{
    struct chunk *c = arg;
    vdev_serial_inject(c->port, c->data, c->len);
    free(c);
}

static void *reader(void *arg)
{
    int port = (int)(intptr_t)arg;
    int fd = port == 0 ? 0 : H.serial1_fd;
    uint8_t buf[512];
    for (;;) {
        if (port == 1) { /* the pty master is non-blocking (writes must never block) */
            struct pollfd pfd = { .fd = fd, .events = POLLIN };
            if (poll(&pfd, 1, -1) < 0 && errno != EINTR)
                return NULL;
        }
        ssize_t n = read(fd, buf, sizeof(buf));
        if (n < 0 && (errno == EINTR || errno == EAGAIN))
            continue;
        if (n <= 0)
            return NULL;
        struct chunk *c = malloc(sizeof(*c) + (size_t)n);
        if (!c)
            return NULL;
        c->port = port;
        c->len = (size_t)n;
        memcpy(c->data, buf, (size_t)n);
        vdev_sched_post(inject, c);
    }
}

static void start_reader(int port)
{
    pthread_t th;
    pthread_attr_t a;
    pthread_attr_init(&a);
    pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED);
    pthread_create(&th, &a, reader, (void *)(intptr_t)port);
    pthread_attr_destroy(&a);
}

/* Virtual time with piped stdin: read it all now so that it arrives at boot,
 * whatever the host's timing (deterministic; USB serial holds it for the app). */
static void slurp_stdin(void)
{
    uint8_t buf[4096];
    for (;;) {
        ssize_t n = read(0, buf, sizeof(buf));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return;
        struct chunk *c = malloc(sizeof(*c) + (size_t)n);
        if (!c)
            return;
        c->port = 0;
        c->len = (size_t)n;
        memcpy(c->data, buf, (size_t)n);
        vdev_sched_post(inject, c);
    }
}

int vdev_hostio_start(int inherited_serial1_fd, bool stdin_at_boot)
{
    H.serial1_fd = inherited_serial1_fd;
    if (H.serial1_fd >= 0) /* inherited across a reset: same path for the user */
        fcntl(H.serial1_fd, F_SETFD, FD_CLOEXEC);
    if (stdin_at_boot && !isatty(0))
        slurp_stdin();
    else
        start_reader(0);
    return 0;
}

static void write_all(int fd, const uint8_t *p, size_t len)
{
    while (len) {
        ssize_t n = write(fd, p, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return; /* nobody listening: output is dropped, as on a device */
        p += n;
        len -= (size_t)n;
    }
}

void vdev_hostio_write(int port, const void *data, size_t len)
{
    if (port == 0)
        write_all(1, data, len);
    else if (port == 1 && H.serial1_fd >= 0)
        write_all(H.serial1_fd, data, len);
}

/* The pty's terminal side stays open (so the master never sees EIO before a
 * program attaches) and raw: no echo, no line editing, bytes as they are. */
static int open_raw_slave(int master)
{
    const char *path = ptsname(master);
    int fd = path ? open(path, O_RDWR | O_NOCTTY | O_CLOEXEC) : -1;
    if (fd < 0)
        return -1;
    struct termios t;
    if (tcgetattr(fd, &t) == 0) {
        cfmakeraw(&t);
        tcsetattr(fd, TCSANOW, &t);
    }
    return fd;
}

int vdev_hostio_serial1_open(void)
{
    /* a terminal only makes sense in real time; in virtual time Serial1 is
     * reached through the control channel (and its path would make runs differ) */
    if (vdev_clock_mode() == VDEV_CLOCK_VIRTUAL)
        return -1;
    if (H.serial1_fd < 0) {
        int fd = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC | O_NONBLOCK);
        if (fd < 0 || grantpt(fd) || unlockpt(fd)) {
            vdev_event("warning", "{s:s,s:s}", "what", "Serial1", "message", "cannot create a pseudo-terminal");
            if (fd >= 0)
                close(fd);
            return -1;
        }
        H.serial1_fd = fd;
    }
    if (!H.serial1_reading) {
        H.serial1_reading = true;
        H.serial1_slave = open_raw_slave(H.serial1_fd);
        const char *path = ptsname(H.serial1_fd);
        fprintf(stderr, "vdev: Serial1 is %s\n", path ? path : "?");
        vdev_event("serial-port", "{s:s,s:s}", "port", "Serial1", "path", path ? path : "");
        start_reader(1);
    }
    return H.serial1_fd;
}

int vdev_hostio_serial1_fd(void) { return H.serial1_fd; }
