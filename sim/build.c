/* sim/build.c - `vdev build`: an app is a .ino/.cpp file or a Particle
 * project directory (project.properties, src/, lib/<name>/src/). Sources are
 * listed, .ino files preprocessed as Particle does (inopp.c), and a
 * build.ninja written into the app's cache directory; ninja then compiles
 * only what changed. Compiler and linker messages name the user's files. */
#define _GNU_SOURCE
#include "build.h"

#include "vdev_config.h"

/* paths are bounded by PATH_MAX; a cut path fails to open, which is reported */
#pragma GCC diagnostic ignored "-Wformat-truncation"

#include <dirent.h>
#include <stdarg.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_SOURCES 512

struct srclist {
    char *paths[MAX_SOURCES];
    int n;
    char *incdirs[64];
    int ninc;
};

static bool has_suffix(const char *s, const char *suf)
{
    size_t a = strlen(s), b = strlen(suf);
    return a >= b && !strcmp(s + a - b, suf);
}

static bool is_source(const char *name)
{
    return has_suffix(name, ".ino") || has_suffix(name, ".cpp") || has_suffix(name, ".c") || has_suffix(name, ".cc");
}

static int cmpstr(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static void add_inc(struct srclist *s, const char *dir)
{
    for (int i = 0; i < s->ninc; i++)
        if (!strcmp(s->incdirs[i], dir))
            return;
    if (s->ninc < 64)
        s->incdirs[s->ninc++] = strdup(dir);
}

/* Collect sources below dir (recursively, skipping hidden folders). */
static int scan(struct srclist *s, const char *dir, bool recurse)
{
    DIR *d = opendir(dir);
    if (!d)
        return -errno;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        char path[PATH_MAX];
        snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
        struct stat st;
        if (stat(path, &st))
            continue;
        if (S_ISDIR(st.st_mode)) {
            if (recurse)
                scan(s, path, true);
        } else if (is_source(e->d_name) && s->n < MAX_SOURCES) {
            s->paths[s->n++] = strdup(path);
            char *slash = strrchr(path, '/');
            *slash = 0;
            add_inc(s, path);
        }
    }
    closedir(d);
    return 0;
}

static void read_name(const char *dir, char *name, size_t len)
{
    char path[PATH_MAX];
    snprintf(path, sizeof(path), "%s/project.properties", dir);
    FILE *f = fopen(path, "r");
    if (!f)
        return;
    char line[512];
    while (fgets(line, sizeof(line), f)) {
        if (!strncmp(line, "name=", 5)) {
            line[strcspn(line, "\r\n")] = 0;
            if (line[5])
                snprintf(name, len, "%s", line + 5);
        }
    }
    fclose(f);
}

static unsigned long long hash_str(const char *s)
{
    unsigned long long h = 0xcbf29ce484222325ull;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 0x100000001b3ull;
    return h;
}

static int mkdirs(const char *path)
{
    char tmp[PATH_MAX];
    snprintf(tmp, sizeof(tmp), "%s", path);
    for (char *p = tmp + 1; *p; p++) {
        if (*p == '/') {
            *p = 0;
            if (mkdir(tmp, 0755) && errno != EEXIST)
                return -errno;
            *p = '/';
        }
    }
    if (mkdir(tmp, 0755) && errno != EEXIST)
        return -errno;
    return 0;
}

static void cache_root(char *out, size_t len)
{
    const char *c = getenv("VDEV_CACHE_DIR");
    const char *x = getenv("XDG_CACHE_HOME");
    const char *h = getenv("HOME");
    if (c && *c)
        snprintf(out, len, "%s", c);
    else if (x && *x)
        snprintf(out, len, "%s/vdev", x);
    else
        snprintf(out, len, "%s/.cache/vdev", h && *h ? h : "/tmp");
}

/* Write `text` to path only if it differs (keeps ninja's view stable). */
static int write_if_changed(const char *path, const char *text)
{
    FILE *f = fopen(path, "r");
    if (f) {
        size_t n = strlen(text);
        char *old = malloc(n + 2);
        size_t got = old ? fread(old, 1, n + 1, f) : 0;
        fclose(f);
        bool same = old && got == n && !memcmp(old, text, n);
        free(old);
        if (same)
            return 0;
    }
    char tmp[PATH_MAX];
    snprintf(tmp, sizeof(tmp), "%s.tmp", path);
    f = fopen(tmp, "w");
    if (!f)
        return -errno;
    fputs(text, f);
    if (fclose(f))
        return -errno;
    return rename(tmp, path) ? -errno : 0;
}

/* A growable string. */
struct sb {
    char *s;
    size_t len, cap;
};

static void sbf(struct sb *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void sbf(struct sb *b, const char *fmt, ...)
{
    va_list ap;
    for (;;) {
        va_start(ap, fmt);
        int n = vsnprintf(b->s + b->len, b->cap - b->len, fmt, ap);
        va_end(ap);
        if (n >= 0 && (size_t)n < b->cap - b->len) {
            b->len += (size_t)n;
            return;
        }
        b->cap = b->cap * 2 + (size_t)n + 256;
        b->s = realloc(b->s, b->cap);
        if (!b->s)
            abort();
    }
}

/* ninja paths: escape spaces, colons and dollars */
static const char *nj(const char *p)
{
    static char buf[4][PATH_MAX * 2];
    static int k;
    char *o = buf[k = (k + 1) % 4];
    size_t j = 0;
    for (; *p && j < sizeof(buf[0]) - 3; p++) {
        if (*p == ' ' || *p == ':' || *p == '$')
            o[j++] = '$';
        o[j++] = *p;
    }
    o[j] = 0;
    return o;
}

/* shell-quote for a ninja command line */
static const char *sq(const char *p)
{
    static char buf[4][PATH_MAX * 2];
    static int k;
    char *o = buf[k = (k + 1) % 4];
    size_t j = 0;
    o[j++] = '\'';
    for (; *p && j < sizeof(buf[0]) - 8; p++) {
        if (*p == '\'') {
            memcpy(o + j, "'\\''", 4);
            j += 4;
        } else if (*p == '$') {
            o[j++] = '$';
            o[j++] = '$';
        } else {
            o[j++] = *p;
        }
    }
    o[j++] = '\'';
    o[j] = 0;
    return o;
}

static int run_ninja(const char *dir, bool verbose, char **output)
{
    char cmd[PATH_MAX + 64];
    snprintf(cmd, sizeof(cmd), "ninja -C %s firmware 2>&1", sq(dir));
    FILE *p = popen(cmd, "r");
    if (!p)
        return -1;
    struct sb out = { 0 };
    sbf(&out, "%s", "");
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof(buf) - 1, p)) > 0) {
        buf[n] = 0;
        sbf(&out, "%s", buf);
        if (verbose)
            fputs(buf, stderr);
    }
    int st = pclose(p);
    *output = out.s;
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* Turn ninja's output into what a user needs: compiler messages, and one
 * sentence for the classic link failures. */
static void explain_failure(const char *out, const char *app)
{
    bool nosetup = strstr(out, "undefined reference to `setup()'") != NULL;
    bool noloop = strstr(out, "undefined reference to `loop()'") != NULL;
    if (nosetup || noloop) {
        fprintf(stderr, "vdev: %s defines no %s%s%s function; a Particle app needs both setup() and loop()\n", app,
                nosetup ? "setup()" : "", nosetup && noloop ? " and no " : "", noloop ? "loop()" : "");
        return;
    }
    /* print the compiler's lines, without ninja's own chatter */
    const char *line = out;
    while (*line) {
        const char *end = strchr(line, '\n');
        size_t len = end ? (size_t)(end - line) : strlen(line);
        if (strncmp(line, "ninja: ", 7) && strncmp(line, "FAILED: ", 8) && !(line[0] == '[' && strchr(line, '/')) &&
            !(len > 0 && strstr(line, " -MMD ") && line[0] != ' '))
            fprintf(stderr, "%.*s\n", (int)len, line);
        if (!end)
            break;
        line = end + 1;
    }
    fprintf(stderr, "vdev: build of %s failed\n", app);
}

int vdev_build_app(const char *self_exe, const char *app, const struct vdev_platform *pl, bool verbose,
                   struct vdev_build_result *res)
{
    char abs[PATH_MAX];
    struct stat st;
    if (!app || stat(app, &st) || !realpath(app, abs)) {
        fprintf(stderr, "vdev: no such app: %s\n", app ? app : "(none)");
        return -1;
    }
    struct srclist src = { 0 };
    char name[256];
    if (S_ISDIR(st.st_mode)) {
        const char *base = strrchr(abs, '/');
        snprintf(name, sizeof(name), "%s", base ? base + 1 : abs);
        read_name(abs, name, sizeof(name));
        char sub[PATH_MAX];
        snprintf(sub, sizeof(sub), "%s/src", abs);
        struct stat sst;
        if (!stat(sub, &sst) && S_ISDIR(sst.st_mode)) {
            scan(&src, sub, true);
            add_inc(&src, sub);
        } else {
            scan(&src, abs, false);
            add_inc(&src, abs);
        }
        snprintf(sub, sizeof(sub), "%s/lib", abs);
        DIR *d = opendir(sub);
        struct dirent *e;
        while (d && (e = readdir(d))) {
            if (e->d_name[0] == '.')
                continue;
            char lsrc[PATH_MAX];
            snprintf(lsrc, sizeof(lsrc), "%s/%s/src", sub, e->d_name);
            if (!stat(lsrc, &sst) && S_ISDIR(sst.st_mode)) {
                add_inc(&src, lsrc);
                scan(&src, lsrc, true);
            }
        }
        if (d)
            closedir(d);
    } else if (S_ISREG(st.st_mode) && is_source(abs)) {
        const char *base = strrchr(abs, '/') + 1;
        snprintf(name, sizeof(name), "%.*s", (int)(strrchr(base, '.') - base), base);
        src.paths[src.n++] = strdup(abs);
        char dir[PATH_MAX];
        snprintf(dir, sizeof(dir), "%s", abs);
        *strrchr(dir, '/') = 0;
        add_inc(&src, dir);
    } else {
        fprintf(stderr, "vdev: %s is neither a .ino/.cpp file nor a project directory\n", app);
        return -1;
    }
    if (src.n == 0) {
        fprintf(stderr, "vdev: no .ino, .cpp or .c sources in %s\n", app);
        return -1;
    }
    qsort(src.paths, (size_t)src.n, sizeof(char *), cmpstr);

    char cache[PATH_MAX], dir[PATH_MAX];
    cache_root(cache, sizeof(cache));
    snprintf(dir, sizeof(dir), "%s/%s-%08llx/%s", cache, name, hash_str(abs) & 0xffffffffull, pl->name);
    if (mkdirs(dir)) {
        fprintf(stderr, "vdev: cannot create the build cache %s: %s\n", dir, strerror(errno));
        return -1;
    }

    /* the image's identity: platform and app name */
    char fwinfo[PATH_MAX], text[1024];
    snprintf(fwinfo, sizeof(fwinfo), "%s/fwinfo.c", dir);
    snprintf(text, sizeof(text),
             "/* generated by vdev build */\nconst int vdev_fw_platform_id = %d;\nconst char vdev_fw_app_name[] = \"%s\";\n",
             pl->id, name);
    for (char *q = strstr(text, "name[] = \"") + 10; *q && *q != '"'; q++)
        if (*q == '\\' || *q < ' ')
            *q = '_';
    write_if_changed(fwinfo, text);

    struct sb b = { 0 };
    sbf(&b, "# generated by vdev build for %s (%s)\nninja_required_version = 1.5\n", abs, pl->name);
    sbf(&b, "defs = -DPLATFORM_ID=%d -DPLATFORM_NAME=%s -DPLATFORM_THREADING=1 -DSPARK=1 -DPARTICLE=1 "
            "-DLOG_MODULE_CATEGORY='\"app\"'\n", pl->id, pl->name);
    sbf(&b, "incs = -I%s/wiring/include -I%s/hal-posix/include -I%s/system/include", sq(VDEV_SOURCE_DIR),
        sq(VDEV_SOURCE_DIR), sq(VDEV_SOURCE_DIR));
    for (int i = 0; i < src.ninc; i++)
        sbf(&b, " -I%s", sq(src.incdirs[i]));
    /* __FILE__ is relative to the app, so output does not depend on where it lives */
    char root[PATH_MAX];
    snprintf(root, sizeof(root), "%s", abs);
    if (!S_ISDIR(st.st_mode))
        *strrchr(root, '/') = 0;
    sbf(&b, "\ncommon = -g -O1 -funsigned-char -fno-exceptions -fno-strict-aliasing -Wno-psabi -fmacro-prefix-map=%s/=\n",
        sq(root));
    sbf(&b, "rule cxx\n  command = c++ -std=gnu++14 $common $defs $incs -MMD -MF $out.d -c $in -o $out\n"
            "  depfile = $out.d\n  deps = gcc\n  description = compile $in\n");
    sbf(&b, "rule cc\n  command = cc -std=gnu11 $common $defs $incs -MMD -MF $out.d -c $in -o $out\n"
            "  depfile = $out.d\n  deps = gcc\n  description = compile $in\n");
    sbf(&b, "rule ino\n  command = %s inopp $in $out\n  restat = 1\n  description = preprocess $in\n", sq(self_exe));
    sbf(&b, "rule link\n  command = c++ -rdynamic -o $out $in %s %s\n  description = link $out\n", sq(VDEV_FW_LIB),
        VDEV_FW_LINK_ARGS);
    struct sb objs = { 0 };
    sbf(&objs, "%s", "");
    for (int i = 0; i < src.n; i++) {
        const char *p = src.paths[i];
        const char *base = strrchr(p, '/') + 1;
        char obj[PATH_MAX];
        snprintf(obj, sizeof(obj), "obj/%03d-%s.o", i, base);
        if (has_suffix(p, ".ino")) {
            char cpp[PATH_MAX];
            snprintf(cpp, sizeof(cpp), "obj/%03d-%s.cpp", i, base);
            sbf(&b, "build %s: ino %s\n", nj(cpp), nj(p));
            sbf(&b, "build %s: cxx %s\n", nj(obj), nj(cpp));
        } else {
            sbf(&b, "build %s: %s %s\n", nj(obj), has_suffix(p, ".c") ? "cc" : "cxx", nj(p));
        }
        sbf(&objs, " %s", nj(obj));
    }
    sbf(&b, "build obj/fwinfo.o: cc fwinfo.c\n");
    sbf(&b, "build firmware: link%s obj/fwinfo.o | %s\ndefault firmware\n", objs.s, nj(VDEV_FW_LIB));
    char ninja_path[PATH_MAX];
    snprintf(ninja_path, sizeof(ninja_path), "%s/build.ninja", dir);
    int rc = write_if_changed(ninja_path, b.s);
    free(b.s);
    free(objs.s);
    if (rc) {
        fprintf(stderr, "vdev: cannot write %s: %s\n", ninja_path, strerror(-rc));
        return -1;
    }
    char *output = NULL;
    rc = run_ninja(dir, verbose, &output);
    if (rc != 0) {
        if (rc < 0 || (output && strstr(output, "command not found")))
            fprintf(stderr, "vdev: cannot run ninja (install ninja-build)\n");
        explain_failure(output ? output : "", app);
        free(output);
        return -1;
    }
    free(output);
    snprintf(res->image, sizeof(res->image), "%s/firmware", dir);
    snprintf(res->name, sizeof(res->name), "%s", name);
    for (int i = 0; i < src.n; i++)
        free(src.paths[i]);
    for (int i = 0; i < src.ninc; i++)
        free(src.incdirs[i]);
    return 0;
}
