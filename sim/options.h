/* sim/options.h - the device run options (`vdev run` and the firmware image
 * share one table), and the duration syntax used everywhere ("10s", "50ms"). */
#ifndef VDEV_OPTIONS_H
#define VDEV_OPTIONS_H

#include "platform.h"
#include "sched.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define VDEV_MAX_CLIENTS 8

struct vdev_run_opts {
    const struct vdev_platform *platform; /* NULL: the image's own */
    enum vdev_clock_mode clock;
    bool seed_set;
    uint64_t seed;
    uint64_t for_us;        /* VDEV_FOREVER: until stopped */
    char device_id[25];     /* "" : derived from the seed */
    const char *events;
    bool trace;
    const char *control;
    bool lockstep;
    const char *name;
    const char *rtc;        /* "host", "unset" or a Unix time; NULL: default */
    const char *hosts;      /* hosts table file */
    uint64_t net_delay_us;  /* 0: the platform's own */
    bool net_down;          /* start with the link down (a fault) */
    const char *ble;        /* NULL/"air": the loopback air; else an HCI adapter (BlueZ) */
    const char *btsnoop;    /* BLE capture file */
    const char *flash;      /* the flash file; NULL: the default next to the image */
    bool flash_reset;       /* start with a new flash file (first boot only) */
    uint64_t net_latency_us, net_jitter_us, net_bandwidth_bps;
    unsigned net_loss_ppm;
    /* carried across a reset (re-exec); not for users */
    int reset_reason;
    uint32_t reset_data;
    uint64_t start_us;
    unsigned boot;
    int control_fd;         /* inherited listening socket */
    int client_fds[VDEV_MAX_CLIENTS]; /* inherited connected clients */
    int nclient_fds;
    bool granted_set;       /* lockstep grant carried across a reset */
    uint64_t granted;
    int serial1_fd;         /* inherited pty master */
    bool control_wait;      /* wait for a control client before booting */
};

void vdev_opts_init(struct vdev_run_opts *o);
/* Parse argv[from..argc). Stops at the first non-option when `positional` is
 * non-NULL (it receives the index), else rejects it. Returns 0, or -1 with a
 * message in err. */
int vdev_opts_parse(struct vdev_run_opts *o, int argc, char **argv, int from, int *positional,
                    char *err, size_t errlen);
/* Append the options (including the hidden reset state) as argv strings. */
int vdev_opts_to_argv(const struct vdev_run_opts *o, char **argv, int max, char *store, size_t storelen);
/* Help text for the run options. */
const char *vdev_opts_help(void);

/* "250ms", "10s", "1.5h", "100us", "2m", "1d"; a bare number is seconds. */
int vdev_parse_duration(const char *s, uint64_t *us);
/* "10%", "0.5" (percent) -> parts per million */
int vdev_parse_percent(const char *s, unsigned *ppm);
/* "100kbit", "2mbit", "64000bit" -> bits per second */
int vdev_parse_bandwidth(const char *s, uint64_t *bps);

#endif
