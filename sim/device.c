/* sim/device.c - the device runtime of a firmware image. It starts in an
 * ELF constructor that runs before the app's own global constructors (so
 * the HAL works in them, as on a device), parses the run options, sets up
 * the clock, the HAL, the event sinks and the control channel, then main()
 * hands over to the system layer. Also: clean stop, reset (re-exec with the
 * device state carried in hidden options), power cycle and panics. */
#define _GNU_SOURCE
#include "device.h"

#include "../hal-posix/include/rtc_hal.h"
#include "../ble-bridge/ble_transport.h"
#include "../hal-posix/src/hal_sim.h"
#include "../net/net.h"
#include "../system/include/system_network.h"
#include "../system/include/vdev_system.h"
#include "control.h"
#include "events.h"
#include "flash_dev.h"
#include "hostio.h"
#include "options.h"
#include "platform.h"
#include "sched.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* Written by `vdev build` into every image (fwinfo.c); absent in test
 * binaries, which then run as an Argon app named "app". */
extern const int vdev_fw_platform_id __attribute__((weak));
extern const char vdev_fw_app_name[] __attribute__((weak));

static int image_platform_id(void) { return &vdev_fw_platform_id ? vdev_fw_platform_id : 12; }
static const char *image_app_name(void) { return vdev_fw_app_name ? vdev_fw_app_name : "app"; }

#define VIRTUAL_RTC_EPOCH 1568073600 /* 2019-09-10, Device OS 1.4.0's release */

static struct {
    struct vdev_run_opts opts;
    char **argv;
    char id_hex[25];
    uint8_t id[12];
    uint64_t seed;
    bool started;
} D;

static const char *reset_reason_name(int r)
{
    switch (r) {
    case 0: return "NONE";
    case 10: return "UNKNOWN";
    case 20: return "PIN_RESET";
    case 30: return "POWER_MANAGEMENT";
    case 40: return "POWER_DOWN";
    case 50: return "POWER_BROWNOUT";
    case 60: return "WATCHDOG";
    case 70: return "UPDATE";
    case 80: return "UPDATE_ERROR";
    case 90: return "UPDATE_TIMEOUT";
    case 100: return "FACTORY_RESET";
    case 110: return "SAFE_MODE";
    case 120: return "DFU_MODE";
    case 130: return "PANIC";
    case 140: return "USER";
    default: return "UNKNOWN";
    }
}

const char *vdev_device_id_hex(void) { return D.id_hex; }
const char *vdev_device_name(void) { return D.opts.name ? D.opts.name : image_app_name(); }

static uint64_t fnv1a(const char *s, uint64_t h)
{
    for (; s && *s; s++)
        h = (h ^ (unsigned char)*s) * 0x100000001b3ull;
    return h;
}

static void make_device_id(void)
{
    if (D.opts.device_id[0]) {
        memcpy(D.id_hex, D.opts.device_id, 25);
    } else {
        /* stable per app and device name, like a real device's ID */
        uint64_t h = fnv1a(vdev_device_name(), fnv1a(image_app_name(), 0xcbf29ce484222325ull));
        snprintf(D.id_hex, sizeof(D.id_hex), "e00fce68%016llx", (unsigned long long)h);
    }
    for (int i = 0; i < 12; i++) {
        unsigned v;
        sscanf(D.id_hex + 2 * i, "%2x", &v);
        D.id[i] = (uint8_t)v;
    }
}

static void flush_all(void)
{
    vdev_events_flush();
    vdev_control_drain();
    fflush(stdout);
}

static void on_stop(uint64_t now)
{
    (void)now;
    vdev_event("stop", "{s:s}", "reason", "for");
    flush_all();
    _exit(VDEV_EXIT_OK);
}

static void on_pause(uint64_t now, uint64_t next)
{
    (void)now;
    if (next == VDEV_FOREVER)
        vdev_event("paused", "{s:n}", "next");
    else
        vdev_event("paused", "{s:I}", "next", (long long)next);
    vdev_events_flush();
}

void vdev_device_stop(const char *reason)
{
    vdev_event("stop", "{s:s}", "reason", reason);
    flush_all();
    _exit(VDEV_EXIT_OK);
}

/* Re-execute with the device state carried in hidden options. rtc: what
 * the RTC is at the new boot (NULL: it keeps running). */
static void reexec(int reason, uint32_t data, const char *rtc_at_boot) __attribute__((noreturn));
static void reexec(int reason, uint32_t data, const char *rtc_at_boot)
{
    flush_all();
    struct vdev_run_opts o = D.opts;
    o.reset_reason = reason;
    o.reset_data = data;
    o.start_us = vdev_clock_now();
    o.boot = D.opts.boot + 1;
    o.flash_reset = false; /* the flash was started afresh at the first boot only */
    vdev_control_prepare_exec(&o.control_fd, o.client_fds, VDEV_MAX_CLIENTS, &o.nclient_fds);
    if (o.lockstep) { /* the grant the controller gave still holds after the reset */
        o.granted = vdev_sched_granted();
        o.granted_set = true;
    }
    /* the RTC keeps running through a reset */
    static char rtc[32];
    if (rtc_at_boot)
        snprintf(rtc, sizeof(rtc), "%s", rtc_at_boot);
    else if (HAL_RTC_Time_Is_Valid(NULL))
        snprintf(rtc, sizeof(rtc), "%lld", (long long)HAL_RTC_Get_UnixTime());
    else
        snprintf(rtc, sizeof(rtc), "unset");
    o.rtc = rtc;
    o.serial1_fd = vdev_hostio_serial1_fd();
    if (o.serial1_fd >= 0)
        fcntl(o.serial1_fd, F_SETFD, 0);
    if (!o.seed_set) { /* keep the boot sequence reproducible from the first seed */
        o.seed = D.seed;
        o.seed_set = true;
    }
    static char store[8192];
    char *argv[64];
    argv[0] = D.argv[0];
    int n = vdev_opts_to_argv(&o, argv + 1, 62, store, sizeof(store));
    if (n < 0) {
        fprintf(stderr, "vdev: cannot reset: options too long\n");
        _exit(VDEV_EXIT_PANIC);
    }
    argv[n + 1] = NULL;
    execv("/proc/self/exe", argv);
    fprintf(stderr, "vdev: cannot reset: exec failed: %s\n", strerror(errno));
    _exit(VDEV_EXIT_PANIC);
}

void vdev_device_reset(int reason, uint32_t data)
{
    vdev_event("reset", "{s:s,s:i,s:I}", "reason", reset_reason_name(reason), "code", reason, "data",
               (long long)data);
    vdev_retained_save(); /* backup RAM keeps its contents through a reset */
    reexec(reason, data, NULL);
}

/* Power off and on: the flash keeps everything (DCT, EEPROM), backup RAM
 * and the RTC lose theirs (no battery). */
void vdev_device_power_cycle(void)
{
    vdev_event("reset", "{s:s,s:i,s:I,s:b}", "reason", reset_reason_name(40), "code", 40, "data", 0ll,
               "power_cycle", 1);
    vdev_retained_power_loss();
    reexec(40 /* RESET_REASON_POWER_DOWN */, 0, "unset");
}

static void (*panic_hook)(int code);

void vdev_device_set_panic_hook(void (*fn)(int code)) { panic_hook = fn; }

void vdev_device_run_panic_hook(int code)
{
    if (panic_hook)
        panic_hook(code);
}

void vdev_device_panic(int code, const char *message)
{
    vdev_device_run_panic_hook(code);
    vdev_event("panic", "{s:i,s:s}", "code", code, "message", message ? message : "");
    vdev_retained_save();
    vdev_flash_note_reset(130 /* RESET_REASON_PANIC */, (uint32_t)code);
    fprintf(stderr, "vdev: PANIC %d: %s\n", code, message ? message : "");
    flush_all();
    _exit(VDEV_EXIT_PANIC);
}

/* Ctrl-C / SIGTERM / SIGHUP: a clean stop in firmware context (a `stop`
 * event, everything flushed), exit 128+signal. A second signal, or an app
 * that reaches no scheduling point within 2 s, ends the process at once. */
static sigset_t stop_signals;

static void stop_on_signal(void *arg)
{
    int sig = (int)(intptr_t)arg;
    vdev_event("stop", "{s:s,s:s}", "reason", "signal", "signal", sigabbrev_np(sig));
    flush_all();
    _exit(128 + sig);
}

static void *signal_thread(void *arg)
{
    (void)arg;
    int sig;
    while (sigwait(&stop_signals, &sig) != 0) {
    }
    vdev_sched_post(stop_on_signal, (void *)(intptr_t)sig);
    struct timespec ts = { .tv_sec = 2 };
    if (sigtimedwait(&stop_signals, NULL, &ts) < 0)
        fprintf(stderr, "vdev: the app did not stop within 2 s; ending it\n");
    vdev_events_crash_flush();
    vdev_control_crash_drain();
    _exit(128 + sig);
}

static void block_stop_signals(void)
{
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    sigaddset(&stop_signals, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &stop_signals, NULL); /* every thread created later inherits it */
}

static void start_signal_thread(void)
{
    pthread_t th;
    pthread_attr_t a;
    pthread_attr_init(&a);
    pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED);
    pthread_create(&th, &a, signal_thread, NULL);
    pthread_attr_destroy(&a);
}

static uint64_t host_random(void)
{
    uint64_t v = 0;
    int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
        if (read(fd, &v, sizeof(v)) != (ssize_t)sizeof(v))
            v = 0;
        close(fd);
    }
    if (!v) {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        v = (uint64_t)ts.tv_nsec ^ ((uint64_t)ts.tv_sec << 20) ^ (uint64_t)getpid();
    }
    return v;
}

static void usage_exit(const char *msg)
{
    fprintf(stderr, "vdev: %s\n", msg);
    _exit(VDEV_EXIT_USAGE);
}

static void print_help(const char *argv0)
{
    printf("usage: %s [options]\n\nA vdev firmware image (%s). ", argv0, image_app_name());
    printf("Serial is stdin/stdout.\n\n%s", vdev_opts_help());
    exit(0);
}

__attribute__((constructor(101))) static void vdev_device_start(int argc, char **argv, char **envp)
{
    (void)envp;
    char err[1024];
    D.argv = argv;
    vdev_opts_init(&D.opts);
    for (int i = 1; i < argc; i++)
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
            print_help(argv[0]);
    if (vdev_opts_parse(&D.opts, argc, argv, 1, NULL, err, sizeof(err)))
        usage_exit(err);

    const struct vdev_platform *image = vdev_platform_by_id(image_platform_id());
    if (!image)
        usage_exit("this image was built for an unknown platform");
    if (D.opts.platform && D.opts.platform != image) {
        snprintf(err, sizeof(err), "this image was built for %s, not %s (rebuild with --platform %s)", image->name,
                 D.opts.platform->name, D.opts.platform->name);
        usage_exit(err);
    }
    vdev_platform_set_current(image);
    signal(SIGPIPE, SIG_IGN);
    block_stop_signals();

    bool virt = D.opts.clock == VDEV_CLOCK_VIRTUAL;
    D.seed = D.opts.seed_set ? D.opts.seed : virt ? 0 : host_random();
    make_device_id();

    struct vdev_flash_start fs = {
        .path = D.opts.flash,
        .reset = D.opts.flash_reset,
        .boot = D.opts.boot,
        .platform_id = image->id,
        .app_name = image_app_name(),
        .device_name = vdev_device_name(),
        .device_id = D.id,
        .seed = D.seed,
    };
    if (vdev_flash_start(&fs, &D.opts.reset_reason, &D.opts.reset_data, err, sizeof(err)))
        usage_exit(err);

    if (D.opts.events) {
        int rc = vdev_events_open_file(D.opts.events, D.opts.boot > 0);
        if (rc) {
            snprintf(err, sizeof(err), "cannot write events to %s: %s", D.opts.events, strerror(-rc));
            usage_exit(err);
        }
    }
    vdev_events_set_trace(D.opts.trace);

    struct vdev_sched_config sc = {
        .mode = D.opts.clock,
        .start_us = D.opts.start_us,
        .stop_at = D.opts.for_us == VDEV_FOREVER ? VDEV_FOREVER : D.opts.for_us,
        .lockstep = D.opts.lockstep,
        .granted = D.opts.granted_set ? D.opts.granted : 0,
        .on_stop = on_stop,
        .on_pause = on_pause,
    };
    if (vdev_sched_init(&sc, "system", 2))
        usage_exit("out of memory");
    vdev_sched_set_advance_hook(vdev_events_flush_streams);

    int64_t rtc;
    if (D.opts.rtc && !strcmp(D.opts.rtc, "unset"))
        rtc = -1;
    else if (D.opts.rtc && strcmp(D.opts.rtc, "host"))
        rtc = strtoll(D.opts.rtc, NULL, 0);
    else if (D.opts.rtc || !virt)
        rtc = (int64_t)time(NULL);
    else
        rtc = VIRTUAL_RTC_EPOCH;
    struct vdev_hal_boot hb = {
        .seed = D.seed,
        .boot = D.opts.boot,
        .reset_reason = D.opts.reset_reason,
        .reset_data = D.opts.reset_data,
        .device_id = D.id,
        .rtc_epoch = rtc,
    };
    vdev_hal_init(&hb);
    vdev_network_init(D.seed, D.opts.net_delay_us);
    vdev_resolve_use_host(!virt); /* in virtual time, answers must not depend on the host's network */
    if (D.opts.hosts) {
        int n = vdev_resolve_load_hosts(D.opts.hosts);
        if (n < 0) {
            snprintf(err, sizeof(err), "cannot read the hosts file %s: %s", D.opts.hosts, strerror(-n));
            usage_exit(err);
        }
    }
    if (D.opts.net_latency_us || D.opts.net_jitter_us || D.opts.net_loss_ppm || D.opts.net_bandwidth_bps) {
        struct vdev_net_faults f = { D.opts.net_latency_us, D.opts.net_jitter_us, D.opts.net_loss_ppm,
                                     D.opts.net_bandwidth_bps };
        vdev_link_set_faults(&f);
    }
    if (D.opts.net_down)
        vdev_link_set_fault_down(true);
    if (image->ble || D.opts.ble || D.opts.btsnoop) {
        bool bluez = D.opts.ble && strcmp(D.opts.ble, "air");
        if (bluez && virt)
            usage_exit("--ble with an adapter needs the real clock (--clock real): a real radio cannot run in virtual time");
        if (bluez && !image->ble) {
            snprintf(err, sizeof(err), "the %s has no BLE radio", image->name);
            usage_exit(err);
        }
        if (vdev_ble_bridge_open(D.opts.ble, D.opts.btsnoop, D.opts.boot > 0, err, sizeof(err)))
            usage_exit(err);
    }
    vdev_crash_install();
    start_signal_thread();
    vdev_hostio_start(D.opts.serial1_fd, virt && D.opts.boot == 0);

    if (D.opts.control || D.opts.control_fd >= 0) {
        int rc = vdev_control_start(D.opts.control, D.opts.control_fd, D.opts.client_fds, D.opts.nclient_fds,
                                    (D.opts.lockstep || D.opts.control_wait) && D.opts.boot == 0);
        if (rc) {
            snprintf(err, sizeof(err), "cannot serve the control channel on %s: %s", D.opts.control,
                     rc == -EEXIST ? "the path exists and is not a socket" : strerror(-rc));
            usage_exit(err);
        }
    }
    vdev_event("boot", "{s:s,s:i,s:s,s:s,s:I,s:i,s:s,s:s}", "platform", image->name, "platform_id", image->id,
               "device_id", D.id_hex, "name", vdev_device_name(), "seed", (long long)D.seed, "boot",
               (int)D.opts.boot, "reason", reset_reason_name(D.opts.reset_reason), "clock",
               virt ? "virtual" : "real");
    vdev_flash_report();
    D.started = true;
}

int main(void)
{
    vdev_system_main();
    return 0;
}
