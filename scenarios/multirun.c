/* scenarios/multirun.c - `vdev run A B ...`: several devices under one
 * coordinator in real time. Each device's Serial output is printed with its
 * name; a line typed on stdin goes to the first device's Serial, or to the
 * device named by a leading "@name ". */
#define _GNU_SOURCE
#include "runner.h"

#include "../sim/build.h"
#include "../sim/options.h"

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#define EXIT_USAGE 2

#pragma GCC diagnostic ignored "-Wformat-truncation"

struct multi {
    struct coord *c;
    struct sbuf line[COORD_MAX_DEVICES];
    struct sbuf in;
    bool eof;
};

static volatile int stop_flag;

static void on_signal(int sig)
{
    (void)sig;
    stop_flag = 1;
}

static void print_serial(void *p, int dev, json_t *ev)
{
    struct multi *m = p;
    const char *type = json_string_value(json_object_get(ev, "type"));
    if (strcmp(type, "serial") || strcmp(json_string_value(json_object_get(ev, "port")), "Serial"))
        return;
    json_t *data = json_object_get(ev, "data");
    if (!data)
        return;
    struct sbuf *b = &m->line[dev];
    sbuf_add(b, json_string_value(data), json_string_length(data));
    char *nl;
    while (b->data && (nl = memchr(b->data, '\n', b->len))) {
        size_t n = (size_t)(nl - b->data);
        size_t shown = n && b->data[n - 1] == '\r' ? n - 1 : n;
        printf("[%s] %.*s\n", coord_device_name(m->c, dev), (int)shown, b->data);
        memmove(b->data, nl + 1, b->len - n - 1);
        b->len -= n + 1;
    }
    fflush(stdout);
}

static void on_stdin(void *p)
{
    struct multi *m = p;
    char buf[4096];
    ssize_t n = read(0, buf, sizeof(buf));
    if (n <= 0) {
        coord_set_input(m->c, -1, NULL, NULL);
        return;
    }
    sbuf_add(&m->in, buf, (size_t)n);
    char *nl;
    while (m->in.data && (nl = memchr(m->in.data, '\n', m->in.len))) {
        size_t len = (size_t)(nl - m->in.data) + 1;
        int dev = 0;
        const char *text = m->in.data;
        if (text[0] == '@') {
            size_t nl2 = strcspn(text + 1, " \n");
            char name[64];
            snprintf(name, sizeof(name), "%.*s", (int)nl2, text + 1);
            dev = coord_device_find(m->c, name);
            text += 1 + nl2 + (text[1 + nl2] == ' ');
        }
        if (dev < 0) {
            fprintf(stderr, "vdev: no device named in that line\n");
        } else {
            char err[256];
            json_t *r = coord_command(m->c, dev,
                                      json_pack("{s:s,s:s,s:s%}", "cmd", "serial-write", "port", "Serial", "data",
                                                text, len - (size_t)(text - m->in.data)),
                                      err, sizeof(err));
            json_decref(r);
        }
        memmove(m->in.data, m->in.data + len, m->in.len - len);
        m->in.len -= len;
    }
}

int runner_multi_run(const char *self_exe, int argc, char **argv)
{
    struct vdev_run_opts o;
    vdev_opts_init(&o);
    const char *apps[COORD_MAX_DEVICES];
    int napps = 0;
    char err[512];
    /* the apps are the arguments that are not options */
    char **rest = calloc((size_t)argc + 1, sizeof(char *));
    int nrest = 0;
    rest[nrest++] = argv[0];
    for (int i = 2; i < argc; i++) {
        if (argv[i][0] != '-') {
            if (napps == COORD_MAX_DEVICES) {
                fprintf(stderr, "vdev: at most %d devices\n", COORD_MAX_DEVICES);
                return EXIT_USAGE;
            }
            apps[napps++] = argv[i];
        } else {
            rest[nrest++] = argv[i];
            if (!strchr(argv[i], '=') && strcmp(argv[i], "--trace") && strcmp(argv[i], "--flash-reset") &&
                i + 1 < argc && strncmp(argv[i], "--x-", 4))
                rest[nrest++] = argv[++i];
        }
    }
    if (vdev_opts_parse(&o, nrest, rest, 1, NULL, err, sizeof(err))) {
        fprintf(stderr, "vdev: %s\n", err);
        return EXIT_USAGE;
    }
    if (o.clock == VDEV_CLOCK_VIRTUAL || o.events || o.control || o.lockstep || o.device_id[0] || o.name || o.flash) {
        fprintf(stderr, "vdev: with several apps, vdev run takes only --platform, --seed, --hosts, --flash-reset and --for\n"
                        "      (real time; each device keeps its own default flash file);\n"
                        "      for virtual time and event files, write a scenario (vdev test)\n");
        return EXIT_USAGE;
    }
    const struct vdev_platform *pl = o.platform ? o.platform : vdev_platform_by_name("argon");
    char workdir[] = "/tmp/vdev-run-XXXXXX";
    if (!mkdtemp(workdir)) {
        fprintf(stderr, "vdev: cannot create a work directory: %s\n", strerror(errno));
        return EXIT_USAGE;
    }
    struct multi m;
    memset(&m, 0, sizeof(m));
    m.c = coord_new(false, workdir);
    coord_set_observer(m.c, print_serial, &m);
    for (int i = 0; i < napps; i++) {
        struct vdev_build_result b;
        if (vdev_build_app(self_exe, apps[i], pl, false, &b))
            return EXIT_USAGE;
        char name[64];
        snprintf(name, sizeof(name), "%s", b.name);
        for (int k = 0; coord_device_find(m.c, name) >= 0; k++)
            snprintf(name, sizeof(name), "%s-%d", b.name, k + 2);
        char snoop[4096] = ""; /* --btsnoop cap.btsnoop: cap.NAME.btsnoop per device */
        if (o.btsnoop) {
            const char *dot = strrchr(o.btsnoop, '.'), *slash = strrchr(o.btsnoop, '/');
            int stem = dot && (!slash || dot > slash) ? (int)(dot - o.btsnoop) : (int)strlen(o.btsnoop);
            snprintf(snoop, sizeof(snoop), "%.*s.%s%s", stem, o.btsnoop, name, o.btsnoop + stem);
        }
        struct coord_device_spec spec = { name, b.image, pl, o.seed_set ? o.seed + (uint64_t)i : (uint64_t)i, NULL,
                                          o.hosts, snoop[0] ? snoop : NULL, NULL, o.flash_reset };
        coord_add_device(m.c, &spec);
    }
    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    if (o.for_us != VDEV_FOREVER) { /* --for: a clean stop of them all after that much (real) time */
        signal(SIGALRM, on_signal);
        struct itimerval it = { { 0, 0 }, { (time_t)(o.for_us / 1000000u), (suseconds_t)(o.for_us % 1000000u) } };
        if (!o.for_us)
            it.it_value.tv_usec = 1;
        setitimer(ITIMER_REAL, &it, NULL);
    }
    if (coord_start(m.c, err, sizeof(err))) {
        fprintf(stderr, "vdev: %s\n", err);
        coord_free(m.c);
        rmdir(workdir);
        return 1;
    }
    coord_set_input(m.c, 0, on_stdin, &m);
    coord_run_realtime(m.c, &stop_flag);
    coord_free(m.c);
    rmdir(workdir);
    return 0;
}
