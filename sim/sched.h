/* sim/sched.h - THE one clock and the firmware thread scheduler.
 *
 * Device time is a 64-bit count of microseconds since the simulation started
 * (it continues across resets). Firmware threads are host pthreads, but only
 * the one holding the baton ("current") runs; every wait, delay and timeout
 * goes through this module, so virtual time can jump whenever every thread
 * is blocked. */
#ifndef VDEV_SCHED_H
#define VDEV_SCHED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define VDEV_FOREVER UINT64_MAX

enum vdev_clock_mode { VDEV_CLOCK_REAL = 0, VDEV_CLOCK_VIRTUAL = 1 };

/* Why a blocked thread woke up. */
enum vdev_wake { VDEV_WAKE_SIGNAL = 0, VDEV_WAKE_TIMEOUT = 1 };

typedef struct vdev_thread vdev_thread_t;
typedef void (*vdev_thread_fn)(void *arg);
/* Work posted from a host thread, run by the scheduler in firmware context. */
typedef void (*vdev_input_fn)(void *arg);
/* Called when the clock reaches the --for limit (clean stop). */
typedef void (*vdev_stop_fn)(uint64_t now);
/* Called (with no lock held) when the device pauses at a lockstep grant;
 * `next` is when the device will next do something: now if a thread can run,
 * else its earliest deadline (VDEV_FOREVER: none, it waits for input). */
typedef void (*vdev_pause_fn)(uint64_t now, uint64_t next);

struct vdev_sched_config {
    enum vdev_clock_mode mode;
    uint64_t start_us;      /* device time at start (non-zero after a reset) */
    uint64_t stop_at;       /* VDEV_FOREVER: run until killed */
    bool lockstep;          /* time only advances as far as vdev_sched_grant() allows */
    uint64_t granted;       /* lockstep: the grant at start (at least start_us) */
    vdev_stop_fn on_stop;
    vdev_pause_fn on_pause;
};

/* Set up the clock and adopt the calling host thread as the first firmware thread. */
int vdev_sched_init(const struct vdev_sched_config *cfg, const char *main_name, int main_prio);

/* The clock. */
uint64_t vdev_clock_now(void);          /* current device time, no side effects */
uint64_t vdev_clock_poll(void);         /* a firmware clock/I/O poll (see sched.c: busy-waits) */
/* A poll whose reader sees time in steps of `quantum` µs counted from `origin`. */
uint64_t vdev_clock_poll_quantum(uint64_t quantum, uint64_t origin);
void vdev_clock_advance(uint64_t us);   /* busy-wait us microseconds of device time */
enum vdev_clock_mode vdev_clock_mode(void);

/* Lockstep: allow time to run up to `until` (called from any host thread). */
void vdev_sched_grant(uint64_t until);
uint64_t vdev_sched_granted(void);

/* Threads. */
int vdev_sched_thread_create(const char *name, int prio, vdev_thread_fn fn, void *arg, vdev_thread_t **out);
vdev_thread_t *vdev_sched_self(void);   /* NULL on a host (non-firmware) thread */
uint64_t vdev_sched_block_count(void);  /* how often the calling thread has blocked */
int vdev_sched_join(vdev_thread_t *t);  /* wait for t to end */
/* Forget a thread: freed now if it has ended, else when it ends. */
void vdev_sched_release(vdev_thread_t *t);
/* End the calling thread (as if its function returned). */
void vdev_sched_exit(void) __attribute__((noreturn));
const char *vdev_sched_thread_name(const vdev_thread_t *t);
void vdev_sched_yield(void);
void vdev_sched_sleep_until(uint64_t deadline);
void vdev_sched_set_preemption(bool enabled); /* SINGLE_THREADED_BLOCK */
/* The MCU sleeps (stop mode, standby): while on, only the calling thread is
 * scheduled; every other thread is held, its timeouts included, until off.
 * Posted input (ISRs) still runs. Off returns how long the device slept (µs)
 * and moves the held threads' deadlines on by as much, as the RTOS tick
 * stands still in stop mode. */
uint64_t vdev_sched_freeze(bool on);
bool vdev_sched_preemption(void);

/* Waiting on an object. The caller must hold the sched lock (vdev_sched_lock)
 * while checking its condition and calling vdev_sched_wait, exactly like a
 * condition variable; wake calls also need the lock. */
void vdev_sched_lock(void);
void vdev_sched_unlock(void);
enum vdev_wake vdev_sched_wait(const void *obj, uint64_t deadline);
int vdev_sched_wake(const void *obj, int max); /* returns how many woke; max<0: all */

/* Host I/O: while any firmware thread waits on a host socket, virtual time
 * advances no faster than the host clock (so real servers are not timed out
 * by a clock that jumps). Call with +1 before such a wait, -1 after. */
void vdev_sched_host_wait(int delta);

/* Interrupt context: set while an ISR-like callback runs (no blocking allowed). */
void vdev_sched_isr_enter(void);
void vdev_sched_isr_exit(void);
bool vdev_sched_in_isr(void);

/* Host threads hand work to the firmware side; it runs at the next scheduling
 * point in firmware context, in posting order. Returns 0 or -ENOMEM. */
int vdev_sched_post(vdev_input_fn fn, void *arg);
/* Hook run first thing in every new firmware thread (e.g. crash handling). */
void vdev_sched_set_thread_start_hook(void (*hook)(void));
/* Hook run before the clock moves forward (e.g. to flush coalesced output). */
void vdev_sched_set_advance_hook(void (*hook)(void));

#endif
