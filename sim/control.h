/* sim/control.h - the per-device control channel: a Unix socket serving the
 * event stream and taking commands (docs/control-protocol.md). */
#ifndef VDEV_CONTROL_H
#define VDEV_CONTROL_H

#include <stdbool.h>

/* Serve on path (or on inherited sockets after a reset). With wait_client,
 * return only once a client has connected. 0 or -errno. */
int vdev_control_start(const char *path, int listen_fd, const int *client_fds, int nclients, bool wait_client);
/* Before exec (reset): flush queued output, make the sockets inheritable and
 * report their fds (listen_fd -1 when none; up to max clients). */
void vdev_control_prepare_exec(int *listen_fd, int *client_fds, int max, int *nclients);
/* Flush queued output to clients (on a clean stop). */
void vdev_control_drain(void);
/* The same from a crash handler (never waits on a lock for long). */
void vdev_control_crash_drain(void);

#endif
