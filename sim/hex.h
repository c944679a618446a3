/* sim/hex.h - bytes as lower-case hex text, the way events and control
 * commands carry binary data ("0a1b..."). Header-only so the firmware
 * library and the vdev tool share it. */
#ifndef VDEV_HEX_H
#define VDEV_HEX_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

/* A malloc'd NUL-terminated string of 2 * n hex digits, or NULL. */
static inline char *vdev_hex_dup(const void *data, size_t n)
{
    static const char digits[] = "0123456789abcdef";
    const uint8_t *p = data;
    char *h = malloc(2 * n + 1);
    if (!h)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        h[2 * i] = digits[p[i] >> 4];
        h[2 * i + 1] = digits[p[i] & 0xF];
    }
    h[2 * n] = 0;
    return h;
}

#endif
