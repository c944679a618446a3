/* hal-posix/src/concurrent_hal.c - os_thread_*, os_mutex_*, os_queue_*,
 * os_semaphore_* and os_timer_* on the sim scheduler: every wait is a
 * scheduler wait with a device-time deadline. Software timers run on their
 * own firmware thread, like the FreeRTOS timer daemon. */
#include "concurrent_hal.h"

#include "../../sim/sched.h"
#include "hal_sim.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define TIMER_THREAD_PRIO 9

static uint64_t deadline_ms(system_tick_t ms)
{
    if (ms == CONCURRENT_WAIT_FOREVER)
        return VDEV_FOREVER;
    return vdev_clock_now() + (uint64_t)ms * 1000u;
}

/* ---- threads ---- */

os_result_t os_thread_create(os_thread_t *result, const char *name, os_thread_prio_t priority, os_thread_fn_t fun,
                             void *thread_param, size_t stack_size)
{
    (void)stack_size;
    vdev_thread_t *t = NULL;
    if (!fun || vdev_sched_thread_create(name, priority, fun, thread_param, &t) != 0) {
        if (result)
            *result = NULL;
        return 1;
    }
    if (result)
        *result = t;
    return 0;
}

bool os_thread_is_current(os_thread_t thread) { return thread && thread == vdev_sched_self(); }

os_result_t os_thread_yield(void)
{
    vdev_sched_yield();
    return 0;
}

os_result_t os_thread_join(os_thread_t thread) { return vdev_sched_join(thread) == 0 ? 0 : 1; }

os_result_t os_thread_exit(os_thread_t thread)
{
    if (thread && thread != vdev_sched_self())
        return 1; /* ending another thread is not supported */
    vdev_sched_exit();
}

os_result_t os_thread_cleanup(os_thread_t thread)
{
    if (!thread)
        return 1;
    vdev_sched_release(thread);
    return 0;
}

os_result_t os_thread_delay_until(system_tick_t *previousWakeTime, system_tick_t timeIncrement)
{
    if (!previousWakeTime)
        return 1;
    extern uint64_t vdev_hal_boot_us(void);
    uint64_t target = vdev_hal_boot_us() + ((uint64_t)*previousWakeTime + timeIncrement) * 1000u;
    *previousWakeTime += timeIncrement;
    vdev_sched_sleep_until(target);
    return 0;
}

os_thread_t os_thread_current(void *reserved)
{
    (void)reserved;
    return vdev_sched_self();
}

void os_thread_scheduling(bool enabled, void *reserved)
{
    (void)reserved;
    vdev_sched_set_preemption(enabled);
}

os_scheduler_state_t os_scheduler_get_state(void *reserved)
{
    (void)reserved;
    return vdev_sched_preemption() ? OS_SCHEDULER_STATE_RUNNING : OS_SCHEDULER_STATE_SUSPENDED;
}

/* ---- mutexes ---- */

struct mutex {
    vdev_thread_t *owner;
    unsigned count;
    bool recursive;
};

static int mutex_new(void **out, bool recursive)
{
    struct mutex *m = calloc(1, sizeof(*m));
    if (!m)
        return 1;
    m->recursive = recursive;
    *out = m;
    return 0;
}

static int mutex_lock(struct mutex *m, bool try_only)
{
    if (!m)
        return 1;
    vdev_thread_t *self = vdev_sched_self();
    vdev_sched_lock();
    if (m->owner == self && m->count && m->recursive) {
        m->count++;
        vdev_sched_unlock();
        return 0;
    }
    while (m->count) {
        if (try_only || vdev_sched_in_isr() || m->owner == self) {
            vdev_sched_unlock();
            return 1;
        }
        vdev_sched_wait(m, VDEV_FOREVER);
    }
    m->owner = self;
    m->count = 1;
    vdev_sched_unlock();
    return 0;
}

static int mutex_unlock(struct mutex *m)
{
    if (!m)
        return 1;
    vdev_sched_lock();
    if (!m->count) {
        vdev_sched_unlock();
        return 1;
    }
    if (--m->count == 0) {
        m->owner = NULL;
        vdev_sched_wake(m, 1);
    }
    vdev_sched_unlock();
    return 0;
}

int os_mutex_create(os_mutex_t *mutex) { return mutex ? mutex_new(mutex, false) : 1; }
int os_mutex_destroy(os_mutex_t mutex)
{
    free(mutex);
    return 0;
}
int os_mutex_lock(os_mutex_t mutex) { return mutex_lock(mutex, false); }
int os_mutex_trylock(os_mutex_t mutex) { return mutex_lock(mutex, true); }
int os_mutex_unlock(os_mutex_t mutex) { return mutex_unlock(mutex); }
int os_mutex_recursive_create(os_mutex_recursive_t *mutex) { return mutex ? mutex_new(mutex, true) : 1; }
int os_mutex_recursive_destroy(os_mutex_recursive_t mutex)
{
    free(mutex);
    return 0;
}
int os_mutex_recursive_lock(os_mutex_recursive_t mutex) { return mutex_lock(mutex, false); }
int os_mutex_recursive_trylock(os_mutex_recursive_t mutex) { return mutex_lock(mutex, true); }
int os_mutex_recursive_unlock(os_mutex_recursive_t mutex) { return mutex_unlock(mutex); }

/* ---- queues ---- */

struct queue {
    size_t item_size, count, head, used;
    char not_empty, not_full; /* wait objects */
    unsigned char data[];
};

int os_queue_create(os_queue_t *queue, size_t item_size, size_t item_count, void *reserved)
{
    (void)reserved;
    if (!queue || !item_size || !item_count || item_size > (1u << 20) / item_count)
        return 1;
    struct queue *q = calloc(1, sizeof(*q) + item_size * item_count);
    if (!q) {
        *queue = NULL;
        return 1;
    }
    q->item_size = item_size;
    q->count = item_count;
    *queue = q;
    return 0;
}

int os_queue_put(os_queue_t queue, const void *item, system_tick_t delay, void *reserved)
{
    (void)reserved;
    struct queue *q = queue;
    if (!q || !item)
        return 1;
    uint64_t deadline = deadline_ms(delay);
    vdev_sched_lock();
    while (q->used == q->count) {
        if (delay == 0 || vdev_sched_in_isr() || vdev_sched_wait(&q->not_full, deadline) == VDEV_WAKE_TIMEOUT) {
            if (q->used == q->count) {
                vdev_sched_unlock();
                return 1;
            }
        }
    }
    memcpy(q->data + ((q->head + q->used) % q->count) * q->item_size, item, q->item_size);
    q->used++;
    vdev_sched_wake(&q->not_empty, 1);
    vdev_sched_unlock();
    return 0;
}

static int queue_get(struct queue *q, void *item, system_tick_t delay, bool remove)
{
    if (!q || !item)
        return 1;
    uint64_t deadline = deadline_ms(delay);
    vdev_sched_lock();
    while (q->used == 0) {
        if (delay == 0 || vdev_sched_in_isr() || vdev_sched_wait(&q->not_empty, deadline) == VDEV_WAKE_TIMEOUT) {
            if (q->used == 0) {
                vdev_sched_unlock();
                return 1;
            }
        }
    }
    memcpy(item, q->data + q->head * q->item_size, q->item_size);
    if (remove) {
        q->head = (q->head + 1) % q->count;
        q->used--;
        vdev_sched_wake(&q->not_full, 1);
    }
    vdev_sched_unlock();
    return 0;
}

int os_queue_take(os_queue_t queue, void *item, system_tick_t delay, void *reserved)
{
    (void)reserved;
    return queue_get(queue, item, delay, true);
}

int os_queue_peek(os_queue_t queue, void *item, system_tick_t delay, void *reserved)
{
    (void)reserved;
    return queue_get(queue, item, delay, false);
}

int os_queue_destroy(os_queue_t queue, void *reserved)
{
    (void)reserved;
    free(queue);
    return 0;
}

/* ---- semaphores ---- */

struct semaphore {
    unsigned count, max;
};

int os_semaphore_create(os_semaphore_t *semaphore, unsigned max_count, unsigned initial_count)
{
    if (!semaphore || !max_count || initial_count > max_count)
        return 1;
    struct semaphore *s = calloc(1, sizeof(*s));
    if (!s)
        return 1;
    s->count = initial_count;
    s->max = max_count;
    *semaphore = s;
    return 0;
}

int os_semaphore_destroy(os_semaphore_t semaphore)
{
    free(semaphore);
    return 0;
}

int os_semaphore_take(os_semaphore_t semaphore, system_tick_t timeout, bool reserved)
{
    (void)reserved;
    struct semaphore *s = semaphore;
    if (!s)
        return 1;
    uint64_t deadline = deadline_ms(timeout);
    vdev_sched_lock();
    while (s->count == 0) {
        if (timeout == 0 || vdev_sched_in_isr() || vdev_sched_wait(s, deadline) == VDEV_WAKE_TIMEOUT) {
            if (s->count == 0) {
                vdev_sched_unlock();
                return 1;
            }
        }
    }
    s->count--;
    vdev_sched_unlock();
    return 0;
}

int os_semaphore_give(os_semaphore_t semaphore, bool reserved)
{
    (void)reserved;
    struct semaphore *s = semaphore;
    if (!s)
        return 1;
    vdev_sched_lock();
    if (s->count >= s->max) {
        vdev_sched_unlock();
        return 1;
    }
    s->count++;
    vdev_sched_wake(s, 1);
    vdev_sched_unlock();
    return 0;
}

/* ---- software timers ---- */

struct timer {
    void (*callback)(os_timer_t);
    void *id;
    unsigned period_ms;
    bool one_shot, active, destroyed, running;
    uint64_t expiry, seq;
    struct timer *next;
};

static struct {
    struct timer *list; /* every live timer */
    vdev_thread_t *thread;
    uint64_t seq;
    char wake; /* wait object of the timer thread */
} T;

static void timer_thread(void *arg)
{
    (void)arg;
    vdev_sched_lock();
    for (;;) {
        struct timer *due = NULL;
        for (struct timer *t = T.list; t; t = t->next)
            if (t->active && (!due || t->expiry < due->expiry || (t->expiry == due->expiry && t->seq < due->seq)))
                due = t;
        if (!due || due->expiry > vdev_clock_now()) {
            vdev_sched_wait(&T.wake, due ? due->expiry : VDEV_FOREVER);
            continue;
        }
        if (due->one_shot) {
            due->active = false;
        } else {
            due->expiry += (uint64_t)due->period_ms * 1000u;
            due->seq = ++T.seq;
        }
        due->running = true;
        vdev_sched_unlock();
        due->callback(due);
        vdev_sched_lock();
        due->running = false;
        if (due->destroyed) {
            struct timer **pp = &T.list;
            while (*pp && *pp != due)
                pp = &(*pp)->next;
            if (*pp)
                *pp = due->next;
            free(due);
        }
    }
}

int os_timer_create(os_timer_t *timer, unsigned period, void (*callback)(os_timer_t timer), void *timer_id,
                    bool one_shot, void *reserved)
{
    (void)reserved;
    if (!timer || !callback || !period)
        return 1;
    if (!T.thread && vdev_sched_thread_create("timers", TIMER_THREAD_PRIO, timer_thread, NULL, &T.thread))
        return 1;
    struct timer *t = calloc(1, sizeof(*t));
    if (!t)
        return 1;
    t->callback = callback;
    t->id = timer_id;
    t->period_ms = period;
    t->one_shot = one_shot;
    vdev_sched_lock();
    t->next = T.list;
    T.list = t;
    vdev_sched_unlock();
    *timer = t;
    return 0;
}

int os_timer_destroy(os_timer_t timer, void *reserved)
{
    (void)reserved;
    struct timer *t = timer;
    if (!t)
        return 1;
    vdev_sched_lock();
    t->active = false;
    if (t->running) {
        t->destroyed = true; /* freed by the timer thread when the callback returns */
    } else {
        struct timer **pp = &T.list;
        while (*pp && *pp != t)
            pp = &(*pp)->next;
        if (*pp)
            *pp = t->next;
        free(t);
    }
    vdev_sched_unlock();
    return 0;
}

/* The device slept with the RTOS tick stopped: every active timer expires
 * that much later (no burst of missed periods when it wakes). */
void vdev_hal_timers_shift(uint64_t us)
{
    vdev_sched_lock();
    for (struct timer *t = T.list; t; t = t->next)
        if (t->active)
            t->expiry += us;
    vdev_sched_unlock();
}

int os_timer_get_id(os_timer_t timer, void **timer_id)
{
    if (!timer || !timer_id)
        return 1;
    *timer_id = ((struct timer *)timer)->id;
    return 0;
}

int os_timer_set_id(os_timer_t timer, void *timer_id)
{
    if (!timer)
        return 1;
    ((struct timer *)timer)->id = timer_id;
    return 0;
}

int os_timer_change(os_timer_t timer, os_timer_change_t change, bool fromISR, unsigned period, unsigned block,
                    void *reserved)
{
    (void)fromISR;
    (void)block;
    (void)reserved;
    struct timer *t = timer;
    if (!t)
        return 1;
    vdev_sched_lock();
    switch (change) {
    case OS_TIMER_CHANGE_PERIOD:
        if (!period) {
            vdev_sched_unlock();
            return 1;
        }
        t->period_ms = period;
        __attribute__((fallthrough)); /* a period change (re)starts the timer */
    case OS_TIMER_CHANGE_START:
    case OS_TIMER_CHANGE_RESET:
        t->active = true;
        t->expiry = vdev_clock_now() + (uint64_t)t->period_ms * 1000u;
        t->seq = ++T.seq;
        break;
    case OS_TIMER_CHANGE_STOP:
        t->active = false;
        break;
    default:
        vdev_sched_unlock();
        return 1;
    }
    vdev_sched_wake(&T.wake, 1);
    vdev_sched_unlock();
    return 0;
}

int os_timer_is_active(os_timer_t timer, void *reserved)
{
    (void)reserved;
    return timer && ((struct timer *)timer)->active;
}
