// vdev wiring: class IPAddress (Particle Device OS 1.4 API): an IPv4 or IPv6
// address, printable, comparable and testable as bool. Also the network
// interface type taken by TCPClient/TCPServer/UDP.
//
// Storage follows Device OS's HAL_IPAddress: `ipv4` is a host-order word whose
// most significant byte is the first octet (IPAddress(0x7F000001) is
// 127.0.0.1, ip[0] == 127); `ipv6` holds the 16 address bytes in network
// order; `v` is the version (4 or 6; 0 for a default/cleared address, which
// behaves as 0.0.0.0).
#ifndef SPARK_WIRING_IPADDRESS_H
#define SPARK_WIRING_IPADDRESS_H

#include <cstddef>
#include <cstdint>

#include "spark_wiring_printable.h"
#include "spark_wiring_string.h"
#include "system_network.h"

#ifndef VDEV_NETWORK_INTERFACE_T_DEFINED
#define VDEV_NETWORK_INTERFACE_T_DEFINED
// Which interface a socket uses. vdev has one interface per device, so the
// value is accepted and ignored (0, NETWORK_INTERFACE_ALL: the default one).
typedef uint32_t network_interface_t;
enum network_interface_index {
    NETWORK_INTERFACE_ALL = 0,
    NETWORK_INTERFACE_LOOPBACK = 1,
    NETWORK_INTERFACE_MESH = 2,
    NETWORK_INTERFACE_ETHERNET = 3,
    NETWORK_INTERFACE_CELLULAR = 4,
    NETWORK_INTERFACE_WIFI_STA = 4,
    NETWORK_INTERFACE_WIFI_AP = 5
};
#endif

#ifndef HAL_IPADDRESS_DEFINED
#define HAL_IPADDRESS_DEFINED
typedef struct _HAL_IPAddress_t {
    union {
        uint32_t ipv4;    // host order, first octet in the top byte
        uint32_t ipv6[4]; // network-order bytes
    };
    uint8_t v; // 4, 6 (0: unset, treated as IPv4)
} HAL_IPAddress;
#endif

class Print;

class IPAddress : public Printable {
public:
    IPAddress() { clear(); }
    IPAddress(const HAL_IPAddress& address);
    IPAddress(uint8_t first_octet, uint8_t second_octet, uint8_t third_octet, uint8_t fourth_octet);
    IPAddress(uint32_t address);
    // four bytes, first octet first (IPv4)
    IPAddress(const uint8_t* address);
    // from the system layer's address (version 0 gives an empty address)
    IPAddress(const vdev_ip& address);
    virtual ~IPAddress() {}

    // IPv4: true when not 0.0.0.0. IPv6: true when any of the four 32-bit
    // words is non-zero (Device OS 1.4.0 fix #1912).
    operator bool() const;
    operator bool() { return static_cast<const IPAddress*>(this)->operator bool(); }

    bool operator==(const IPAddress& that) const;
    bool operator!=(const IPAddress& that) const { return !(*this == that); }
    // compares with an IPv4 host-order word (false for IPv6)
    bool operator==(uint32_t address) const { return version() != 6 && address_.ipv4 == address; }
    bool operator!=(uint32_t address) const { return !(*this == address); }
    // compares with four bytes, first octet first (false for IPv6)
    bool operator==(const uint8_t* bytes) const;
    bool operator!=(const uint8_t* bytes) const { return !(*this == bytes); }

    // IPv4 octets: ip[0] is the first one
    uint8_t operator[](int index) const { return static_cast<uint8_t>(address_.ipv4 >> (8 * (3 - (index & 3)))); }
    uint8_t& operator[](int index);

    IPAddress& operator=(const uint8_t* address);
    IPAddress& operator=(uint32_t address);
    IPAddress& operator=(const HAL_IPAddress& address);

    const HAL_IPAddress& raw() const { return address_; }
    HAL_IPAddress& raw() { return address_; }

    uint8_t version() const { return address_.v; }
    void clear();
    void set_ipv4(uint8_t b0, uint8_t b1, uint8_t b2, uint8_t b3);
    // IPv6 from its 16 network-order bytes
    void set_ipv6(const uint8_t* bytes16);

    // "a.b.c.d", or the compressed IPv6 form of RFC 5952 ("2001:db8::1")
    String toString() const;
    virtual size_t printTo(Print& p) const override;

    // vdev: the address as the system layer takes it
    vdev_ip to_vdev_ip() const;
    // vdev: writes the NUL-terminated text form into buf (46 bytes suffice);
    // returns its length
    size_t format(char* buf, size_t size) const;

private:
    HAL_IPAddress address_;
};

#endif // SPARK_WIRING_IPADDRESS_H
