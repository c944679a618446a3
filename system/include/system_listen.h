/* system/include/system_listen.h - listening mode: entered with the MODE
 * button (held 3 s), WiFi.listen()/Cellular.listen()/Network.listen(), a
 * connect without credentials, or `L` (at the next start); left with `x`,
 * listen(false), new credentials (`w`), the MODE button (held 3-8 s) or the
 * timeout (Photon). While it lasts the system serves the serial console on
 * USB Serial (docs/listening.md) and, single-threaded, the app does not
 * run. */
#ifndef VDEV_SYSTEM_LISTEN_H
#define VDEV_SYSTEM_LISTEN_H

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* WiFi.listening(): listening mode was asked for and has not ended. */
bool vdev_listening(void);
/* Enter (begin true) or leave listening mode; `why` names the cause in the
 * `listen` event ("api", "button", "no-credentials", "x", ...). Any
 * context: the system thread takes it up. */
void vdev_listen_request(bool begin, const char *why);
/* A connect found no credentials (WiFi): listening, then connect. */
void vdev_listen_for_credentials(void);
/* A connect while listening: it happens when listening mode ends. */
void vdev_listen_connect_after(void);
/* MODE held 10 s while listening: the WiFi credentials are cleared. */
void vdev_listen_clear_credentials(void);
/* The system runs listening mode here, on its own thread, for as long as it
 * lasts (elsewhere, or when not asked for, it returns at once). */
void vdev_listen_run(void);
/* At start: listening when `L` asked for it before the reset. */
void vdev_listen_boot(void);
/* WiFi.setListenTimeout()/getListenTimeout() (seconds, 0: none). The Photon
 * has the timeout; on Gen 3 Device OS 1.4 does not (-120, and 0 read back). */
int vdev_listen_set_timeout(unsigned seconds);
unsigned vdev_listen_timeout(void);

/* ---- for the serial console (system_console.c) ---- */

/* The next byte typed on USB Serial; -1 once listening mode ends. While it
 * waits, the system keeps listening mode's time (updates, timeout). */
int vdev_listen_getc(void);
/* New credentials were stored: leave listening mode and connect. */
void vdev_listen_credentials_added(void);

#ifdef __cplusplus
}
#endif
#endif
