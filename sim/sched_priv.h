/* sim/sched_priv.h - the scheduler's private state, shared by the two files
 * of the scheduler module (sched.c: the clock and switching; sched_thread.c:
 * thread lifecycle). Nothing else includes it. */
#ifndef VDEV_SCHED_PRIV_H
#define VDEV_SCHED_PRIV_H

#include "sched.h"

#include <pthread.h>

enum tstate { T_RUNNABLE, T_BLOCKED, T_DONE };

struct vdev_thread {
    pthread_t pt;
    char name[32];
    int prio;
    enum tstate state;
    uint64_t wake_at;
    uint64_t wait_seq;
    const void *wait_obj;
    enum vdev_wake reason;
    pthread_cond_t cv;
    vdev_thread_fn fn;
    void *arg;
    bool auto_free;
    uint64_t blocks;
    uint64_t poll_at;    /* device time of this thread's current run of polls */
    unsigned poll_streak;
    vdev_thread_t *next;
};

struct input {
    vdev_input_fn fn;
    void *arg;
    struct input *next;
};

#define SLICE_US 1000u

struct vdev_sched_state {
    pthread_mutex_t lock;
    pthread_cond_t idle_cv;
    struct vdev_sched_config cfg;
    uint64_t now;            /* accessed atomically */
    uint64_t host_origin_ns; /* host monotonic time of device time cfg.start_us */
    uint64_t granted;
    uint64_t slice_start;
    uint64_t wait_seq;
    vdev_thread_t *threads;
    vdev_thread_t *current;
    bool preempt;
    bool need_resched;
    bool stopping;
    struct input *in_head, *in_tail;
    int in_pending;          /* accessed atomically */
    void (*advance_hook)(void);
    void (*start_hook)(void);
    int host_waiters;        /* threads waiting on host I/O */
    uint64_t anchor_ns, anchor_vt; /* host and device time when the first began */
    vdev_thread_t *frozen_for; /* the device sleeps: only this thread is scheduled */
    uint64_t frozen_at;        /* since when */
};

#define S vdev_sched_state_
extern struct vdev_sched_state S;
extern __thread vdev_thread_t *vdev_sched_tls_self_;
extern __thread int vdev_sched_tls_isr_;
#define tls_self vdev_sched_tls_self_
#define tls_isr vdev_sched_tls_isr_

/* Give the baton away (sched.c); called with S.lock held. */
void vdev_sched_switch_away_(vdev_thread_t *self);

#endif
