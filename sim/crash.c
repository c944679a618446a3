/* sim/crash.c - a crashing app (SIGSEGV, SIGBUS, SIGFPE, SIGILL, abort or a
 * failed assert) shows SOS with its Device OS panic code on the LED (the
 * panic hook), then becomes a `panic` event and a readable report on stderr:
 * the signal, the firmware thread, and a backtrace with the app's function
 * names (and file:line when addr2line is available). Retained memory is
 * saved and the next fresh start noted as a PANIC. Exit VDEV_EXIT_PANIC. */
#define _GNU_SOURCE
#include "../hal-posix/src/hal_sim.h"
#include "control.h"
#include "device.h"
#include "events.h"
#include "sched.h"

#include <assert.h>
#include <dlfcn.h>
#include <errno.h>
#include <execinfo.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

char *__cxa_demangle(const char *mangled, char *out, size_t *len, int *status);

#define MAX_FRAMES 32

#define ALTSTACK_SIZE (64 * 1024)
static char altstack[ALTSTACK_SIZE];

static const char *sig_text(int sig)
{
    switch (sig) {
    case SIGSEGV: return "SIGSEGV (invalid memory access)";
    case SIGBUS: return "SIGBUS (bus error)";
    case SIGFPE: return "SIGFPE (arithmetic error, e.g. division by zero)";
    case SIGILL: return "SIGILL (illegal instruction)";
    case SIGABRT: return "SIGABRT (abort or failed assertion)";
    default: return "signal";
    }
}

/* Set by a failed assert() just before it aborts. */
static volatile sig_atomic_t assert_failed;

/* The Device OS panic code the LED blinks after SOS (1 HardFault, 4
 * BusFault, 5 UsageFault, 7 Exit, 10 AssertionFailure): an invalid memory
 * access is a hard fault, abort() is the system's exit, a failed assert()
 * an assertion failure. */
static int panic_code(int sig)
{
    switch (sig) {
    case SIGSEGV: return 1;
    case SIGBUS: return 4;
    case SIGFPE:
    case SIGILL: return 5;
    default: return assert_failed ? 10 : 7;
    }
}

/* A failed assert(): the C library's message, then abort() as it does,
 * remembered so that the panic says AssertionFailure. */
void __assert_fail(const char *expr, const char *file, unsigned int line, const char *func)
{
    assert_failed = 1;
    fprintf(stderr, "%s: %s:%u: %s%sAssertion `%s' failed.\n", program_invocation_short_name, file, line,
            func ? func : "", func ? ": " : "", expr);
    fflush(stderr);
    abort();
}

static void symbolize(void *addr, char *out, size_t len)
{
    Dl_info info;
    if (dladdr(addr, &info) && info.dli_sname) {
        int st = -1;
        char *dem = __cxa_demangle(info.dli_sname, NULL, NULL, &st);
        snprintf(out, len, "%s+0x%lx", st == 0 && dem ? dem : info.dli_sname,
                 (unsigned long)((char *)addr - (char *)info.dli_saddr));
        free(dem);
    } else if (dladdr(addr, &info) && info.dli_fname) {
        snprintf(out, len, "%s+0x%lx", strrchr(info.dli_fname, '/') ? strrchr(info.dli_fname, '/') + 1 : info.dli_fname,
                 (unsigned long)((char *)addr - (char *)info.dli_fbase));
    } else {
        snprintf(out, len, "%p", addr);
    }
}

/* Function names (inlined ones too) and file:line of an address in the
 * firmware image, via addr2line when it is installed: "f at a.cpp:7 <- g". */
static void source_line(void *addr, char *out, size_t len)
{
    out[0] = 0;
    Dl_info info;
    if (!dladdr(addr, &info) || !info.dli_fbase)
        return;
    char exe[512];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
    if (n <= 0)
        return;
    exe[n] = 0;
    if (!info.dli_fname || strcmp(info.dli_fname, exe) != 0)
        return;
    char cmd[700];
    snprintf(cmd, sizeof(cmd), "addr2line -f -C -i -e '%s' 0x%lx 2>/dev/null", exe,
             (unsigned long)((char *)addr - (char *)info.dli_fbase - 1));
    FILE *p = popen(cmd, "r");
    if (!p)
        return;
    char fn[256], loc[512];
    size_t used = 0;
    int level = 0;
    while (fgets(fn, sizeof(fn), p) && fgets(loc, sizeof(loc), p)) {
        fn[strcspn(fn, "\n")] = 0;
        loc[strcspn(loc, "\n")] = 0;
        if (!strncmp(fn, "??", 2))
            break;
        const char *base = strrchr(loc, '/') ? strrchr(loc, '/') + 1 : loc;
        int w = level == 0 ? snprintf(out + used, len - used, "%s at %s", fn, base)
                           : snprintf(out + used, len - used, ", inlined in %s at %s", fn, base);
        if (w < 0 || (size_t)w >= len - used)
            break;
        used += (size_t)w;
        level++;
    }
    pclose(p);
}

static void on_crash(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    static volatile sig_atomic_t in_crash;
    if (in_crash)
        _exit(VDEV_EXIT_PANIC);
    in_crash = 1;
    vdev_retained_save(); /* backup RAM survives a crash; the next start reports PANIC */
    vdev_flash_note_reset(130 /* RESET_REASON_PANIC */, (uint32_t)panic_code(sig));
    void *frames[MAX_FRAMES];
    int n = backtrace(frames, MAX_FRAMES);
    const char *thread = vdev_sched_thread_name(vdev_sched_self());
    char report[8192];
    size_t used = 0;
    used += (size_t)snprintf(report + used, sizeof(report) - used,
                             "\nvdev: the app crashed: %s in thread '%s'", sig_text(sig), thread);
    if (sig == SIGSEGV || sig == SIGBUS)
        used += (size_t)snprintf(report + used, sizeof(report) - used, " at address %p", si->si_addr);
    used += (size_t)snprintf(report + used, sizeof(report) - used, "\nbacktrace:\n");
    char bt[4096];
    size_t btlen = 0;
    bt[0] = 0;
    /* skip this handler and the signal trampoline */
    for (int i = 2; i < n && used < sizeof(report) - 256; i++) {
        char sym[256], src[512];
        source_line(frames[i], src, sizeof(src));
        if (!src[0])
            symbolize(frames[i], sym, sizeof(sym));
        const char *what = src[0] ? src : sym;
        used += (size_t)snprintf(report + used, sizeof(report) - used, "  #%-2d %s\n", i - 2, what);
        if (btlen < sizeof(bt) - 600)
            btlen += (size_t)snprintf(bt + btlen, sizeof(bt) - btlen, "%s%s", btlen ? " | " : "", what);
    }
    vdev_device_run_panic_hook(panic_code(sig)); /* SOS on the LED, before the panic itself */
    vdev_event("panic", "{s:i,s:s,s:s,s:s}", "code", panic_code(sig), "signal", strsignal(sig), "thread", thread,
               "backtrace", bt);
    vdev_events_crash_flush();
    vdev_control_crash_drain();
    fflush(stdout);
    if (write(2, report, used) < 0)
        _exit(VDEV_EXIT_PANIC);
    _exit(VDEV_EXIT_PANIC);
}

/* Each firmware thread gets its own signal stack, so that a stack overflow
 * in any thread is still reported. */
static void thread_altstack(void)
{
    void *mem = malloc(ALTSTACK_SIZE);
    if (!mem)
        return;
    stack_t ss = { .ss_sp = mem, .ss_size = ALTSTACK_SIZE, .ss_flags = 0 };
    sigaltstack(&ss, NULL);
}

void vdev_crash_install(void)
{
    stack_t ss = { .ss_sp = altstack, .ss_size = sizeof(altstack), .ss_flags = 0 };
    sigaltstack(&ss, NULL);
    vdev_sched_set_thread_start_hook(thread_altstack);
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_crash;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigemptyset(&sa.sa_mask);
    int sigs[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT };
    for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
        sigaction(sigs[i], &sa, NULL);
}
