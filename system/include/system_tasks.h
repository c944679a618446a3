/* system/include/system_tasks.h - the system's errands for the app: system
 * events raised where the app's handlers cannot run (interrupts, the system
 * thread, software timers) wait in a queue and are delivered on the app's
 * own thread between loop() calls and during delay(), as Device OS does;
 * and the wake-up of an app that waits in delay(). (The system thread's own
 * wake-up is vdev_system_wake(), system_mode.h.) */
#ifndef VDEV_SYSTEM_TASKS_H
#define VDEV_SYSTEM_TASKS_H

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Which firmware thread is which (system_app.c tells, at start). */
void vdev_system_mark_system_thread(void);
void vdev_system_mark_app_thread(void);
bool vdev_system_on_system_thread(void);
bool vdev_system_on_app_thread(void);

/* Raise a system event (System.on handlers): at once when called on the
 * app's thread outside an interrupt, else queued for the app's thread. */
void vdev_system_raise(uint64_t event, int data);
/* Deliver the queued events (on the app's thread; elsewhere a no-op). */
void vdev_system_run_tasks(void);

/* Wake the app's thread if it waits in vdev_app_idle_until (any context). */
void vdev_app_wake(void);
/* delay()'s sleep: until `deadline` (device time) or an earlier
 * vdev_app_wake(); true when woken before the deadline. */
bool vdev_app_idle_until(uint64_t deadline);

#ifdef __cplusplus
}
#endif
#endif
