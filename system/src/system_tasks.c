/* system/src/system_tasks.c - system events for the app's handlers that
 * were raised elsewhere (an interrupt, the system thread, a timer): a
 * bounded queue delivered on the app's thread; which thread is the app's
 * and which the system's; and the wake-up of an app in delay(). */
#include "../include/system_tasks.h"
#include "../include/system_event.h"

#include "../../sim/events.h"
#include "../../sim/sched.h"

#define QUEUE_LEN 32

static struct {
    vdev_thread_t *system, *app;
    struct {
        uint64_t event;
        int data;
    } q[QUEUE_LEN];
    unsigned head, used;
    bool overflow_reported;
    char wake; /* the wait object */
} TK;

void vdev_system_mark_system_thread(void) { TK.system = vdev_sched_self(); }
void vdev_system_mark_app_thread(void) { TK.app = vdev_sched_self(); }

bool vdev_system_on_system_thread(void)
{
    return TK.system && vdev_sched_self() == TK.system && !vdev_sched_in_isr();
}

bool vdev_system_on_app_thread(void) { return TK.app && vdev_sched_self() == TK.app && !vdev_sched_in_isr(); }

void vdev_system_raise(uint64_t event, int data)
{
    if (vdev_system_on_app_thread()) {
        vdev_system_run_tasks(); /* what was queued before comes first */
        system_notify_event(event, data, NULL);
        return;
    }
    if (TK.used == QUEUE_LEN) {
        if (!TK.overflow_reported)
            vdev_event("warning", "{s:s,s:s}", "what", "system-events",
                       "message", "the app's thread did not take its system events; later ones are dropped");
        TK.overflow_reported = true;
        return;
    }
    unsigned i = (TK.head + TK.used) % QUEUE_LEN;
    TK.q[i].event = event;
    TK.q[i].data = data;
    TK.used++;
    vdev_app_wake();
}

void vdev_system_run_tasks(void)
{
    if (!vdev_system_on_app_thread())
        return;
    while (TK.used) {
        uint64_t event = TK.q[TK.head].event;
        int data = TK.q[TK.head].data;
        TK.head = (TK.head + 1) % QUEUE_LEN;
        TK.used--;
        system_notify_event(event, data, NULL);
    }
}

void vdev_app_wake(void)
{
    vdev_sched_lock();
    vdev_sched_wake(&TK.wake, -1);
    vdev_sched_unlock();
}

bool vdev_app_idle_until(uint64_t deadline)
{
    if (!vdev_sched_self() || vdev_sched_in_isr())
        return false;
    vdev_sched_lock();
    bool early = false;
    if (vdev_clock_now() < deadline)
        early = vdev_sched_wait(&TK.wake, deadline) == VDEV_WAKE_SIGNAL;
    vdev_sched_unlock();
    return early;
}
