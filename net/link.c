/* net/link.c - the simulated link's state as sockets see it (up or not, and
 * a generation that changes whenever it goes down), the faults injected on
 * it, the delays and losses they cause (deterministic from the seed), and
 * the interface's simulated addresses. The system layer (system_network.c)
 * drives the state: powering, connecting, the delay before the link is up. */
#include "net.h"

#include "../sim/events.h"

#include <string.h>

static struct {
    enum vdev_link_state state;
    bool fault_down;
    unsigned generation;
    struct vdev_net_faults faults;
    uint64_t rng;
    bool cellular;
    uint64_t mac_seed;
} L;

static uint64_t next_rand(void)
{
    uint64_t z = (L.rng += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

void vdev_link_init(bool cellular, uint64_t seed)
{
    memset(&L, 0, sizeof(L));
    L.cellular = cellular;
    L.rng = seed ^ 0x6E6574776F726Bull; /* its own stream: faults do not shift the app's random numbers */
    L.mac_seed = L.rng;
}

enum vdev_link_state vdev_link_state(void) { return L.state; }
bool vdev_link_up(void) { return L.state == VDEV_LINK_UP && !L.fault_down; }
unsigned vdev_link_generation(void) { return L.generation; }

/* Called by the system layer as the interface changes. */
void vdev_link_set_state(enum vdev_link_state s)
{
    if (L.state == VDEV_LINK_UP && s != VDEV_LINK_UP)
        L.generation++;
    L.state = s;
}

void vdev_link_set_fault_down(bool down)
{
    if (down && !L.fault_down)
        L.generation++;
    L.fault_down = down;
    vdev_event("net-fault", "{s:s}", "link", down ? "down" : "up");
}

bool vdev_link_fault_down(void) { return L.fault_down; }

void vdev_link_set_faults(const struct vdev_net_faults *f)
{
    L.faults = *f;
    vdev_event("net-fault", "{s:I,s:I,s:f,s:I}", "latency_us", (long long)f->latency_us, "jitter_us",
               (long long)f->jitter_us, "loss", f->loss_ppm / 1e4, "bandwidth_bps", (long long)f->bandwidth_bps);
}

void vdev_link_get_faults(struct vdev_net_faults *f) { *f = L.faults; }

uint64_t vdev_link_delay(size_t n, bool tcp)
{
    const struct vdev_net_faults *f = &L.faults;
    uint64_t d = f->latency_us;
    if (f->jitter_us) {
        uint64_t span = 2 * f->jitter_us + 1;
        int64_t j = (int64_t)(next_rand() % span) - (int64_t)f->jitter_us;
        d = (int64_t)d + j < 0 ? 0 : (uint64_t)((int64_t)d + j);
    }
    if (f->bandwidth_bps)
        d += (uint64_t)n * 8u * 1000000u / f->bandwidth_bps;
    /* TCP does not lose data: a lost segment comes again after a retransmission timeout */
    if (tcp && f->loss_ppm)
        while (next_rand() % 1000000u < f->loss_ppm)
            d += 200000u + 2 * f->latency_us;
    return d;
}

bool vdev_link_lose(void) { return L.faults.loss_ppm && next_rand() % 1000000u < L.faults.loss_ppm; }

static void set4(struct vdev_addr *a, uint8_t x, uint8_t y, uint8_t z, uint8_t w)
{
    memset(a, 0, sizeof(*a));
    a->family = 4;
    a->ip[0] = x;
    a->ip[1] = y;
    a->ip[2] = z;
    a->ip[3] = w;
}

void vdev_link_addresses(struct vdev_addr *local, struct vdev_addr *gateway, struct vdev_addr *netmask,
                         struct vdev_addr *dns)
{
    /* a private network of our own; the device reaches the host's addresses */
    if (local)
        set4(local, 10, L.cellular ? 170 : 42, 0, 2);
    if (gateway)
        set4(gateway, 10, L.cellular ? 170 : 42, 0, 1);
    if (netmask)
        set4(netmask, 255, 255, 255, 0);
    if (dns)
        set4(dns, 10, L.cellular ? 170 : 42, 0, 1);
}

void vdev_link_mac(uint8_t mac[6])
{
    static const uint8_t base[6] = { 0xe0, 0x4f, 0x43, 0x00, 0x00, 0x00 };
    memcpy(mac, base, 6);
    uint64_t r = L.mac_seed;
    mac[3] = (uint8_t)(r >> 8);
    mac[4] = (uint8_t)(r >> 16);
    mac[5] = (uint8_t)(r >> 24);
}
