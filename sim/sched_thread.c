/* sim/sched_thread.c - firmware thread lifecycle for the scheduler: creation
 * (a pthread that waits for the baton), the end of a thread, join and
 * release. */
#define _GNU_SOURCE
#include "sched_priv.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

static void unlink_thread(vdev_thread_t *t)
{
    vdev_thread_t **pp = &S.threads;
    while (*pp && *pp != t)
        pp = &(*pp)->next;
    if (*pp)
        *pp = t->next;
}

/* The calling thread's function has returned (or it called exit). */
static void finish_thread(vdev_thread_t *t)
{
    pthread_mutex_lock(&S.lock);
    t->state = T_DONE;
    vdev_sched_wake(t, -1);
    vdev_sched_switch_away_(t);
    bool free_it = t->auto_free;
    if (free_it)
        unlink_thread(t);
    pthread_mutex_unlock(&S.lock);
    if (free_it) {
        pthread_cond_destroy(&t->cv);
        free(t);
    }
}

static void *trampoline(void *p)
{
    vdev_thread_t *t = p;
    tls_self = t;
    if (S.start_hook)
        S.start_hook();
    pthread_mutex_lock(&S.lock);
    while (S.current != t)
        pthread_cond_wait(&t->cv, &S.lock);
    S.slice_start = vdev_clock_now();
    pthread_mutex_unlock(&S.lock);
    t->fn(t->arg);
    finish_thread(t);
    return NULL;
}

void vdev_sched_exit(void)
{
    vdev_thread_t *t = tls_self;
    if (t && t->fn) {
        finish_thread(t);
        pthread_exit(NULL);
    }
    /* the main thread cannot end: park it forever */
    pthread_mutex_lock(&S.lock);
    for (;;)
        vdev_sched_wait(NULL, VDEV_FOREVER);
}

int vdev_sched_thread_create(const char *name, int prio, vdev_thread_fn fn, void *arg, vdev_thread_t **out)
{
    vdev_thread_t *t = calloc(1, sizeof(*t));
    if (!t)
        return -ENOMEM;
    snprintf(t->name, sizeof(t->name), "%s", name ? name : "thread");
    t->prio = prio;
    t->fn = fn;
    t->arg = arg;
    t->state = T_RUNNABLE;
    pthread_cond_init(&t->cv, NULL);

    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_attr_setstacksize(&attr, 1024 * 1024);
    pthread_mutex_lock(&S.lock);
    int rc = pthread_create(&t->pt, &attr, trampoline, t);
    pthread_attr_destroy(&attr);
    if (rc != 0) {
        pthread_mutex_unlock(&S.lock);
        pthread_cond_destroy(&t->cv);
        free(t);
        return -rc;
    }
    vdev_thread_t **pp = &S.threads;
    while (*pp)
        pp = &(*pp)->next;
    *pp = t;
    if (S.current && prio > S.current->prio)
        S.need_resched = true;
    if (out)
        *out = t;
    vdev_sched_unlock();
    return 0;
}

vdev_thread_t *vdev_sched_self(void) { return tls_self; }
uint64_t vdev_sched_block_count(void) { return tls_self ? tls_self->blocks : 0; }
const char *vdev_sched_thread_name(const vdev_thread_t *t) { return t ? t->name : ""; }

int vdev_sched_join(vdev_thread_t *t)
{
    if (!t || t == tls_self)
        return -EINVAL;
    pthread_mutex_lock(&S.lock);
    while (t->state != T_DONE)
        vdev_sched_wait(t, VDEV_FOREVER);
    pthread_mutex_unlock(&S.lock);
    return 0;
}

void vdev_sched_release(vdev_thread_t *t)
{
    if (!t || !t->fn)
        return;
    pthread_mutex_lock(&S.lock);
    bool done = t->state == T_DONE;
    if (done)
        unlink_thread(t);
    else
        t->auto_free = true;
    pthread_mutex_unlock(&S.lock);
    if (done) {
        pthread_cond_destroy(&t->cv);
        free(t);
    }
}

