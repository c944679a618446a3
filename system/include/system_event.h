/* system/include/system_event.h - system events (System.on): the system
 * raises them, the wiring layer registers the dispatcher to app handlers. */
#ifndef VDEV_SYSTEM_EVENT_H
#define VDEV_SYSTEM_EVENT_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define VDEV_SYSTEM_EVENT_NETWORK_STATUS (1ull << 5)
#define VDEV_SYSTEM_EVENT_CLOUD_STATUS (1ull << 6)
#define VDEV_SYSTEM_EVENT_BUTTON_STATUS (1ull << 7)
#define VDEV_SYSTEM_EVENT_RESET_PENDING (1ull << 10)
#define VDEV_SYSTEM_EVENT_RESET (1ull << 11)
#define VDEV_SYSTEM_EVENT_TIME_CHANGED (1ull << 14)

typedef void (*vdev_system_event_cb)(uint64_t event, int data, void *pointer);
void vdev_system_set_event_callback(vdev_system_event_cb cb);
void system_notify_event(uint64_t event, int data, void *pointer);

#ifdef __cplusplus
}
#endif
#endif
