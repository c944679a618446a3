/* sim/sched.c - THE one clock and the firmware thread scheduler.
 *
 * Owns device time and the baton that lets exactly one firmware thread run,
 * as on a single-core MCU. Threads are host pthreads; each waits on its own
 * condition variable until it is made current. Scheduling points are: a
 * blocking wait, a yield, a clock read (busy-wait), and the release of the
 * scheduler lock after a wake-up of a higher-priority thread.
 *
 * When no thread can run, the idle step moves time: in virtual mode straight
 * to the next deadline, in real mode by sleeping on the host clock. In
 * lockstep mode time never passes the grant given by the controller; the
 * device pauses there and waits for the next grant. Everything is ordered by
 * the thread list and wait sequence numbers, so a virtual run is
 * deterministic. */
#define _GNU_SOURCE
#include "sched_priv.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>


struct vdev_sched_state S = { .lock = PTHREAD_MUTEX_INITIALIZER };

__thread vdev_thread_t *tls_self;
__thread int tls_isr;

static uint64_t host_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static uint64_t load_now(void) { return __atomic_load_n(&S.now, __ATOMIC_ACQUIRE); }
static void store_now(uint64_t t) { __atomic_store_n(&S.now, t, __ATOMIC_RELEASE); }

/* Real mode: device time follows the host clock, never going backwards. */
static uint64_t real_now(void)
{
    uint64_t t = S.cfg.start_us + (host_ns() - S.host_origin_ns) / 1000u;
    uint64_t cur = load_now();
    while (t > cur) {
        if (__atomic_compare_exchange_n(&S.now, &cur, t, false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
            return t;
    }
    return cur;
}

uint64_t vdev_clock_now(void)
{
    return S.cfg.mode == VDEV_CLOCK_REAL ? real_now() : load_now();
}

enum vdev_clock_mode vdev_clock_mode(void) { return S.cfg.mode; }

void vdev_sched_set_advance_hook(void (*hook)(void)) { S.advance_hook = hook; }
void vdev_sched_set_thread_start_hook(void (*hook)(void)) { S.start_hook = hook; }

int vdev_sched_init(const struct vdev_sched_config *cfg, const char *main_name, int main_prio)
{
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&S.idle_cv, &ca);
    pthread_condattr_destroy(&ca);
    S.cfg = *cfg;
    store_now(cfg->start_us);
    S.host_origin_ns = host_ns();
    S.granted = !cfg->lockstep ? VDEV_FOREVER : cfg->granted > cfg->start_us ? cfg->granted : cfg->start_us;
    S.preempt = true;

    vdev_thread_t *t = calloc(1, sizeof(*t));
    if (!t)
        return -ENOMEM;
    snprintf(t->name, sizeof(t->name), "%s", main_name);
    t->prio = main_prio;
    t->state = T_RUNNABLE;
    t->pt = pthread_self();
    pthread_cond_init(&t->cv, NULL);
    S.threads = t;
    S.current = t;
    S.slice_start = cfg->start_us;
    tls_self = t;
    return 0;
}

void vdev_sched_lock(void) { pthread_mutex_lock(&S.lock); }

/* ---- internal helpers, all called with S.lock held ---- */

static void advance_to(uint64_t t)
{
    if (t <= load_now())
        return;
    if (S.advance_hook)
        S.advance_hook();
    store_now(t);
}

/* While the device sleeps (vdev_sched_freeze), only the sleeping thread is
 * scheduled: the others neither run nor time out until it wakes. */
static bool held(const vdev_thread_t *t) { return S.frozen_for && t != S.frozen_for; }

static void expire_timeouts(uint64_t now)
{
    for (vdev_thread_t *t = S.threads; t; t = t->next) {
        if (t->state == T_BLOCKED && t->wake_at <= now && !held(t)) {
            t->state = T_RUNNABLE;
            t->reason = VDEV_WAKE_TIMEOUT;
            t->wait_obj = NULL;
        }
    }
}

static uint64_t next_deadline(void)
{
    uint64_t d = VDEV_FOREVER;
    for (vdev_thread_t *t = S.threads; t; t = t->next)
        if (t->state == T_BLOCKED && t->wake_at < d && !held(t))
            d = t->wake_at;
    return d;
}

/* Highest priority runnable thread; among equals, the first one after `after`
 * in list order (round robin), `after` itself last. */
static vdev_thread_t *pick_next(vdev_thread_t *after)
{
    vdev_thread_t *best = NULL;
    int best_prio = -1;
    vdev_thread_t *start = after && after->next ? after->next : S.threads;
    vdev_thread_t *t = start;
    if (!t)
        return NULL;
    do {
        if (t->state == T_RUNNABLE && t->prio > best_prio && !held(t)) {
            best = t;
            best_prio = t->prio;
        }
        t = t->next ? t->next : S.threads;
    } while (t != start);
    return best;
}

static void stop_now(void)
{
    S.stopping = true;
    uint64_t now = load_now();
    if (S.advance_hook)
        S.advance_hook();
    pthread_mutex_unlock(&S.lock);
    if (S.cfg.on_stop)
        S.cfg.on_stop(now);
    exit(0);
}

static void run_inputs(vdev_thread_t *self)
{
    while (S.in_head) {
        struct input *list = S.in_head;
        S.in_head = S.in_tail = NULL;
        __atomic_store_n(&S.in_pending, 0, __ATOMIC_RELEASE);
        vdev_thread_t *saved = S.current;
        S.current = self;
        pthread_mutex_unlock(&S.lock);
        tls_isr++;
        while (list) {
            struct input *n = list->next;
            list->fn(list->arg);
            free(list);
            list = n;
        }
        tls_isr--;
        pthread_mutex_lock(&S.lock);
        S.current = saved;
    }
}

static bool runnable_at_least(int prio, vdev_thread_t *except)
{
    for (vdev_thread_t *t = S.threads; t; t = t->next)
        if (t != except && t->state == T_RUNNABLE && t->prio >= prio && !held(t))
            return true;
    return false;
}

/* Lockstep: wait (lock held) until the grant moves past `now` or input arrives. */
static void pause_at_grant(vdev_thread_t *self)
{
    uint64_t now = load_now();
    if (S.cfg.on_pause) {
        uint64_t next = runnable_at_least(0, NULL) ? now : next_deadline();
        if (next > S.cfg.stop_at)
            next = S.cfg.stop_at;
        pthread_mutex_unlock(&S.lock);
        S.cfg.on_pause(now, next);
        pthread_mutex_lock(&S.lock);
    }
    while (S.granted <= now && !S.in_head)
        pthread_cond_wait(&S.idle_cv, &S.lock);
    run_inputs(self);
}

/* No thread can run: move time (or wait for the host) until one can. */
/* Virtual time while a thread waits on host I/O: at most what the host
 * clock allows since the wait began. */
static uint64_t host_bound(void)
{
    return S.anchor_vt + (host_ns() - S.anchor_ns) / 1000u;
}

/* Wait (lock held) until the host clock lets virtual time reach t, or input. */
static void wait_host_for(uint64_t t)
{
    uint64_t ns = S.anchor_ns + (t - S.anchor_vt) * 1000u;
    struct timespec ts = { .tv_sec = (time_t)(ns / 1000000000u), .tv_nsec = (long)(ns % 1000000000u) };
    if (!S.in_head)
        pthread_cond_timedwait(&S.idle_cv, &S.lock, &ts);
}

void vdev_sched_host_wait(int delta)
{
    pthread_mutex_lock(&S.lock);
    if (S.host_waiters == 0 && delta > 0) {
        S.anchor_ns = host_ns();
        S.anchor_vt = load_now();
    }
    S.host_waiters += delta;
    pthread_mutex_unlock(&S.lock);
}

static void idle_step(vdev_thread_t *self)
{
    uint64_t d = next_deadline();
    if (S.cfg.stop_at < d)
        d = S.cfg.stop_at;
    if (S.cfg.mode == VDEV_CLOCK_VIRTUAL) {
        if (S.host_waiters > 0 && !S.frozen_for) { /* follow the host clock, within the grant */
            uint64_t limit = d < S.granted ? d : S.granted;
            uint64_t b = host_bound();
            if (limit > b) {
                if (limit == VDEV_FOREVER) {
                    if (!S.in_head)
                        pthread_cond_wait(&S.idle_cv, &S.lock);
                } else {
                    wait_host_for(limit);
                }
                b = host_bound();
                advance_to(b < limit ? b : limit);
                if (load_now() >= S.granted && S.granted < d)
                    pause_at_grant(self);
                else if (vdev_clock_now() >= S.cfg.stop_at)
                    stop_now();
                return;
            }
        }
        if (S.granted < d) {
            advance_to(S.granted);
            pause_at_grant(self);
            return;
        }
        if (d == VDEV_FOREVER) {
            while (!S.in_head && S.granted == VDEV_FOREVER)
                pthread_cond_wait(&S.idle_cv, &S.lock);
            return;
        }
        advance_to(d);
    } else {
        if (d == VDEV_FOREVER) {
            if (!S.in_head)
                pthread_cond_wait(&S.idle_cv, &S.lock);
        } else if (!S.in_head) {
            uint64_t ns = S.host_origin_ns + (d - S.cfg.start_us) * 1000u;
            struct timespec ts = { .tv_sec = (time_t)(ns / 1000000000u), .tv_nsec = (long)(ns % 1000000000u) };
            pthread_cond_timedwait(&S.idle_cv, &S.lock, &ts);
        }
        if (S.advance_hook && real_now() >= d)
            S.advance_hook();
    }
    if (vdev_clock_now() >= S.cfg.stop_at)
        stop_now();
}

/* Give the baton to the best runnable thread (maybe self again). Called with
 * the lock held by the current thread, whose state says whether it can
 * continue (RUNNABLE), waits (BLOCKED) or has ended (DONE). */
void vdev_sched_switch_away_(vdev_thread_t *self)
{
    vdev_thread_t *next;
    for (;;) {
        expire_timeouts(vdev_clock_now());
        if (S.in_head) {
            run_inputs(self);
            continue;
        }
        next = pick_next(self);
        if (next)
            break;
        idle_step(self);
    }
    S.need_resched = false;
    if (next != S.current)
        S.slice_start = vdev_clock_now();
    S.current = next;
    if (next == self)
        return;
    pthread_cond_signal(&next->cv);
    if (self->state == T_DONE)
        return;
    while (S.current != self)
        pthread_cond_wait(&self->cv, &S.lock);
}


/* At a scheduling point of a running thread: preempt for a higher priority
 * thread, or rotate among equals when the time slice is used up. */
static void maybe_preempt(vdev_thread_t *self)
{
    if (!S.preempt || tls_isr || S.current != self)
        return;
    bool higher = runnable_at_least(self->prio + 1, self);
    bool slice = vdev_clock_now() - S.slice_start >= SLICE_US && runnable_at_least(self->prio, self);
    if (higher || slice)
        vdev_sched_switch_away_(self);
    S.need_resched = false;
}

void vdev_sched_unlock(void)
{
    vdev_thread_t *self = tls_self;
    if (S.need_resched && self && S.current == self)
        maybe_preempt(self);
    pthread_mutex_unlock(&S.lock);
}

/* ---- the clock as firmware sees it ---- */

static uint64_t charge(vdev_thread_t *self, uint64_t cost)
{
    if (S.cfg.mode == VDEV_CLOCK_VIRTUAL) {
        uint64_t target = load_now() + cost;
        while (S.host_waiters > 0 && target > host_bound() && !S.in_head)
            wait_host_for(target);
        while (target > S.granted) {
            advance_to(S.granted);
            pause_at_grant(self);
        }
        if (target >= S.cfg.stop_at) {
            advance_to(S.cfg.stop_at);
            stop_now();
        }
        advance_to(target);
    } else if (real_now() >= S.cfg.stop_at) {
        stop_now();
    }
    uint64_t now = vdev_clock_now();
    expire_timeouts(now);
    if (S.in_head)
        run_inputs(self);
    maybe_preempt(self);
    return now;
}

/* A firmware clock or I/O poll. The first POLL_FREE polls at one device
 * instant cost nothing (real code between two reads takes no time worth
 * simulating); a thread that keeps polling is busy-waiting, and each further
 * poll moves time to the next boundary of what it reads (1 µs for micros(),
 * the next millisecond for millis()), so busy-waits end exactly when the
 * value they watch changes. */
#define POLL_FREE 16u

uint64_t vdev_clock_poll_quantum(uint64_t quantum, uint64_t origin)
{
    vdev_thread_t *self = tls_self;
    if (!self || tls_isr || S.current != self)
        return vdev_clock_now();
    if (S.cfg.mode == VDEV_CLOCK_REAL && !__atomic_load_n(&S.in_pending, __ATOMIC_ACQUIRE)) {
        /* fast path: nothing to do unless a deadline or the stop time passed */
        uint64_t now = real_now();
        if (now < S.cfg.stop_at && (!S.need_resched && now - S.slice_start < SLICE_US))
            return now;
    }
    pthread_mutex_lock(&S.lock);
    uint64_t cost = 0;
    if (S.cfg.mode == VDEV_CLOCK_VIRTUAL) {
        uint64_t now = load_now();
        if (self->poll_at != now) {
            self->poll_at = now;
            self->poll_streak = 0;
        }
        if (++self->poll_streak > POLL_FREE) {
            if (quantum <= 1 || now < origin)
                cost = 1;
            else
                cost = quantum - (now - origin) % quantum;
        }
    }
    uint64_t now = charge(self, cost);
    pthread_mutex_unlock(&S.lock);
    return now;
}

uint64_t vdev_clock_poll(void) { return vdev_clock_poll_quantum(1, 0); }

void vdev_clock_advance(uint64_t us)
{
    vdev_thread_t *self = tls_self;
    if (!self || tls_isr) {
        if (S.cfg.mode == VDEV_CLOCK_REAL) {
            uint64_t end = real_now() + us;
            while (real_now() < end) {
            }
        }
        return;
    }
    if (S.cfg.mode == VDEV_CLOCK_VIRTUAL) {
        pthread_mutex_lock(&S.lock);
        charge(self, us);
        pthread_mutex_unlock(&S.lock);
        return;
    }
    uint64_t end = real_now() + us;
    while (vdev_clock_poll() < end) {
    }
}

void vdev_sched_grant(uint64_t until)
{
    pthread_mutex_lock(&S.lock);
    if (until > S.granted) {
        S.granted = until;
        pthread_cond_broadcast(&S.idle_cv);
    }
    pthread_mutex_unlock(&S.lock);
}

uint64_t vdev_sched_granted(void)
{
    pthread_mutex_lock(&S.lock);
    uint64_t g = S.granted;
    pthread_mutex_unlock(&S.lock);
    return g;
}

/* ---- threads ---- */

void vdev_sched_yield(void)
{
    vdev_thread_t *self = tls_self;
    if (!self || tls_isr)
        return;
    pthread_mutex_lock(&S.lock);
    if (S.cfg.mode == VDEV_CLOCK_REAL)
        real_now();
    vdev_sched_switch_away_(self);
    pthread_mutex_unlock(&S.lock);
}

void vdev_sched_sleep_until(uint64_t deadline)
{
    vdev_thread_t *self = tls_self;
    if (!self || tls_isr) {
        while (vdev_clock_now() < deadline && S.cfg.mode == VDEV_CLOCK_REAL) {
        }
        return;
    }
    pthread_mutex_lock(&S.lock);
    if (deadline > vdev_clock_now())
        vdev_sched_wait(NULL, deadline);
    else
        vdev_sched_switch_away_(self);
    pthread_mutex_unlock(&S.lock);
}

enum vdev_wake vdev_sched_wait(const void *obj, uint64_t deadline)
{
    vdev_thread_t *self = tls_self;
    if (!self || tls_isr)
        return VDEV_WAKE_TIMEOUT;
    self->state = T_BLOCKED;
    self->blocks++;
    self->wait_obj = obj;
    self->wake_at = deadline;
    self->wait_seq = ++S.wait_seq;
    self->reason = VDEV_WAKE_TIMEOUT;
    vdev_sched_switch_away_(self);
    return self->reason;
}

int vdev_sched_wake(const void *obj, int max)
{
    int n = 0;
    while (max < 0 || n < max) {
        vdev_thread_t *best = NULL;
        for (vdev_thread_t *t = S.threads; t; t = t->next) {
            if (t->state != T_BLOCKED || t->wait_obj != obj || !obj)
                continue;
            if (!best || t->prio > best->prio || (t->prio == best->prio && t->wait_seq < best->wait_seq))
                best = t;
        }
        if (!best)
            break;
        best->state = T_RUNNABLE;
        best->reason = VDEV_WAKE_SIGNAL;
        best->wait_obj = NULL;
        if (S.current && best->prio > S.current->prio)
            S.need_resched = true;
        n++;
    }
    return n;
}

void vdev_sched_set_preemption(bool enabled)
{
    pthread_mutex_lock(&S.lock);
    S.preempt = enabled;
    if (enabled)
        S.need_resched = true;
    vdev_sched_unlock();
}

bool vdev_sched_preemption(void) { return S.preempt; }

uint64_t vdev_sched_freeze(bool on)
{
    pthread_mutex_lock(&S.lock);
    uint64_t slept = 0;
    if (on) {
        S.frozen_for = tls_self;
        S.frozen_at = vdev_clock_now();
    } else if (S.frozen_for) {
        /* the RTOS tick stood still: the held threads' timeouts move on by the sleep */
        slept = vdev_clock_now() - S.frozen_at;
        for (vdev_thread_t *t = S.threads; t; t = t->next)
            if (held(t) && t->state == T_BLOCKED && t->wake_at != VDEV_FOREVER)
                t->wake_at += slept;
        S.frozen_for = NULL;
        S.need_resched = true;
    }
    vdev_sched_unlock();
    return slept;
}

void vdev_sched_isr_enter(void) { tls_isr++; }
void vdev_sched_isr_exit(void) { tls_isr--; }
bool vdev_sched_in_isr(void) { return tls_isr > 0; }

int vdev_sched_post(vdev_input_fn fn, void *arg)
{
    struct input *in = malloc(sizeof(*in));
    if (!in)
        return -ENOMEM;
    in->fn = fn;
    in->arg = arg;
    in->next = NULL;
    pthread_mutex_lock(&S.lock);
    if (S.in_tail)
        S.in_tail->next = in;
    else
        S.in_head = in;
    S.in_tail = in;
    __atomic_store_n(&S.in_pending, 1, __ATOMIC_RELEASE);
    pthread_cond_broadcast(&S.idle_cv);
    pthread_mutex_unlock(&S.lock);
    return 0;
}
