/* sim/flash_cmd.c - owns the `vdev flash` command: `vdev flash show FILE`
 * prints a flash file's header, its regions (offset, size, bytes in use),
 * the DCT (device ID, setup done, claim code, WiFi networks without their
 * passwords), the EEPROM banks, the retained image and the boot note, and
 * the firmware slot's module info. The file is opened read-only; a damaged
 * one is refused with the same sentence a device would print. */
#define _GNU_SOURCE
#include "flash_cmd.h"

#include "../flash/nor.h"
#include "../flash/records.h"
#include "../hal-posix/include/dct_hal.h"
#include "../hal-posix/src/hal_sim.h"
#include "platform.h"

#include <stdio.h>
#include <string.h>

#define EXIT_USAGE 2

/* EEPROM banks (format: docs/flash.md, "EEPROM emulation") */
#define EE_MAGIC 0x31454556u
#define EE_HDR 32u
#define EE_REC_HEAD 8u

static uint32_t get32(const uint8_t *p) { return p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24; }

static const char *reason_name(int r)
{
    static const struct {
        int code;
        const char *name;
    } names[] = { { 0, "NONE" },          { 10, "UNKNOWN" },      { 20, "PIN_RESET" },  { 30, "POWER_MANAGEMENT" },
                  { 40, "POWER_DOWN" },   { 50, "POWER_BROWNOUT" }, { 60, "WATCHDOG" }, { 70, "UPDATE" },
                  { 80, "UPDATE_ERROR" }, { 90, "UPDATE_TIMEOUT" }, { 100, "FACTORY_RESET" },
                  { 110, "SAFE_MODE" },   { 120, "DFU_MODE" },    { 130, "PANIC" },     { 140, "USER" } };
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        if (names[i].code == r)
            return names[i].name;
    return "UNKNOWN";
}

static const char *security_name(int s)
{
    static const char *const names[] = { "open", "WEP", "WPA", "WPA2", "WPA Enterprise", "WPA2 Enterprise" };
    return s >= 0 && s < 6 ? names[s] : "unknown security";
}

static uint32_t used_bytes(uint32_t off, uint32_t size)
{
    const uint8_t *p = vdev_nor_map(off, size);
    uint32_t n = 0;
    for (uint32_t i = 0; p && i < size; i++)
        n += p[i] != 0xFF;
    return n;
}

static void hex(const uint8_t *p, size_t n, char *out)
{
    for (size_t i = 0; i < n; i++)
        sprintf(out + 2 * i, "%02x", p[i]);
    out[2 * n] = 0;
}

static void show_dct(void)
{
    struct vdev_dct_status st;
    vdev_dct_status(&st);
    printf("DCT:");
    for (int i = 0; i < 2; i++) {
        if (st.valid[i])
            printf(" copy %d sequence %u%s%s", i, st.seq[i], st.current == i ? " (current)" : "", i ? "" : ",");
        else if (st.damaged[i])
            printf(" copy %d DAMAGED (sequence %u, committed, but its table fails its CRC)%s", i, st.seq[i],
                   i ? "" : ",");
        else
            printf(" copy %d not valid (erased or cut short)%s", i, i ? "" : ",");
    }
    printf("\n");
    if (st.current < 0) {
        printf("  no DCT yet\n");
        return;
    }
    uint8_t t[DCT_SIZE];
    dct_read_app_data_copy(0, t, sizeof(t));
    char id[2 * DCT_DEVICE_ID_SIZE + 1];
    hex(t + DCT_DEVICE_ID_OFFSET, DCT_DEVICE_ID_SIZE, id);
    printf("  device ID: %s\n", id);
    printf("  setup done: %s\n", t[DCT_SETUP_DONE_OFFSET] == 0x01 ? "yes" : "no");
    char claim[DCT_CLAIM_CODE_SIZE + 1];
    memcpy(claim, t + DCT_CLAIM_CODE_OFFSET, DCT_CLAIM_CODE_SIZE);
    claim[DCT_CLAIM_CODE_SIZE] = 0;
    bool printable = claim[0] && (unsigned char)claim[0] != 0xFF;
    for (char *c = claim; printable && *c; c++)
        printable = *c >= 0x20 && *c < 0x7f;
    printf("  claim code: %s\n", printable ? claim : "(none)");
    printf("  WiFi networks (passwords not shown):");
    struct dct_wifi_credentials w[DCT_WIFI_CREDENTIALS_COUNT];
    memcpy(w, t + DCT_WIFI_CREDENTIALS_OFFSET, sizeof(w));
    int n = 0;
    for (int i = 0; i < DCT_WIFI_CREDENTIALS_COUNT; i++) {
        if (!w[i].ssid_len || w[i].ssid_len >= sizeof(w[i].ssid))
            continue;
        printf("%s %.*s (%s)", n++ ? "," : "", (int)w[i].ssid_len, w[i].ssid, security_name(w[i].security));
    }
    printf("%s\n", n ? "" : " none");
    uint32_t app = 0;
    for (uint32_t i = 0; i < DCT_APP_DATA_SIZE; i++)
        app += t[DCT_APP_DATA_OFFSET + i] != 0xFF;
    printf("  app data: %u of %u bytes set\n", app, DCT_APP_DATA_SIZE);
}

static bool mark_set(const uint8_t *p) { return get32(p) == 0; }

static void show_eeprom(void)
{
    uint32_t off, size;
    vdev_flash_region(VDEV_FLASH_EEPROM, &off, &size);
    uint32_t bank = size / 2;
    printf("EEPROM:");
    for (int b = 0; b < 2; b++) {
        const uint8_t *p = vdev_nor_map(off + (uint32_t)b * bank, bank);
        printf("%s bank %d ", b ? ";" : "", b);
        bool erased = true;
        for (uint32_t i = 0; i < EE_HDR && erased; i++)
            erased = p[i] == 0xFF;
        if (erased) {
            printf("erased");
            continue;
        }
        if (get32(p) != EE_MAGIC || !mark_set(p + 16) || get32(p + 12) != vdev_crc32(0, p, 12)) {
            printf("unreadable (header %02x%02x%02x%02x...)", p[0], p[1], p[2], p[3]);
            continue;
        }
        uint32_t records = 0, pos = EE_HDR;
        bool damaged = false;
        while (pos + EE_REC_HEAD + 4 <= bank) { /* committed records up to the end of the log */
            const uint8_t *r = p + pos;
            uint32_t len = r[2] | (uint32_t)r[3] << 8, total = EE_REC_HEAD + ((len + 3u) & ~3u) + 4;
            if (get32(r) == 0xFFFFFFFFu || len == 0 || total > bank - pos || !mark_set(r + total - 4))
                break;
            if (get32(r + 4) != vdev_crc32(vdev_crc32(0, r, 4), r + EE_REC_HEAD, len)) {
                damaged = true;
                break;
            }
            records++;
            pos += total;
        }
        printf("%s, sequence %u, %u bytes of EEPROM, %u records, %u bytes free",
               mark_set(p + 20) ? "active" : "receiving (a swap cut short)", get32(p + 4), get32(p + 8), records,
               bank - pos);
        if (damaged)
            printf(" (DAMAGED: the record at offset %u fails its CRC; the log ends there)", pos);
    }
    printf("\n");
}

static void show_retained(void)
{
    struct vdev_retained_info ri;
    vdev_retained_image_info(&ri);
    if (!ri.present)
        printf("retained memory: no image (backup RAM as at power-on)\n");
    else
        printf("retained memory: image of %u bytes (of %u), %s; saved with FEATURE_RETAINED_MEMORY %s\n", ri.size,
               VDEV_RETAINED_CAPACITY, ri.valid ? "valid" : "lost (power down) or damaged",
               ri.flags & VDEV_RETAINED_FEATURE ? "on" : "off");
    int reason;
    uint32_t data;
    if (vdev_note_latest(&reason, &data))
        printf("next fresh start reports: NONE (no run noted yet)\n");
    else
        printf("next fresh start reports: %s (data %u)\n", reason_name(reason), data);
}

static void show_slots(void)
{
    struct vdev_module_info mi;
    if (vdev_module_info_read(&mi) == 0) {
        char h[2 * VDEV_FW_ID_SIZE + 1];
        hex(mi.hash, VDEV_FW_ID_SIZE, h);
        printf("firmware slot: app \"%s\", image of %u bytes, build ID %s\n", mi.name, mi.size, h);
    } else {
        printf("firmware slot: empty\n");
    }
    uint32_t off, size;
    vdev_flash_region(VDEV_FLASH_OTA, &off, &size);
    uint32_t used = used_bytes(off, size);
    printf("OTA slot: %s", used ? "" : "empty\n");
    if (used)
        printf("%u bytes written\n", used);
}

static int show(const char *path)
{
    char err[1024];
    if (vdev_nor_open_readonly(path, err, sizeof(err))) {
        fprintf(stderr, "vdev: %s\n", err);
        return EXIT_USAGE;
    }
    struct vdev_nor_info info;
    vdev_nor_info(&info);
    const struct vdev_platform *pl = vdev_platform_by_id((int)info.platform_id);
    printf("flash file: %s (%llu bytes)\n", path, (unsigned long long)info.file_size);
    printf("header: layout version %u, platform %s (%u), header %u bytes, data area %u bytes, CRC %08x (ok)\n",
           info.layout_version, pl ? pl->name : "?", info.platform_id, info.header_size, info.data_size,
           info.header_crc);
    printf("regions:   offset      size      used\n");
    for (int r = 0; r < VDEV_FLASH_REGIONS; r++) {
        uint32_t off, size;
        vdev_flash_region(r, &off, &size);
        printf("  %-8s 0x%06x %9u %9u\n", vdev_flash_region_name(r), off, size, used_bytes(off, size));
    }
    show_dct();
    show_eeprom();
    show_retained();
    show_slots();
    vdev_nor_close();
    return 0;
}

int vdev_flash_cmd(int argc, char **argv)
{
    const char *usage = "usage: vdev flash show FILE\n\n"
                        "Prints a device's flash file (--flash; by default flash-NAME.bin next to the\n"
                        "image in the app's cache): header, regions, DCT, EEPROM, retained memory and\n"
                        "firmware slots. See docs/flash.md.\n";
    if (argc >= 3 && (!strcmp(argv[2], "--help") || !strcmp(argv[2], "-h"))) {
        fputs(usage, stdout);
        return 0;
    }
    if (argc != 4 || strcmp(argv[2], "show")) {
        fputs(usage, stderr);
        return EXIT_USAGE;
    }
    return show(argv[3]);
}
