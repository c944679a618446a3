/* scenarios/runner.h - `vdev test` (scenario files, run one per coordinator,
 * -j in parallel, JUnit/VCD/event output) and `vdev run A B` (several devices
 * under one coordinator in real time). */
#ifndef VDEV_RUNNER_H
#define VDEV_RUNNER_H

#include "run.h"
#include "scenario.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

struct runner_opts {
    int jobs;
    const char *junit;
    const char *events_dir;
    const char *btsnoop_dir;
    const char *vcd;
};

struct scenario_result {
    char path[4096];
    char stem[256];
    char name[256];
    bool passed;
    char message[4096];
    uint64_t time;
    struct sbuf output;
    struct testcase *cases;
    int ncases;
    struct vcd_change *vcd;
    size_t nvcd;
};

int runner_run_scenario(struct scenario *s, const struct runner_opts *opts, const char *const *images,
                        const char *workdir, struct scenario_result *res, FILE *live);
/* Reports (report.c). */
int report_junit(const char *path, struct scenario_result *results, int n);
int report_vcd(const char *path, const struct scenario *s, const struct scenario_result *r);

/* The commands; self_exe is the vdev binary (for builds). */
int runner_test_main(const char *self_exe, int argc, char **argv);
int runner_multi_run(const char *self_exe, int argc, char **argv);

#endif
