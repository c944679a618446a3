/* sim/inopp.h - the .ino preprocessor: turns a Particle sketch into C++ the
 * way the Device OS 1.4 build does (Particle.h include, function prototypes,
 * #line directives pointing back at the sketch). */
#ifndef VDEV_INOPP_H
#define VDEV_INOPP_H

#include <stddef.h>

/* Preprocesses text[0..len) of the sketch at path (used in #line directives;
 * made absolute against the working directory when relative). On success
 * returns 0 with *out a malloc'd NUL-terminated result of *out_len bytes;
 * otherwise a negative errno code (-EINVAL for NULL arguments, -ENOMEM). */
int vdev_inopp_run(const char *path, const char *text, size_t len,
                   char **out, size_t *out_len);

/* Reads in_path, preprocesses it and writes the result to out_path through a
 * temporary file and rename(); out_path is left alone (mtime unchanged) when
 * it already holds exactly that result. Returns 0 or a negative errno code. */
int vdev_inopp_file(const char *in_path, const char *out_path);

#endif
