/* sim/vdev_main.c - the `vdev` command: build and run Particle apps. */
#define _GNU_SOURCE
#include "build.h"
#include "flash_cmd.h"
#include "inopp.h"
#include "options.h"
#include "platform.h"
#include "../scenarios/runner.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define EXIT_USAGE 2

static const char *usage_text =
    "usage: vdev <command> [arguments]\n"
    "\n"
    "Run Particle Device OS 1.4 apps as Linux processes.\n"
    "\n"
    "Commands:\n"
    "  run APP [options]     build APP when stale, then run it (Serial on this terminal)\n"
    "  run APP APP...        several devices under one coordinator, in real time\n"
    "  test SCENARIO|DIR...  run scenario files in virtual time (-j N, --junit FILE)\n"
    "  build APP [--platform P] [--verbose]\n"
    "                        build APP (a .ino/.cpp file or a Particle project directory)\n"
    "  flash show FILE       print a device's flash file (DCT, EEPROM, retained memory)\n"
    "  selftest              (in a vdev checkout) build everything and run the test suite\n"
    "  help [COMMAND]        show help\n"
    "  version               show the vdev and Device OS versions\n"
    "\n"
    "Run `vdev <command> --help` for a command's options.\n";

static int usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "vdev: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\n(see vdev --help)\n");
    return EXIT_USAGE;
}

static void self_path(char *out, size_t len)
{
    ssize_t n = readlink("/proc/self/exe", out, len - 1);
    out[n > 0 ? n : 0] = 0;
}

static int cmd_build(int argc, char **argv)
{
    const struct vdev_platform *pl = vdev_platform_by_name("argon");
    const char *app = NULL;
    bool verbose = false;
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            printf("usage: vdev build APP [--platform argon|boron|photon] [--verbose]\n\n"
                   "APP is a .ino/.cpp file or a Particle project directory (project.properties,\n"
                   "src/, lib/<name>/src/). The image is cached and rebuilt only when a source\n"
                   "changed; its path is printed.\n");
            return 0;
        } else if (!strcmp(a, "--verbose") || !strcmp(a, "-v")) {
            verbose = true;
        } else if (!strncmp(a, "--platform", 10)) {
            const char *v = a[10] == '=' ? a + 11 : (a[10] == 0 && i + 1 < argc ? argv[++i] : NULL);
            if (!v)
                return usage_error("%s needs a value", "--platform");
            pl = vdev_platform_by_name(v);
            if (!pl)
                return usage_error("unknown platform '%s' (expected argon, boron or photon)", v);
        } else if (a[0] == '-') {
            return usage_error("unknown option '%s'", a);
        } else if (app) {
            return usage_error("unexpected argument '%s'", a);
        } else {
            app = a;
        }
    }
    if (!app)
        return usage_error("%s", "build needs an APP");
    char self[PATH_MAX];
    self_path(self, sizeof(self));
    struct vdev_build_result res;
    if (vdev_build_app(self, app, pl, verbose, &res))
        return EXIT_USAGE;
    printf("%s\n", res.image);
    return 0;
}

static int cmd_run(int argc, char **argv)
{
    for (int i = 2; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            printf("usage: vdev run APP [options]\n\nBuilds APP when stale, then runs it. USB Serial is this "
                   "terminal (stdin/stdout);\nSerial1 is a pty whose path is printed. Ctrl-C stops the device.\n\n%s",
                   vdev_opts_help());
            return 0;
        }
    }
    int apps = 0;
    for (int i = 2; i < argc; i++) {
        if (argv[i][0] != '-')
            apps++;
        else if (!strchr(argv[i], '=') && strcmp(argv[i], "--trace") && strcmp(argv[i], "--lockstep") &&
                 strcmp(argv[i], "--flash-reset"))
            i++; /* the option's value */
    }
    if (apps > 1) {
        char self[PATH_MAX];
        self_path(self, sizeof(self));
        return runner_multi_run(self, argc, argv);
    }
    struct vdev_run_opts o;
    vdev_opts_init(&o);
    char err[256];
    int pos = -1;
    if (vdev_opts_parse(&o, argc, argv, 2, &pos, err, sizeof(err)))
        return usage_error("%s", err);
    if (pos < 0)
        return usage_error("%s", "run needs an APP");
    for (int i = 2; i < argc; i++)
        if (!strncmp(argv[i], "--x-", 4))
            return usage_error("unknown option '%s'", argv[i]);
    const struct vdev_platform *pl = o.platform ? o.platform : vdev_platform_by_name("argon");
    char self[PATH_MAX];
    self_path(self, sizeof(self));
    struct vdev_build_result res;
    if (vdev_build_app(self, argv[pos], pl, false, &res))
        return EXIT_USAGE;
    /* the image takes the same options; the APP argument is ours */
    char **args = calloc((size_t)argc + 1, sizeof(char *));
    if (!args)
        return 1;
    int n = 0;
    args[n++] = res.image;
    for (int i = 2; i < argc; i++)
        if (i != pos)
            args[n++] = argv[i];
    args[n] = NULL;
    execv(res.image, args);
    fprintf(stderr, "vdev: cannot run %s: %s\n", res.image, strerror(errno));
    return 1;
}

static int cmd_inopp(int argc, char **argv)
{
    if (argc != 4)
        return usage_error("%s", "usage: vdev inopp IN.ino OUT.cpp");
    int rc = vdev_inopp_file(argv[2], argv[3]);
    if (rc) {
        fprintf(stderr, "vdev: cannot preprocess %s: %s\n", argv[2], strerror(-rc));
        return 1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
        if (argc >= 3 && !strcmp(argv[1], "help")) {
            char *sub[] = { argv[0], argv[2], "--help", NULL };
            if (!strcmp(argv[2], "run"))
                return cmd_run(3, sub);
            if (!strcmp(argv[2], "build"))
                return cmd_build(3, sub);
        }
        fputs(usage_text, argc < 2 ? stderr : stdout);
        return argc < 2 ? EXIT_USAGE : 0;
    }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "build"))
        return cmd_build(argc, argv);
    if (!strcmp(cmd, "run"))
        return cmd_run(argc, argv);
    if (!strcmp(cmd, "test")) {
        char self[PATH_MAX];
        self_path(self, sizeof(self));
        return runner_test_main(self, argc, argv);
    }
    if (!strcmp(cmd, "inopp"))
        return cmd_inopp(argc, argv);
    if (!strcmp(cmd, "flash"))
        return vdev_flash_cmd(argc, argv);
    if (!strcmp(cmd, "version") || !strcmp(cmd, "--version")) {
        printf("vdev 0.1.0 (Device OS 1.4.0 API)\n");
        return 0;
    }
    if (!strcmp(cmd, "selftest")) {
        fprintf(stderr, "vdev: selftest runs from the repository's ./vdev script\n");
        return EXIT_USAGE;
    }
    return usage_error("unknown command '%s'", cmd);
}
