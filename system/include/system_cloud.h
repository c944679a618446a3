/* system/include/system_cloud.h - the simulated cloud session and the app's
 * cloud requests. Once the network is up and the device wants the cloud
 * (AUTOMATIC mode, or Particle.connect()), the session connects after
 * VDEV_CLOUD_CONNECT_MS of device time; it drops when the network goes or
 * the app disconnects, and comes back with the network. Publishes succeed
 * while connected (1.4.0 rate limit: a burst of 4, then 1 per second);
 * registrations and subscriptions are checked against the 1.4.0 limits and
 * recorded. Everything is a `cloud` event; session changes are also
 * `cloud_status` system events. */
#ifndef VDEV_SYSTEM_CLOUD_H
#define VDEV_SYSTEM_CLOUD_H

#include <stdint.h>

#define VDEV_CLOUD_VIRTUAL_EPOCH 1568073600u /* as the virtual RTC default */

#include <stdbool.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define VDEV_CLOUD_NAME_MAX 64
#define VDEV_CLOUD_DATA_MAX 622
#define VDEV_CLOUD_MAX_SUBSCRIPTIONS 4
#define VDEV_CLOUD_CONNECT_MS 1000u  /* from network ready to a connected session */
#define VDEV_CLOUD_PUBLISH_BURST 4   /* publishes allowed within any second */

/* The session, as the RGB LED shows it (breathing cyan when connected,
 * blinking cyan while connecting). */
typedef enum vdev_cloud_state {
    VDEV_CLOUD_DISCONNECTED = 0,
    VDEV_CLOUD_CONNECTING = 1,
    VDEV_CLOUD_CONNECTED = 2
} vdev_cloud_state_t;

vdev_cloud_state_t vdev_cloud_state(void);

/* The app's requests. Returns 0 or a negative system error. */
int vdev_cloud_publish(const char *name, const char *data, int ttl, int flags);
int vdev_cloud_register_function(const char *name);
int vdev_cloud_register_variable(const char *name, const char *type);
int vdev_cloud_subscribe(const char *prefix, int scope);
void vdev_cloud_unsubscribe(void);
void vdev_cloud_connect(void);      /* Particle.connect(): the network too */
void vdev_cloud_disconnect(void);   /* Particle.disconnect() */
bool vdev_cloud_connected(void);
/* Particle.syncTime(): set the RTC from the cloud (host time in real mode,
 * 2019-09-10 + device time in virtual mode); 1 done, 0 not connected. Also
 * done when a session starts and the device has no time. */
int vdev_cloud_sync_time(void);
/* millis() of the last sync (0: never) and the time it set (NULL: not wanted). */
uint32_t vdev_cloud_last_sync(int64_t *unix_time);
/* Does the device want the cloud (the auto-connect flag)? */
bool vdev_cloud_wanted(void);

/* The system's side. */
/* The network changed (system_network.c): connect or drop the session. */
void vdev_cloud_network_changed(void);
/* Sleep: drop the session and the wish for it (reason for the event);
 * resume sets the wish back. */
void vdev_cloud_suspend(const char *reason);
void vdev_cloud_resume(bool wanted);
/* A reset is coming (1.4.0 fix 1905): disconnect now, and make no further
 * connection attempt before the reset. */
void vdev_cloud_hold_for_reset(void);

#ifdef __cplusplus
}
#endif
#endif
