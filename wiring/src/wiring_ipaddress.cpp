// vdev wiring: IPAddress (IPv4 and IPv6), see spark_wiring_ipaddress.h.
#include "spark_wiring_ipaddress.h"

#include <cstdio>
#include <cstring>

#include "spark_wiring_print.h"

IPAddress::IPAddress(const HAL_IPAddress& address) { *this = address; }

IPAddress::IPAddress(uint8_t first_octet, uint8_t second_octet, uint8_t third_octet, uint8_t fourth_octet)
{
    set_ipv4(first_octet, second_octet, third_octet, fourth_octet);
}

IPAddress::IPAddress(uint32_t address) { *this = address; }

IPAddress::IPAddress(const uint8_t* address) { *this = address; }

IPAddress::IPAddress(const vdev_ip& address)
{
    clear();
    if (address.version == 6)
        set_ipv6(address.bytes);
    else if (address.version == 4)
        set_ipv4(address.bytes[0], address.bytes[1], address.bytes[2], address.bytes[3]);
}

void IPAddress::clear() { std::memset(&address_, 0, sizeof(address_)); }

void IPAddress::set_ipv4(uint8_t b0, uint8_t b1, uint8_t b2, uint8_t b3)
{
    clear();
    address_.ipv4 = (uint32_t)b0 << 24 | (uint32_t)b1 << 16 | (uint32_t)b2 << 8 | b3;
    address_.v = 4;
}

void IPAddress::set_ipv6(const uint8_t* bytes16)
{
    clear();
    if (bytes16)
        std::memcpy(address_.ipv6, bytes16, 16);
    address_.v = 6;
}

IPAddress& IPAddress::operator=(const uint8_t* address)
{
    if (address)
        set_ipv4(address[0], address[1], address[2], address[3]);
    else
        set_ipv4(0, 0, 0, 0);
    return *this;
}

IPAddress& IPAddress::operator=(uint32_t address)
{
    clear();
    address_.ipv4 = address;
    address_.v = 4;
    return *this;
}

IPAddress& IPAddress::operator=(const HAL_IPAddress& address)
{
    clear();
    if (address.v == 6) {
        std::memcpy(address_.ipv6, address.ipv6, sizeof(address_.ipv6));
        address_.v = 6;
    } else {
        address_.ipv4 = address.ipv4;
        address_.v = address.v;
    }
    return *this;
}

uint8_t& IPAddress::operator[](int index)
{
    uint8_t* b = reinterpret_cast<uint8_t*>(&address_.ipv4);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    return b[index & 3];
#else
    return b[3 - (index & 3)];
#endif
}

IPAddress::operator bool() const
{
    if (address_.v == 6)
        return address_.ipv6[0] != 0 || address_.ipv6[1] != 0 || address_.ipv6[2] != 0 || address_.ipv6[3] != 0;
    return address_.ipv4 != 0;
}

bool IPAddress::operator==(const IPAddress& that) const
{
    const bool v6 = version() == 6, that_v6 = that.version() == 6;
    if (v6 != that_v6)
        return false;
    if (v6)
        return std::memcmp(address_.ipv6, that.address_.ipv6, sizeof(address_.ipv6)) == 0;
    return address_.ipv4 == that.address_.ipv4;
}

bool IPAddress::operator==(const uint8_t* bytes) const
{
    if (version() == 6 || !bytes)
        return false;
    return IPAddress(bytes).address_.ipv4 == address_.ipv4;
}

vdev_ip IPAddress::to_vdev_ip() const
{
    vdev_ip ip;
    std::memset(&ip, 0, sizeof(ip));
    if (version() == 6) {
        ip.version = 6;
        std::memcpy(ip.bytes, address_.ipv6, 16);
    } else {
        ip.version = 4;
        for (int i = 0; i < 4; i++)
            ip.bytes[i] = (*this)[i];
    }
    return ip;
}

size_t IPAddress::format(char* buf, size_t size) const
{
    char text[48];
    size_t n = 0;
    if (version() != 6) {
        n = (size_t)std::snprintf(text, sizeof(text), "%u.%u.%u.%u", (unsigned)(*this)[0], (unsigned)(*this)[1],
                                  (unsigned)(*this)[2], (unsigned)(*this)[3]);
    } else {
        // RFC 5952: lower-case hex, no leading zeros, the longest run of two
        // or more zero groups (the first one on a tie) shown as "::"
        const uint8_t* b = reinterpret_cast<const uint8_t*>(address_.ipv6);
        unsigned g[8];
        for (int i = 0; i < 8; i++)
            g[i] = (unsigned)b[2 * i] << 8 | b[2 * i + 1];
        int best = -1, best_len = 0;
        for (int i = 0; i < 8;) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0)
                j++;
            if (j - i > best_len && j - i >= 2) {
                best = i;
                best_len = j - i;
            }
            i = j;
        }
        for (int i = 0; i < 8; i++) {
            if (i == best) {
                n += (size_t)std::snprintf(text + n, sizeof(text) - n, "::");
                i += best_len - 1;
                continue;
            }
            if (i > 0 && i != best + best_len)
                text[n++] = ':';
            n += (size_t)std::snprintf(text + n, sizeof(text) - n, "%x", g[i]);
        }
        text[n] = 0;
    }
    if (buf && size) {
        size_t c = n < size - 1 ? n : size - 1;
        std::memcpy(buf, text, c);
        buf[c] = 0;
    }
    return n;
}

size_t IPAddress::printTo(Print& p) const
{
    char text[48];
    format(text, sizeof(text));
    return p.print(text);
}

String IPAddress::toString() const
{
    char text[48];
    format(text, sizeof(text));
    return String(text);
}
