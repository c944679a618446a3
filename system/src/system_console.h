/* system/src/system_console.h - the listening-mode serial console (private
 * to system_listen.c and system_console.c). */
#ifndef VDEV_SYSTEM_CONSOLE_H
#define VDEV_SYSTEM_CONSOLE_H

/* One byte typed on USB Serial while listening: a console command (further
 * input comes through vdev_listen_getc()). */
void vdev_console_command(int c);

/* `L`: listening at the next start (system_listen.c keeps the flag). */
void vdev_console_listen_at_startup(void);

#endif
