/* scenarios/coord_priv.h - the coordinator's private state, shared by its two
 * files (coord.c: lifecycle, commands and time; coord_io.c: device
 * processes and what they say; air.c: the BLE medium). Nothing else
 * includes it. */
#ifndef VDEV_COORD_PRIV_H
#define VDEV_COORD_PRIV_H

#include "air.h"
#include "coord.h"

/* paths and names are bounded; a cut one fails where it is used */
#pragma GCC diagnostic ignored "-Wformat-truncation"

#define QUANTUM_US 1000u        /* slice while a device is busy (latency of wires) */
#define STALL_MS 60000          /* a device silent this long while we wait is hung */
#define FOREVER UINT64_MAX

struct device {
    char name[64];
    char image[4096];
    char sock[4096];
    char errpath[4096];
    char events[4096];
    char hosts[4096];
    char btsnoop[4096];
    char flash[4096];        /* --flash, or "" for the device's default */
    bool flash_reset, flash_temp; /* --flash-reset; the file is the run's own (removed at the end) */
    const struct vdev_platform *platform;
    uint64_t seed;
    pid_t pid;
    int fd;
    char *buf;
    size_t len, cap;
    bool paused, exited;
    uint64_t paused_at, next;
    json_int_t waiting_id;
    json_t *reply;
    char failure[512];
    char *last[COORD_LAST_EVENTS];
    int nlast, lastpos;
    char *stderr_text;
};

struct wire {
    int from, to;
    char from_port[16], to_port[16];
    bool serial;
    /* pending serial bytes or pin levels, delivered at the end of a slice */
    char *pending;
    size_t plen;
    int levels[64];
    int nlevels;
};

struct coord {
    bool lockstep;
    char workdir[4096];
    struct device dev[COORD_MAX_DEVICES];
    int ndev;
    struct wire wires[COORD_MAX_DEVICES * 2];
    int nwires;
    uint64_t now;
    json_int_t next_id;
    coord_event_fn observer;
    void *observer_ctx;
    int input_fd;
    void (*input_fn)(void *ctx);
    void *input_ctx;
    bool in_input;
    struct air *air;         /* the loopback BLE medium (air.c) */
    int poll_ms;             /* how long the pump sleeps without news */
    long long rt_start;      /* real time: host ms when the run began */
};

int coord_pump_(struct coord *c, bool (*done)(struct coord *, void *), void *ctx, char *err, size_t errlen);
void coord_read_device_(struct coord *c, int i);
void coord_device_gone_(struct device *d);
void coord_copy_msg_(char *err, size_t errlen, const char *msg);
long long coord_ms_now_(void);
int coord_spawn_(struct coord *c, struct device *d);
int coord_connect_device_(struct device *d, char *err, size_t errlen);
int coord_send_line_(struct device *d, const char *line);
/* Are all running devices paused at (at least) *(uint64_t *)ctx? */
bool coord_all_paused_(struct coord *c, void *ctx);

#endif
