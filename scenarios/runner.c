/* scenarios/runner.c - the `vdev test` command: load and check every
 * scenario first (a bad one stops everything, exit 2), build every app once,
 * then run each scenario file in its own process and coordinator, -j at a
 * time, and report: progress, JUnit, VCD. Also `vdev run A B`. */
#define _GNU_SOURCE
#include "runner.h"

#include "../sim/build.h"
#include "../sim/options.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define EXIT_USAGE 2

static const char *test_usage =
    "usage: vdev test SCENARIO|DIR... [-j N] [--junit FILE] [--events DIR] [--btsnoop DIR]\n"
    "                [--vcd FILE]\n"
    "\n"
    "Runs scenario files (YAML, see docs/scenarios.md) in virtual time. A directory\n"
    "means every .yaml/.yml file below it.\n"
    "  -j N            run N scenario files at once, each with its own devices\n"
    "  --junit FILE    write a JUnit XML report\n"
    "  --events DIR    write each device's events to DIR/SCENARIO.DEVICE.jsonl\n"
    "  --btsnoop DIR   write each device's BLE traffic to DIR/SCENARIO.DEVICE.btsnoop\n"
    "  --vcd FILE      write pin traces as VCD (several scenarios: FILE gets the\n"
    "                  scenario's name before its extension)\n"
    "Exit status: 0 all passed, 1 some failed, 2 a bad scenario or usage.\n";

/* ---- finding scenario files ---- */

struct paths {
    char **v;
    int n, cap;
};

static void add_path(struct paths *p, const char *s)
{
    if (p->n == p->cap) {
        p->cap = p->cap ? p->cap * 2 : 16;
        p->v = realloc(p->v, (size_t)p->cap * sizeof(char *));
    }
    p->v[p->n++] = strdup(s);
}

static int cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static bool is_yaml(const char *name)
{
    size_t n = strlen(name);
    return (n > 5 && !strcmp(name + n - 5, ".yaml")) || (n > 4 && !strcmp(name + n - 4, ".yml"));
}

static void scan_dir(struct paths *p, const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct paths local = { 0 };
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        char path[PATH_MAX];
        snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
        struct stat st;
        if (stat(path, &st))
            continue;
        if (S_ISDIR(st.st_mode) || is_yaml(e->d_name))
            add_path(&local, path);
    }
    closedir(d);
    if (local.n)
        qsort(local.v, (size_t)local.n, sizeof(char *), cmp);
    for (int i = 0; i < local.n; i++) {
        struct stat st;
        if (!stat(local.v[i], &st) && S_ISDIR(st.st_mode))
            scan_dir(p, local.v[i]);
        else
            add_path(p, local.v[i]);
        free(local.v[i]);
    }
    free(local.v);
}

/* ---- results between processes ---- */

static char *result_to_json(const struct scenario_result *r)
{
    json_t *cases = json_array(), *vcd = json_array();
    for (int i = 0; i < r->ncases; i++)
        json_array_append_new(cases, json_pack("{s:s,s:s,s:i,s:s?,s:I}", "classname", r->cases[i].classname, "name",
                                               r->cases[i].name, "outcome", r->cases[i].outcome, "message",
                                               r->cases[i].message, "t", (json_int_t)r->cases[i].time));
    for (size_t i = 0; i < r->nvcd; i++)
        json_array_append_new(vcd, json_pack("[i,s,i,I]", r->vcd[i].dev, r->vcd[i].pin, r->vcd[i].value,
                                             (json_int_t)r->vcd[i].t));
    json_t *o = json_pack("{s:b,s:s,s:I,s:s,s:o,s:o}", "passed", r->passed, "message", r->message, "time",
                          (json_int_t)r->time, "output", r->output.data ? r->output.data : "", "cases", cases,
                          "vcd", vcd);
    char *text = json_dumps(o, JSON_COMPACT);
    json_decref(o);
    return text;
}

static void result_from_json(struct scenario_result *r, const char *text, size_t len)
{
    json_error_t err;
    json_t *o = json_loadb(text, len, 0, &err);
    if (!o) {
        r->passed = false;
        snprintf(r->message, sizeof(r->message), "the scenario's runner stopped without a result");
        return;
    }
    r->passed = json_is_true(json_object_get(o, "passed"));
    snprintf(r->message, sizeof(r->message), "%s", json_string_value(json_object_get(o, "message")));
    r->time = (uint64_t)json_integer_value(json_object_get(o, "time"));
    const char *out = json_string_value(json_object_get(o, "output"));
    sbuf_add(&r->output, out, strlen(out));
    json_t *cases = json_object_get(o, "cases"), *vcd = json_object_get(o, "vcd");
    r->ncases = (int)json_array_size(cases);
    r->cases = calloc((size_t)r->ncases + 1, sizeof(*r->cases));
    for (int i = 0; r->cases && i < r->ncases; i++) {
        json_t *c = json_array_get(cases, (size_t)i);
        r->cases[i].classname = strdup(json_string_value(json_object_get(c, "classname")));
        r->cases[i].name = strdup(json_string_value(json_object_get(c, "name")));
        r->cases[i].outcome = (int)json_integer_value(json_object_get(c, "outcome"));
        const char *m = json_string_value(json_object_get(c, "message"));
        r->cases[i].message = m ? strdup(m) : NULL;
        r->cases[i].time = (uint64_t)json_integer_value(json_object_get(c, "t"));
    }
    r->nvcd = json_array_size(vcd);
    r->vcd = calloc(r->nvcd + 1, sizeof(*r->vcd));
    for (size_t i = 0; r->vcd && i < r->nvcd; i++) {
        json_t *c = json_array_get(vcd, i);
        r->vcd[i].dev = (int)json_integer_value(json_array_get(c, 0));
        snprintf(r->vcd[i].pin, sizeof(r->vcd[i].pin), "%s", json_string_value(json_array_get(c, 1)));
        r->vcd[i].value = (int)json_integer_value(json_array_get(c, 2));
        r->vcd[i].t = (uint64_t)json_integer_value(json_array_get(c, 3));
    }
    json_decref(o);
}

static void free_result(struct scenario_result *r)
{
    sbuf_free(&r->output);
    for (int i = 0; i < r->ncases; i++) {
        free(r->cases[i].classname);
        free(r->cases[i].name);
        free(r->cases[i].message);
    }
    free(r->cases);
    free(r->vcd);
}

/* ---- running ---- */

struct job {
    pid_t pid;
    int fd;
    struct sbuf data;
    bool done;
};

static pid_t start_job(struct scenario *s, const struct runner_opts *opts, const char *const *images,
                       struct scenario_result *res, const char *workbase, int index, bool live, int *fd_out)
{
    int fds[2];
    if (pipe(fds))
        return -1;
    fflush(stdout);
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        close(fds[0]);
        char workdir[PATH_MAX];
        snprintf(workdir, sizeof(workdir), "%s/%d", workbase, index);
        mkdir(workdir, 0700);
        runner_run_scenario(s, opts, images, workdir, res, live ? stdout : NULL);
        char *text = result_to_json(res);
        size_t n = text ? strlen(text) : 0, off = 0;
        while (off < n) {
            ssize_t w = write(fds[1], text + off, n - off);
            if (w <= 0 && errno != EINTR)
                break;
            if (w > 0)
                off += (size_t)w;
        }
        rmdir(workdir);
        _exit(0);
    }
    close(fds[1]);
    *fd_out = fds[0];
    return pid;
}

static void vcd_path_for(const char *base, const char *stem, int nscen, char *out, size_t len)
{
    if (nscen == 1) {
        snprintf(out, len, "%s", base);
        return;
    }
    const char *dot = strrchr(base, '.');
    const char *slash = strrchr(base, '/');
    if (dot && (!slash || dot > slash))
        snprintf(out, len, "%.*s-%s%s", (int)(dot - base), base, stem, dot);
    else
        snprintf(out, len, "%s-%s", base, stem);
}

int runner_test_main(const char *self_exe, int argc, char **argv)
{
    struct runner_opts opts = { .jobs = 1 };
    struct paths inputs = { 0 };
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            fputs(test_usage, stdout);
            return 0;
        } else if (!strcmp(a, "-j") || !strncmp(a, "-j", 2) || !strncmp(a, "--jobs", 6)) {
            const char *num = !strcmp(a, "-j") || !strcmp(a, "--jobs") ? (i++, v) : a[1] == 'j' ? a + 2 : a + 7;
            char *end;
            long n = num ? strtol(num, &end, 10) : 0;
            if (!num || *end || n < 1 || n > 64) {
                fprintf(stderr, "vdev: -j takes a number from 1 to 64\n");
                return EXIT_USAGE;
            }
            opts.jobs = (int)n;
        } else if (!strcmp(a, "--junit") || !strcmp(a, "--events") || !strcmp(a, "--vcd") ||
                   !strcmp(a, "--btsnoop")) {
            if (!v) {
                fprintf(stderr, "vdev: %s needs a value\n", a);
                return EXIT_USAGE;
            }
            if (!strcmp(a, "--junit"))
                opts.junit = v;
            else if (!strcmp(a, "--events"))
                opts.events_dir = v;
            else if (!strcmp(a, "--btsnoop"))
                opts.btsnoop_dir = v;
            else
                opts.vcd = v;
            i++;
        } else if (a[0] == '-') {
            fprintf(stderr, "vdev: unknown option '%s' (see vdev test --help)\n", a);
            return EXIT_USAGE;
        } else {
            struct stat st;
            if (stat(a, &st)) {
                fprintf(stderr, "vdev: no such scenario file or directory: %s\n", a);
                return EXIT_USAGE;
            }
            if (S_ISDIR(st.st_mode))
                scan_dir(&inputs, a);
            else
                add_path(&inputs, a);
        }
    }
    if (!inputs.n) {
        fprintf(stderr, "vdev: test needs scenario files or directories (found none)\n");
        return EXIT_USAGE;
    }
    const char *dirs[2] = { opts.events_dir, opts.btsnoop_dir };
    for (int k = 0; k < 2; k++)
        if (dirs[k] && mkdir(dirs[k], 0755) && errno != EEXIST) {
            fprintf(stderr, "vdev: cannot create %s: %s\n", dirs[k], strerror(errno));
            return EXIT_USAGE;
        }

    /* 1. check every scenario before running anything */
    int n = inputs.n, bad = 0;
    struct scenario *scen = calloc((size_t)n, sizeof(*scen));
    struct scenario_result *res = calloc((size_t)n, sizeof(*res));
    char err[4096];
    for (int i = 0; i < n; i++) {
        if (scenario_load(inputs.v[i], &scen[i], err, sizeof(err))) {
            fprintf(stderr, "%s\n", err);
            bad++;
        }
    }
    if (bad) {
        fprintf(stderr, "vdev: %d bad scenario file(s); nothing was run\n", bad);
        return EXIT_USAGE;
    }

    /* 2. build every app once, before anything runs */
    char ***images = calloc((size_t)n, sizeof(char **));
    for (int i = 0; i < n; i++) {
        images[i] = calloc((size_t)scen[i].ndevices, sizeof(char *));
        for (int d = 0; d < scen[i].ndevices; d++) {
            for (int j = 0; j <= i && !images[i][d]; j++)
                for (int e = 0; e < scen[j].ndevices && (j < i || e < d); e++)
                    if (images[j][e] && !strcmp(scen[j].devices[e].app, scen[i].devices[d].app) &&
                        scen[j].devices[e].platform == scen[i].devices[d].platform)
                        images[i][d] = images[j][e];
            if (images[i][d])
                continue;
            struct vdev_build_result b;
            if (vdev_build_app(self_exe, scen[i].devices[d].app, scen[i].devices[d].platform, false, &b)) {
                fprintf(stderr, "%s:%d:%d: the app of device '%s' does not build\n", scen[i].path,
                        scen[i].devices[d].node->line, scen[i].devices[d].node->col, scen[i].devices[d].name);
                return EXIT_USAGE;
            }
            images[i][d] = strdup(b.image);
        }
    }

    /* 3. run, -j at a time, each in its own process */
    char workbase[] = "/tmp/vdev-test-XXXXXX";
    if (!mkdtemp(workbase)) {
        fprintf(stderr, "vdev: cannot create a work directory: %s\n", strerror(errno));
        return EXIT_USAGE;
    }
    signal(SIGPIPE, SIG_IGN);
    struct job *jobs = calloc((size_t)n, sizeof(*jobs));
    int started = 0, finished = 0, printed = 0;
    bool live = opts.jobs == 1;
    while (finished < n) {
        while (started < n && started - finished < opts.jobs) {
            struct scenario_result *r = &res[started];
            snprintf(r->path, sizeof(r->path), "%s", scen[started].path);
            const char *base = strrchr(r->path, '/') ? strrchr(r->path, '/') + 1 : r->path;
            snprintf(r->stem, sizeof(r->stem), "%.*s", (int)strcspn(base, "."), base);
            snprintf(r->name, sizeof(r->name), "%s", scen[started].name);
            jobs[started].pid = start_job(&scen[started], &opts, (const char *const *)images[started], r, workbase,
                                          started, live, &jobs[started].fd);
            if (jobs[started].pid < 0) {
                fprintf(stderr, "vdev: cannot start a runner: %s\n", strerror(errno));
                return EXIT_USAGE;
            }
            started++;
        }
        struct pollfd pfd[64];
        int map[64], k = 0;
        for (int i = 0; i < started && k < 64; i++)
            if (!jobs[i].done) {
                pfd[k] = (struct pollfd){ .fd = jobs[i].fd, .events = POLLIN };
                map[k++] = i;
            }
        if (poll(pfd, (nfds_t)k, -1) < 0 && errno != EINTR)
            break;
        for (int q = 0; q < k; q++) {
            if (!(pfd[q].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            struct job *j = &jobs[map[q]];
            char buf[65536];
            ssize_t got = read(j->fd, buf, sizeof(buf));
            if (got > 0) {
                sbuf_add(&j->data, buf, (size_t)got);
                continue;
            }
            close(j->fd);
            waitpid(j->pid, NULL, 0);
            j->done = true;
            result_from_json(&res[map[q]], j->data.data ? j->data.data : "", j->data.len);
            sbuf_free(&j->data);
            finished++;
        }
        while (!live && printed < n && jobs[printed].done) { /* in file order */
            fputs(res[printed].output.data ? res[printed].output.data : "", stdout);
            printed++;
        }
        fflush(stdout);
    }
    rmdir(workbase);

    /* 4. reports */
    int failed = 0;
    for (int i = 0; i < n; i++)
        failed += !res[i].passed;
    if (n > 1) {
        printf("\n%d scenario(s): %d passed, %d failed\n", n, n - failed, failed);
        for (int i = 0; i < n; i++)
            if (!res[i].passed)
                printf("  FAILED %s: %s\n", res[i].path, res[i].message);
    }
    int rc = failed ? 1 : 0;
    if (opts.junit && report_junit(opts.junit, res, n)) {
        fprintf(stderr, "vdev: cannot write %s: %s\n", opts.junit, strerror(errno));
        rc = EXIT_USAGE;
    }
    for (int i = 0; opts.vcd && i < n; i++) {
        char path[PATH_MAX];
        vcd_path_for(opts.vcd, res[i].stem, n, path, sizeof(path));
        if (report_vcd(path, &scen[i], &res[i])) {
            fprintf(stderr, "vdev: cannot write %s: %s\n", path, strerror(errno));
            rc = EXIT_USAGE;
        }
    }
    for (int i = 0; i < n; i++) {
        free_result(&res[i]);
        scenario_free(&scen[i]);
    }
    return rc;
}
