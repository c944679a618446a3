/* sim/flash_cmd.h - the `vdev flash` command (sim/flash_cmd.c). */
#ifndef VDEV_FLASH_CMD_H
#define VDEV_FLASH_CMD_H

/* argv[1] is "flash". Returns the exit status. */
int vdev_flash_cmd(int argc, char **argv);

#endif
