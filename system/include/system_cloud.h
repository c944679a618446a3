/* system/include/system_cloud.h - the cloud session as the app sees it. Until
 * the simulated cloud exists, requests are validated against the 1.4.0
 * limits, recorded as `cloud` events, and publishes are queued. */
#ifndef VDEV_SYSTEM_CLOUD_H
#define VDEV_SYSTEM_CLOUD_H

#include <stdbool.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define VDEV_CLOUD_NAME_MAX 64
#define VDEV_CLOUD_DATA_MAX 622
#define VDEV_CLOUD_MAX_SUBSCRIPTIONS 4
#define VDEV_CLOUD_MAX_PUBLISH_QUEUE 32

/* Returns 0 or a negative system error. */
int vdev_cloud_publish(const char *name, const char *data, int ttl, int flags);
int vdev_cloud_register_function(const char *name);
int vdev_cloud_register_variable(const char *name, const char *type);
int vdev_cloud_subscribe(const char *prefix, int scope);
void vdev_cloud_unsubscribe(void);
void vdev_cloud_connect(void);
void vdev_cloud_disconnect(void);
bool vdev_cloud_connected(void);
size_t vdev_cloud_queued(void);

#ifdef __cplusplus
}
#endif
#endif
