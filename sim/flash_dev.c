/* sim/flash_dev.c - owns the device's flash at start-up: which file (--flash,
 * else flash-<device name>.bin next to the firmware image in the app's
 * cache directory), opening it (a refusal is a usage error), `flash` events
 * for program conflicts, the DCT's first fill, the reset reason of a fresh
 * start (the boot notes), the firmware slot's module-info record (name,
 * size, build ID of this image) and the restore of retained memory; after
 * the boot event, which file it is (at a fresh start) and damage found. */
#define _GNU_SOURCE
#include "flash_dev.h"

#include "../flash/nor.h"
#include "../flash/records.h"
#include "../hal-posix/src/hal_sim.h"
#include "../system/include/system_network.h"
#include "events.h"

#include <elf.h>
#include <errno.h>
#include <link.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define REASON_POWER_DOWN 40

static void on_conflict(uint32_t addr, void *ctx)
{
    (void)ctx;
    vdev_event("flash", "{s:s,s:I}", "op", "program-conflict", "addr", (long long)addr);
}

int vdev_flash_default_path(const char *device_name, char *out, size_t len)
{
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
    if (n <= 0)
        return -errno;
    exe[n] = 0;
    char *slash = strrchr(exe, '/');
    if (slash)
        *slash = 0;
    char name[128];
    size_t k = 0;
    for (const char *p = device_name; *p && k < sizeof(name) - 1; p++) /* a safe file name */
        name[k++] = (char)((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
                                   *p == '-' || *p == '_' || *p == '.'
                               ? *p
                               : '_');
    name[k] = 0;
    int w = snprintf(out, len, "%s/flash-%s.bin", exe, name);
    return w < 0 || (size_t)w >= len ? -ENAMETOOLONG : 0;
}

static int note_cb(struct dl_phdr_info *info, size_t size, void *ctx)
{
    (void)size;
    uint8_t *id = ctx;
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        if (ph->p_type != PT_NOTE)
            continue;
        const uint8_t *p = (const uint8_t *)(info->dlpi_addr + ph->p_vaddr);
        const uint8_t *end = p + ph->p_memsz;
        while (p + sizeof(ElfW(Nhdr)) <= end) {
            const ElfW(Nhdr) *nh = (const void *)p;
            const uint8_t *name = p + sizeof(*nh);
            const uint8_t *desc = name + ((nh->n_namesz + 3) & ~3u);
            if (nh->n_type == NT_GNU_BUILD_ID && nh->n_namesz == 4 && !memcmp(name, "GNU", 4)) {
                size_t n = nh->n_descsz < VDEV_FW_ID_SIZE ? nh->n_descsz : VDEV_FW_ID_SIZE;
                memcpy(id, desc, n);
                return 1;
            }
            p = desc + ((nh->n_descsz + 3) & ~3u);
        }
    }
    return 1; /* only the main program (the first object) */
}

/* This image's identity: its GNU build ID (else a hash of the app name). */
static void firmware_id(const char *app_name, uint8_t *id)
{
    memset(id, 0, VDEV_FW_ID_SIZE);
    dl_iterate_phdr(note_cb, id);
    static const uint8_t none[VDEV_FW_ID_SIZE];
    if (memcmp(id, none, sizeof(none)))
        return;
    uint64_t h = 0xcbf29ce484222325ull;
    for (const char *p = app_name; *p; p++)
        h = (h ^ (unsigned char)*p) * 0x100000001b3ull;
    memcpy(id, &h, sizeof(h));
}

static char which_file[4400]; /* tell_file() */

/* A damaged newest DCT copy, found at start-up and told after the boot
 * event (vdev_flash_report): the device runs on the older copy (the next
 * DCT write replaces the damaged one), but never as a silent rollback. */
static struct {
    char path[4200];
    int copy; /* -1: none */
    char msg[160];
} damage = { .copy = -1 };

static void find_dct_damage(const char *path)
{
    struct vdev_dct_status st;
    damage.copy = -1;
    if (vdev_dct_status(&st))
        return;
    for (int i = 0; i < 2; i++) {
        if (!st.damaged[i])
            continue;
        damage.copy = i;
        snprintf(damage.path, sizeof(damage.path), "%s", path);
        snprintf(damage.msg, sizeof(damage.msg),
                 "DCT copy %d (sequence %u) fails its CRC; the older copy %d (sequence %u) is used", i, st.seq[i],
                 st.current, st.seq[st.current]);
    }
}

void vdev_flash_report(void)
{
    fputs(which_file, stderr);
    if (damage.copy < 0)
        return;
    vdev_event("flash", "{s:s,s:i,s:s}", "op", "dct-damaged", "copy", damage.copy, "message", damage.msg);
    fprintf(stderr, "vdev: flash file %s: damaged DCT: %s\n", damage.path, damage.msg);
}

/* At a fresh start, say which file is the device's flash: the default one
 * is hard to guess, and a named one that did not exist (a mistyped --flash)
 * would otherwise look like a device that lost everything. Told after the
 * boot event (vdev_flash_report), so that a start refused for another
 * reason says only that. */
static void tell_file(const struct vdev_flash_start *fs, const char *path)
{
    struct vdev_nor_info info;
    which_file[0] = 0;
    if (vdev_nor_info(&info))
        return;
    if (!fs->path)
        snprintf(which_file, sizeof(which_file), "vdev: flash file %s (%s)\n", path,
                 info.created ? "new, erased" : "kept from the last run; --flash-reset erases it");
    else if (info.created && !fs->reset)
        snprintf(which_file, sizeof(which_file), "vdev: flash file %s did not exist: starting with a new, erased one\n",
                 path);
}

int vdev_flash_start(const struct vdev_flash_start *fs, int *reason, uint32_t *data, char *err, size_t errlen)
{
    char path[4200];
    if (fs->path)
        snprintf(path, sizeof(path), "%s", fs->path);
    else if (vdev_flash_default_path(fs->device_name, path, sizeof(path))) {
        snprintf(err, errlen, "cannot find this image's directory for its flash file (use --flash FILE)");
        return -ENOENT;
    }
    int rc = vdev_nor_open(path, fs->platform_id, fs->reset && fs->boot == 0, err, errlen);
    if (rc)
        return rc;
    if (fs->boot == 0)
        tell_file(fs, path);
    vdev_nor_set_conflict_hook(on_conflict, NULL);
    rc = vdev_dct_prepare(fs->device_id, fs->seed);
    if (rc == -EIO) {
        snprintf(err, errlen,
                 "flash file %s has a damaged DCT (no whole copy of it): refusing to use it; --flash-reset starts "
                 "afresh (erasing it)",
                 path);
        return rc;
    }
    if (rc == 1)
        vdev_network_provision();
    find_dct_damage(path);
    if (fs->boot == 0) { /* a fresh start: the reason noted for it, then "power down" for the next one */
        int r = 0;
        uint32_t d = 0;
        if (vdev_note_latest(&r, &d))
            r = 0, d = 0;
        *reason = r;
        *data = d;
        if (r != REASON_POWER_DOWN || d != 0)
            vdev_note_append(REASON_POWER_DOWN, 0);
    }
    uint8_t id[VDEV_FW_ID_SIZE];
    firmware_id(fs->app_name, id);
    struct vdev_module_info mi;
    memset(&mi, 0, sizeof(mi));
    snprintf(mi.name, sizeof(mi.name), "%s", fs->app_name);
    memcpy(mi.hash, id, sizeof(mi.hash));
    struct stat st;
    if (!stat("/proc/self/exe", &st))
        mi.size = (uint32_t)st.st_size;
    vdev_module_info_write(&mi);
    return vdev_retained_boot(*reason, id, err, errlen);
}
