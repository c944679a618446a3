/* scenarios/scenario.h - a scenario file: its devices, wires and steps,
 * checked completely before anything runs (docs/scenarios.md). */
#ifndef VDEV_SCENARIO_H
#define VDEV_SCENARIO_H

#include "../sim/platform.h"
#include "ynode.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SCEN_MAX_DEVICES 16
/* A scenario without timeout: has no overall limit; then a waiting step
 * without its own timeout: gives up after this much device time. */
#define SCEN_WAIT_TIMEOUT_US (10ull * 1000000ull)
#define SCEN_NO_TIMEOUT UINT64_MAX

struct scen_device {
    char *name;
    char *app;              /* absolute path of the app (file or directory) */
    char *flash;            /* flash: a kept flash file; NULL: a new one for each run */
    const struct vdev_platform *platform;
    uint64_t seed;
    const struct ynode *node;
    const struct ynode *hosts;  /* name -> address mapping, or NULL */
    bool has_pos, has_rssi;     /* BLE: where its radio is (metres), or the RSSI others measure */
    double pos[2];
    int rssi;
};

struct scen_wire {
    int from, to;
    char from_port[16], to_port[16];
};

struct step_type;

struct scen_step {
    const struct step_type *type;
    const struct ynode *node;   /* the step's argument */
    int line, col;
    int device;                 /* index, resolved */
    bool has_timeout;
    uint64_t timeout;
    void *args;                 /* parsed by the step type */
};

struct scenario {
    struct ydoc doc;
    char *path;
    char *name;
    uint64_t timeout;
    struct scen_device devices[SCEN_MAX_DEVICES];
    int ndevices;
    struct scen_wire wires[SCEN_MAX_DEVICES * 2];
    int nwires;
    struct scen_step *steps;
    int nsteps;
    const struct ynode *hosts;  /* for every device */
};

/* Load and check a scenario; 0, or -1 with "file:line:col: message" in err. */
int scenario_load(const char *path, struct scenario *s, char *err, size_t errlen);
void scenario_free(struct scenario *s);

/* Helpers the step types use while parsing. */
int scen_duration(struct scenario *s, const struct ynode *n, uint64_t *us, char *err, size_t errlen);
int scen_pin(struct scenario *s, int dev, const struct ynode *n, const char **canonical, char *err, size_t errlen);
int scen_int(struct scenario *s, const struct ynode *n, long long min, long long max, long long *out, char *err,
             size_t errlen);
int scen_string(struct scenario *s, const struct ynode *n, const char **out, char *err, size_t errlen);
/* A mapping's keys must all be in `allowed` (NULL-terminated). */
int scen_keys(struct scenario *s, const struct ynode *map, const char *const *allowed, char *err, size_t errlen);
int scen_device_index(struct scenario *s, const struct ynode *n, int *dev, char *err, size_t errlen);

#endif
