/* sim/hostio.h - the host side of the serial ports: USB Serial on
 * stdin/stdout, Serial1 on a pseudo-terminal whose path is printed. */
#ifndef VDEV_HOSTIO_H
#define VDEV_HOSTIO_H

#include <stdbool.h>
#include <stddef.h>

/* Start reading stdin into USB Serial (a host thread posts what arrives).
 * With stdin_at_boot (virtual clock), piped stdin is read whole at boot. */
int vdev_hostio_start(int inherited_serial1_fd, bool stdin_at_boot);
void vdev_hostio_write(int port, const void *data, size_t len);
/* Create (once) the Serial1 pty and start reading it; returns its master fd.
 * Real time only: in virtual time it returns -1 and Serial1 lives on the
 * control channel. */
int vdev_hostio_serial1_open(void);
int vdev_hostio_serial1_fd(void);

#endif
