/* sim/build.h - building a user's app into a firmware image (`vdev build`):
 * finding its sources, preprocessing .ino files, and driving ninja. */
#ifndef VDEV_BUILD_H
#define VDEV_BUILD_H

#include "platform.h"

#include <stdbool.h>
#include <stddef.h>

struct vdev_build_result {
    char image[4096];   /* path of the firmware executable */
    char name[256];     /* app name */
};

/* Build (when stale) APP for a platform. Returns 0, or -1 after printing one
 * clear message on stderr. */
int vdev_build_app(const char *self_exe, const char *app, const struct vdev_platform *pl, bool verbose,
                   struct vdev_build_result *out);

#endif
