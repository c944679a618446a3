/* ble-bridge/att.c - the ATT PDU codec: UUIDs (16/128-bit, the SIG base
 * UUID, text form), the server/client split of opcodes, and the client's
 * request encoders and response decoders. The database and server are in
 * gatt_db.c and att_server.c, the discovery procedure in gatt_disc.c. */
#include "att_internal.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

/* 00000000-0000-1000-8000-00805F9B34FB, little endian; bytes 12..15 hold
 * the 16/32-bit value. */
static const uint8_t sig_base[16] = {0xFB, 0x34, 0x9B, 0x5F, 0x80, 0x00, 0x00, 0x80,
                                     0x00, 0x10, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00};

struct vdev_uuid vdev_uuid16(uint16_t v)
{
    struct vdev_uuid u;
    memset(&u, 0, sizeof(u));
    u.len = 2;
    att_put16(u.b, v);
    return u;
}

bool att_uuid_valid(const struct vdev_uuid *u)
{
    return u && (u->len == 2 || u->len == 16);
}

bool att_uuid_short(const struct vdev_uuid *u, uint16_t *v)
{
    if (!u)
        return false;
    if (u->len == 2) {
        *v = att_get16(u->b);
        return true;
    }
    if (u->len != 16 || memcmp(u->b, sig_base, 12) != 0 || u->b[14] != 0 || u->b[15] != 0)
        return false;
    *v = att_get16(u->b + 12);
    return true;
}

struct vdev_uuid att_uuid_norm(const struct vdev_uuid *u)
{
    uint16_t v;
    if (att_uuid_short(u, &v))
        return vdev_uuid16(v);
    struct vdev_uuid r = *u;
    return r;
}

bool att_uuid_from(const uint8_t *p, size_t len, struct vdev_uuid *out)
{
    if (len != 2 && len != 16)
        return false;
    memset(out, 0, sizeof(*out));
    out->len = (uint8_t)len;
    memcpy(out->b, p, len);
    return true;
}

bool vdev_uuid_eq(const struct vdev_uuid *a, const struct vdev_uuid *b)
{
    if (!att_uuid_valid(a) || !att_uuid_valid(b))
        return false;
    uint16_t va, vb;
    bool sa = att_uuid_short(a, &va), sb = att_uuid_short(b, &vb);
    if (sa || sb)
        return sa && sb && va == vb;
    return memcmp(a->b, b->b, 16) == 0;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* n hex digits (n even) from s, most significant first, into bytes. */
static bool hex_bytes(const char *s, size_t n, uint8_t *out)
{
    for (size_t i = 0; i < n; i += 2) {
        int hi = hexval(s[i]), lo = hexval(s[i + 1]);
        if (hi < 0 || lo < 0)
            return false;
        out[i / 2] = (uint8_t)(hi << 4 | lo);
    }
    return true;
}

int vdev_uuid_parse(const char *s, struct vdev_uuid *out)
{
    if (!s || !out)
        return -EINVAL;
    size_t n = strlen(s);
    uint8_t be[16];
    if (n == 6 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        s += 2;
        n -= 2;
    }
    if (n == 4) {
        if (!hex_bytes(s, 4, be))
            return -EINVAL;
        *out = vdev_uuid16((uint16_t)(be[0] << 8 | be[1]));
        return 0;
    }
    char digits[33];
    if (n == 36) {
        /* 8-4-4-4-12 */
        size_t k = 0;
        for (size_t i = 0; i < n; i++) {
            bool dash_pos = i == 8 || i == 13 || i == 18 || i == 23;
            if (dash_pos != (s[i] == '-'))
                return -EINVAL;
            if (!dash_pos)
                digits[k++] = s[i];
        }
        digits[k] = '\0';
    } else if (n == 32) {
        memcpy(digits, s, 33);
    } else {
        return -EINVAL;
    }
    if (!hex_bytes(digits, 32, be))
        return -EINVAL;
    memset(out, 0, sizeof(*out));
    out->len = 16;
    for (int i = 0; i < 16; i++)
        out->b[i] = be[15 - i];
    return 0;
}

void vdev_uuid_format(const struct vdev_uuid *u, char *buf)
{
    if (!buf)
        return;
    buf[0] = '\0';
    if (!u)
        return;
    if (u->len == 2) {
        snprintf(buf, 37, "%04X", att_get16(u->b));
        return;
    }
    if (u->len != 16)
        return;
    char *p = buf;
    for (int i = 15; i >= 0; i--) {
        p += sprintf(p, "%02X", u->b[i]);
        if (i == 12 || i == 10 || i == 8 || i == 6)
            *p++ = '-';
    }
    *p = '\0';
}

int att_error_rsp(uint8_t *rsp, uint8_t req_opcode, uint16_t handle, uint8_t code)
{
    rsp[0] = VDEV_ATT_ERROR_RSP;
    rsp[1] = req_opcode;
    att_put16(rsp + 2, handle);
    rsp[4] = code;
    return 5;
}

bool vdev_att_is_server_pdu(const uint8_t *pdu, size_t len)
{
    if (!pdu || len == 0)
        return false;
    switch (pdu[0]) {
    case VDEV_ATT_ERROR_RSP:
    case VDEV_ATT_MTU_RSP:
    case VDEV_ATT_FIND_INFO_RSP:
    case VDEV_ATT_FIND_BY_TYPE_VALUE_RSP:
    case VDEV_ATT_READ_BY_TYPE_RSP:
    case VDEV_ATT_READ_RSP:
    case VDEV_ATT_READ_BLOB_RSP:
    case VDEV_ATT_READ_MULTIPLE_RSP:
    case VDEV_ATT_READ_BY_GROUP_TYPE_RSP:
    case VDEV_ATT_WRITE_RSP:
    case VDEV_ATT_PREPARE_WRITE_RSP:
    case VDEV_ATT_EXECUTE_WRITE_RSP:
    case VDEV_ATT_HANDLE_VALUE_NTF:
    case VDEV_ATT_HANDLE_VALUE_IND:
    case 0x21:                          /* Read Multiple Variable Response */
    case 0x23:                          /* Multiple Handle Value Notification */
        return false;
    default:
        return true;                    /* requests, commands, confirmation, unknown */
    }
}

/* ---- client: encoders ---- */

int vdev_att_enc_mtu_req(uint8_t *buf, size_t cap, uint16_t mtu)
{
    if (!buf || cap < 3)
        return -EMSGSIZE;
    buf[0] = VDEV_ATT_MTU_REQ;
    att_put16(buf + 1, mtu);
    return 3;
}

int vdev_att_enc_read_req(uint8_t *buf, size_t cap, uint16_t handle)
{
    if (!buf || cap < 3)
        return -EMSGSIZE;
    buf[0] = VDEV_ATT_READ_REQ;
    att_put16(buf + 1, handle);
    return 3;
}

int vdev_att_enc_read_blob_req(uint8_t *buf, size_t cap, uint16_t handle, uint16_t offset)
{
    if (!buf || cap < 5)
        return -EMSGSIZE;
    buf[0] = VDEV_ATT_READ_BLOB_REQ;
    att_put16(buf + 1, handle);
    att_put16(buf + 3, offset);
    return 5;
}

static int enc_handle_value(uint8_t *buf, size_t cap, uint8_t op, uint16_t handle, const uint8_t *data, size_t len)
{
    if (!data && len)
        return -EINVAL;
    if (!buf || cap < 3 || len > cap - 3)
        return -EMSGSIZE;
    buf[0] = op;
    att_put16(buf + 1, handle);
    if (len)
        memmove(buf + 3, data, len);
    return (int)(3 + len);
}

int vdev_att_enc_write(uint8_t *buf, size_t cap, uint16_t handle, const uint8_t *data, size_t len, bool with_rsp)
{
    return enc_handle_value(buf, cap, with_rsp ? VDEV_ATT_WRITE_REQ : VDEV_ATT_WRITE_CMD, handle, data, len);
}

int vdev_att_enc_notify(uint8_t *buf, size_t cap, uint16_t handle, const uint8_t *data, size_t len, bool indicate)
{
    return enc_handle_value(buf, cap, indicate ? VDEV_ATT_HANDLE_VALUE_IND : VDEV_ATT_HANDLE_VALUE_NTF, handle, data,
                            len);
}

int vdev_att_enc_confirm(uint8_t *buf, size_t cap)
{
    if (!buf || cap < 1)
        return -EMSGSIZE;
    buf[0] = VDEV_ATT_HANDLE_VALUE_CFM;
    return 1;
}

/* ---- client: decoders ---- */

int vdev_att_dec_error(const uint8_t *pdu, size_t len, uint8_t *req_opcode, uint16_t *handle, uint8_t *code)
{
    if (!pdu || len != 5 || pdu[0] != VDEV_ATT_ERROR_RSP)
        return -EBADMSG;
    if (req_opcode)
        *req_opcode = pdu[1];
    if (handle)
        *handle = att_get16(pdu + 2);
    if (code)
        *code = pdu[4];
    return 0;
}

int vdev_att_dec_mtu_rsp(const uint8_t *pdu, size_t len, uint16_t *mtu)
{
    if (!pdu || len != 3 || pdu[0] != VDEV_ATT_MTU_RSP)
        return -EBADMSG;
    if (mtu)
        *mtu = att_get16(pdu + 1);
    return 0;
}

int vdev_att_dec_notify(const uint8_t *pdu, size_t len, uint16_t *handle, const uint8_t **value, size_t *vlen,
                        bool *indicate)
{
    if (!pdu || len < 3 || (pdu[0] != VDEV_ATT_HANDLE_VALUE_NTF && pdu[0] != VDEV_ATT_HANDLE_VALUE_IND))
        return -EBADMSG;
    if (handle)
        *handle = att_get16(pdu + 1);
    if (value)
        *value = pdu + 3;
    if (vlen)
        *vlen = len - 3;
    if (indicate)
        *indicate = pdu[0] == VDEV_ATT_HANDLE_VALUE_IND;
    return 0;
}

int vdev_att_dec_read_rsp(const uint8_t *pdu, size_t len, const uint8_t **value, size_t *vlen)
{
    if (!pdu || len < 1 || (pdu[0] != VDEV_ATT_READ_RSP && pdu[0] != VDEV_ATT_READ_BLOB_RSP))
        return -EBADMSG;
    if (value)
        *value = pdu + 1;
    if (vlen)
        *vlen = len - 1;
    return 0;
}
