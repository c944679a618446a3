/* ble-bridge/bluez.c - the BlueZ backend: a real adapter through the
 * kernel's Bluetooth stack (libbluetooth). Owns the adapter's sockets and one
 * host thread. Advertising and scanning are HCI commands (bytes from hci.c)
 * sent with hci_send_req() from firmware context. The host thread polls a
 * second raw HCI socket (LE Meta and Disconnection Complete, decoded by
 * hci.c) and the kernel's L2CAP sockets on the ATT channel (CID 4: accepted
 * as peripheral, connected as central), and posts to firmware context with
 * vdev_sched_post(). The kernel picks connection parameters (debugfs
 * conn_min_interval...). bluetoothd also listens on ATT and advertises via
 * mgmt: stop it for predictable results. Raw HCI needs CAP_NET_RAW. */
#define _GNU_SOURCE /* accept4 */
#include "ble_transport.h"

#if __has_include(<bluetooth/bluetooth.h>)

#include "hci.h"

#include "../sim/sched.h"

#include <bluetooth/bluetooth.h>
#include <bluetooth/hci.h>
#include <bluetooth/hci_lib.h>
#include <bluetooth/l2cap.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#define MAX_CONNS 8
#define MAX_RECENT 4
#define MAX_STASH 8
#define CMD_TIMEOUT_MS 1000
#define RUN_WITHOUT ", or run without --ble to use the simulated air"

struct conn {
    int fd;                /* -1: free */
    uint16_t handle;
    int reason;            /* from Disconnection Complete, -1 until then */
};

/* The latest LE Connection Completes: parameters for sockets to come. */
struct recent {
    bool used;
    uint16_t handle;
    struct vdev_ble_conn_params params;
};

/* A scannable advertiser's report waiting for its scan response (or its
 * next advertisement, which sends it on without one). */
struct stash {
    bool used;
    struct vdev_ble_report r;
};

static struct {
    bool open;                 /* firmware context */
    unsigned gen;              /* firmware context: drops posts from a closed backend */
    int dev_id, cmd_fd, evt_fd, wake_fd;
    bool advertising, scanning; /* firmware context */
    pthread_t thread;
    pthread_mutex_t lock;      /* guards the fields below */
    bool stop, active_scan, scan_on, cancel_connect, evt_dead;
    int listen_fd, connect_fd;
    uint8_t connect_peer[6], connect_type;
    struct conn conns[MAX_CONNS];
    struct recent recent[MAX_RECENT];  /* host thread only */
    unsigned recent_next;
    struct stash stash[MAX_STASH];     /* host thread only */
} B = {.lock = PTHREAD_MUTEX_INITIALIZER};

/* ---- posting to firmware context ---- */
enum up_kind { UP_REPORT, UP_CONNECTED, UP_DISCONNECTED, UP_ATT };

struct up_msg {
    unsigned gen;
    enum up_kind kind;
    uint16_t conn;
    bool central;
    uint8_t peer[6], peer_type, reason;
    struct vdev_ble_conn_params params;
    struct vdev_ble_report report;
    size_t len;
    uint8_t data[];
};

static void up_run(void *arg)
{
    struct up_msg *m = arg;
    if (B.open && m->gen == B.gen) {
        if (m->kind == UP_REPORT)
            vdev_ble_bridge_up_report(&m->report);
        else if (m->kind == UP_CONNECTED)
            vdev_ble_bridge_up_connected(m->conn, m->central, m->peer, m->peer_type, &m->params);
        else if (m->kind == UP_DISCONNECTED)
            vdev_ble_bridge_up_disconnected(m->conn, m->reason);
        else
            vdev_ble_bridge_up_att(m->conn, m->data, m->len);
    }
    free(m);
}

/* Post a copy of *m (with len bytes of data); dropped when memory is short. */
static void up_post(const struct up_msg *m, const void *data)
{
    struct up_msg *c = malloc(sizeof *m + m->len);
    if (!c)
        return;
    *c = *m;
    if (m->len)
        memcpy(c->data, data, m->len);
    if (vdev_sched_post(up_run, c) < 0)
        free(c);
}

static void post_report(unsigned gen, const struct vdev_ble_report *r)
{
    up_post(&(struct up_msg){.gen = gen, .kind = UP_REPORT, .report = *r}, NULL);
}

/* ---- HCI commands (firmware context) ---- */
static int bz_cmd(const uint8_t *pkt, int n, bool answered_by_status)
{
    uint16_t op;
    const uint8_t *params;
    size_t plen;
    if (n < 0)
        return n;
    if (vdev_hci_decode_cmd(pkt, (size_t)n, &op, &params, &plen))
        return -EINVAL;
    uint8_t ret[4] = {0};
    struct hci_request rq = {.ogf = (uint16_t)(op >> 10), .ocf = (uint16_t)(op & 0x3FF),
                             .event = answered_by_status ? EVT_CMD_STATUS : 0, .cparam = (void *)params,
                             .clen = (int)plen, .rparam = ret, .rlen = answered_by_status ? 4 : 1};
    if (hci_send_req(B.cmd_fd, &rq, CMD_TIMEOUT_MS) < 0)
        return errno ? -errno : -EIO;
    return vdev_hci_status_errno(ret[0]);
}

static void wake(void)
{
    uint64_t one = 1;
    ssize_t w = write(B.wake_fd, &one, sizeof one); /* cannot fail short of overflow */
    (void)w;
}

/* ---- connections (host thread, B.lock held) ---- */
/* A connected L2CAP socket: record it and tell the firmware. Takes fd. */
static void conn_up(unsigned gen, int fd, bool central, const uint8_t peer[6], uint8_t bdaddr_type)
{
    struct l2cap_conninfo ci;
    socklen_t len = sizeof ci;
    struct conn *slot = NULL;
    for (int i = 0; i < MAX_CONNS && !slot; i++)
        if (B.conns[i].fd < 0)
            slot = &B.conns[i];
    if (!slot || getsockopt(fd, SOL_L2CAP, L2CAP_CONNINFO, &ci, &len) < 0) {
        close(fd);
        return;
    }
    *slot = (struct conn){.fd = fd, .handle = ci.hci_handle, .reason = -1};
    struct up_msg m = {.gen = gen, .kind = UP_CONNECTED, .conn = ci.hci_handle, .central = central};
    memcpy(m.peer, peer, 6);
    m.peer_type = vdev_hci_addr_type_to_hal(bdaddr_type == BDADDR_LE_PUBLIC ? 0 : 1, peer);
    /* the kernel's defaults, unless the event was seen (it comes first) */
    m.params = (struct vdev_ble_conn_params){.interval_us = 50000, .latency = 0, .timeout_us = 420000};
    for (int i = 0; i < MAX_RECENT; i++)
        if (B.recent[i].used && B.recent[i].handle == ci.hci_handle)
            m.params = B.recent[i].params;
    up_post(&m, NULL);
}

static void conn_down(unsigned gen, struct conn *c)
{
    uint8_t reason = c->reason >= 0 ? (uint8_t)c->reason : VDEV_HCI_ERR_REMOTE_USER_TERM;
    up_post(&(struct up_msg){.gen = gen, .kind = UP_DISCONNECTED, .conn = c->handle, .reason = reason}, NULL);
    close(c->fd);
    c->fd = -1;
}

static void conn_read(unsigned gen, struct conn *c)
{
    uint8_t buf[1024];
    ssize_t n = recv(c->fd, buf, sizeof buf, MSG_DONTWAIT);
    if (n < 0 && (errno == EAGAIN || errno == EINTR))
        return;
    if (n <= 0) {
        conn_down(gen, c);
        return;
    }
    up_post(&(struct up_msg){.gen = gen, .kind = UP_ATT, .conn = c->handle, .len = (size_t)n}, buf);
}

static void do_accept(unsigned gen)
{
    struct sockaddr_l2 addr;
    socklen_t len = sizeof addr;
    memset(&addr, 0, sizeof addr);
    int fd = accept4(B.listen_fd, (struct sockaddr *)&addr, &len, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd >= 0)
        conn_up(gen, fd, false, addr.l2_bdaddr.b, addr.l2_bdaddr_type);
}

static void finish_connect(unsigned gen)
{
    int err = 0;
    socklen_t len = sizeof err;
    int fd = B.connect_fd;
    B.connect_fd = -1;
    if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) < 0)
        err = errno;
    if (err) {
        fprintf(stderr, "vdev: BlueZ: connection failed: %s\n", strerror(err));
        close(fd);
        return;
    }
    conn_up(gen, fd, true, B.connect_peer, B.connect_type);
}

/* ---- advertising reports (host thread) ---- */
static struct stash *stash_find(const struct vdev_hci_adv_report *hr)
{
    for (int i = 0; i < MAX_STASH; i++)
        if (B.stash[i].used && !memcmp(B.stash[i].r.addr, hr->addr, 6))
            return &B.stash[i];
    return NULL;
}

static void on_report(unsigned gen, const struct vdev_hci_adv_report *hr, bool active)
{
    struct stash *s = stash_find(hr);
    if (hr->event_type == VDEV_HCI_REPORT_SCAN_RSP) {
        if (s) { /* pair it with the advertisement it answers */
            s->r.has_sr = true;
            s->r.sr_len = hr->data_len;
            memcpy(s->r.sr, hr->data, hr->data_len);
            post_report(gen, &s->r);
            s->used = false;
        }
        return;
    }
    struct vdev_ble_report r;
    if (vdev_hci_report_to(hr, &r) < 0)
        return;
    bool scannable = hr->event_type == VDEV_HCI_REPORT_ADV_IND || hr->event_type == VDEV_HCI_REPORT_SCAN_IND;
    if (!active || !scannable) {
        post_report(gen, &r);
        return;
    }
    if (s) { /* a second advertisement before any scan response */
        post_report(gen, &s->r);
    } else {
        for (int i = 0; i < MAX_STASH && !s; i++)
            if (!B.stash[i].used)
                s = &B.stash[i];
        if (!s) {
            s = &B.stash[0];
            post_report(gen, &s->r);
        }
    }
    s->used = true;
    s->r = r;
}

static void on_event(unsigned gen, const uint8_t *pkt, size_t n)
{
    struct vdev_hci_event ev;
    if (vdev_hci_decode_event(pkt, n, &ev) < 0)
        return;
    if (ev.code == VDEV_HCI_EV_DISCONN_COMPLETE && ev.u.disconn.status == 0) {
        for (int i = 0; i < MAX_CONNS; i++)
            if (B.conns[i].fd >= 0 && B.conns[i].handle == ev.u.disconn.handle)
                B.conns[i].reason = ev.u.disconn.reason;
    } else if (ev.code == VDEV_HCI_EV_LE_META && ev.subevent == VDEV_HCI_LE_CONN_COMPLETE && ev.u.conn.status == 0) {
        struct recent *r = &B.recent[B.recent_next++ % MAX_RECENT];
        for (int i = 0; i < MAX_RECENT; i++) /* handles are reused: keep one entry each */
            if (B.recent[i].used && B.recent[i].handle == ev.u.conn.handle)
                r = &B.recent[i];
        r->used = true;
        r->handle = ev.u.conn.handle;
        vdev_hci_conn_params_to(ev.u.conn.interval, ev.u.conn.latency, ev.u.conn.timeout, &r->params);
    } else if (ev.code == VDEV_HCI_EV_LE_META && ev.subevent == VDEV_HCI_LE_ADV_REPORT && B.scan_on) {
        for (unsigned i = 0; i < ev.u.reports.num; i++)
            on_report(gen, &ev.u.reports.r[i], B.active_scan);
    }
}

/* Read every queued HCI event first, so a connection's parameters and a
 * disconnection's reason are known before its L2CAP socket is looked at. */
static void drain_events(unsigned gen)
{
    uint8_t buf[HCI_MAX_EVENT_SIZE + 1];
    for (;;) {
        ssize_t n = read(B.evt_fd, buf, sizeof buf);
        if (n <= 0)
            return;
        if (buf[0] == HCI_EVENT_PKT)
            on_event(gen, buf + 1, (size_t)n - 1);
    }
}

enum { PF_WAKE, PF_EVT, PF_LISTEN, PF_CONNECT, PF_CONN0 };

static void *host_thread(void *arg)
{
    unsigned gen = (unsigned)(uintptr_t)arg;
    struct pollfd pf[PF_CONN0 + MAX_CONNS];
    pthread_mutex_lock(&B.lock);
    while (!B.stop) {
        if (B.cancel_connect && B.connect_fd >= 0) {
            close(B.connect_fd);
            B.connect_fd = -1;
        }
        B.cancel_connect = false;
        if (!B.scan_on) /* reports after scanning stopped would be stale */
            memset(B.stash, 0, sizeof B.stash);
        pf[PF_WAKE] = (struct pollfd){.fd = B.wake_fd, .events = POLLIN};
        pf[PF_EVT] = (struct pollfd){.fd = B.evt_dead ? -1 : B.evt_fd, .events = POLLIN};
        pf[PF_LISTEN] = (struct pollfd){.fd = B.listen_fd, .events = POLLIN};
        pf[PF_CONNECT] = (struct pollfd){.fd = B.connect_fd, .events = POLLOUT};
        for (int i = 0; i < MAX_CONNS; i++)
            pf[PF_CONN0 + i] = (struct pollfd){.fd = B.conns[i].fd, .events = POLLIN};
        pthread_mutex_unlock(&B.lock);
        int rc = poll(pf, PF_CONN0 + MAX_CONNS, -1);
        pthread_mutex_lock(&B.lock);
        if (rc < 0 && errno != EINTR)
            break;
        if (B.stop)
            break;
        uint64_t v;
        if (pf[PF_WAKE].revents && read(B.wake_fd, &v, sizeof v) < 0)
            v = 0; /* already drained */
        if (pf[PF_EVT].revents & (POLLERR | POLLHUP | POLLNVAL)) { /* the adapter went away */
            fprintf(stderr, "vdev: BlueZ: lost the adapter; no more advertising reports\n");
            B.evt_dead = true;
        }
        if (!B.evt_dead)
            drain_events(gen);
        if (pf[PF_LISTEN].revents & (POLLERR | POLLHUP | POLLNVAL)) {
            close(B.listen_fd); /* re-created by the next adv_start */
            B.listen_fd = -1;
        }
        if (pf[PF_CONNECT].revents && B.connect_fd == pf[PF_CONNECT].fd)
            finish_connect(gen);
        if (pf[PF_LISTEN].revents && B.listen_fd == pf[PF_LISTEN].fd)
            do_accept(gen);
        for (int i = 0; i < MAX_CONNS; i++)
            if (pf[PF_CONN0 + i].revents && B.conns[i].fd == pf[PF_CONN0 + i].fd && B.conns[i].fd >= 0)
                conn_read(gen, &B.conns[i]);
    }
    pthread_mutex_unlock(&B.lock);
    return NULL;
}

/* ---- the backend (firmware context) ---- */
static int bz_adv_enable(bool on)
{
    uint8_t b[8];
    int rc = bz_cmd(b, vdev_hci_cmd_le_set_adv_enable(b, sizeof b, on), false);
    if (!rc || !on)
        B.advertising = on;
    return rc;
}

static struct sockaddr_l2 l2_addr(const uint8_t addr[6], uint8_t bdaddr_type)
{
    struct sockaddr_l2 a;
    memset(&a, 0, sizeof a);
    a.l2_family = AF_BLUETOOTH;
    memcpy(a.l2_bdaddr.b, addr, 6);
    a.l2_cid = htobs(VDEV_L2CAP_CID_ATT);
    a.l2_bdaddr_type = bdaddr_type;
    return a;
}

/* A non-blocking L2CAP socket on the ATT channel, bound to addr; then
 * listening (peer NULL) or connecting to peer. fd or -errno. */
static int l2_socket(const uint8_t addr[6], uint8_t type, const uint8_t *peer, uint8_t peer_type)
{
    int fd = socket(AF_BLUETOOTH, SOCK_SEQPACKET | SOCK_NONBLOCK | SOCK_CLOEXEC, BTPROTO_L2CAP);
    if (fd < 0)
        return -errno;
    struct sockaddr_l2 me = l2_addr(addr, type), them = peer ? l2_addr(peer, peer_type) : me;
    if (bind(fd, (struct sockaddr *)&me, sizeof me) < 0 ||
        (!peer && listen(fd, 1) < 0) ||
        (peer && connect(fd, (struct sockaddr *)&them, sizeof them) < 0 && errno != EINPROGRESS)) {
        int e = -errno;
        close(fd);
        return e;
    }
    return fd;
}

/* Listen for incoming ATT connections (peripheral). */
static int bz_listen(uint8_t own_type)
{
    static const uint8_t any[6];
    pthread_mutex_lock(&B.lock);
    bool listening = B.listen_fd >= 0;
    pthread_mutex_unlock(&B.lock);
    if (listening)
        return 0;
    int fd = l2_socket(any, own_type ? BDADDR_LE_RANDOM : BDADDR_LE_PUBLIC, NULL, 0);
    if (fd < 0)
        return fd;
    pthread_mutex_lock(&B.lock);
    B.listen_fd = fd;
    pthread_mutex_unlock(&B.lock);
    wake();
    return 0;
}

static int bz_adv_start(const struct vdev_ble_adv *a)
{
    uint8_t b[40];
    struct vdev_hci_adv_params p;
    int rc = vdev_hci_adv_params_from(a, &p);
    if (rc)
        return rc;
    if (B.advertising)
        bz_adv_enable(false);
    if (p.own_addr_type == 1 && (rc = bz_cmd(b, vdev_hci_cmd_le_set_random_addr(b, sizeof b, a->addr), false)))
        return rc;
    if ((rc = bz_cmd(b, vdev_hci_cmd_le_set_adv_params(b, sizeof b, &p), false)) ||
        (rc = bz_cmd(b, vdev_hci_cmd_le_set_adv_data(b, sizeof b, a->data, a->data_len), false)) ||
        (rc = bz_cmd(b, vdev_hci_cmd_le_set_scan_rsp_data(b, sizeof b, a->sr, a->sr_len), false)))
        return rc;
    if (p.adv_type == VDEV_HCI_ADV_IND || p.adv_type == VDEV_HCI_ADV_DIRECT_IND) {
        if ((rc = bz_listen(p.own_addr_type)))
            return rc;
    }
    return bz_adv_enable(true);
}

static int bz_adv_stop(void) { return bz_adv_enable(false); }

static int bz_scan_enable(bool on, bool active)
{
    uint8_t b[8];
    int rc = bz_cmd(b, vdev_hci_cmd_le_set_scan_enable(b, sizeof b, on, false), false);
    if (!rc || !on) {
        B.scanning = on;
        pthread_mutex_lock(&B.lock);
        B.scan_on = on;
        B.active_scan = active;
        pthread_mutex_unlock(&B.lock);
        wake();
    }
    return rc;
}

static int bz_scan_start(const struct vdev_ble_scan *s)
{
    uint8_t b[16];
    struct vdev_hci_scan_params p;
    vdev_hci_scan_params_from(s, &p);
    if (B.scanning)
        bz_scan_enable(false, false);
    int rc;
    if (p.own_addr_type == 1 && !B.advertising &&
        (rc = bz_cmd(b, vdev_hci_cmd_le_set_random_addr(b, sizeof b, s->addr), false)))
        return rc;
    if ((rc = bz_cmd(b, vdev_hci_cmd_le_set_scan_params(b, sizeof b, &p), false)))
        return rc;
    return bz_scan_enable(true, s->active);
}

static int bz_scan_stop(void) { return bz_scan_enable(false, false); }

static int bz_connect(const uint8_t addr[6], uint8_t addr_type, const struct vdev_ble_conn_params *p)
{
    (void)p; /* the kernel picks the parameters */
    bdaddr_t own;
    pthread_mutex_lock(&B.lock);
    bool busy = B.connect_fd >= 0;
    pthread_mutex_unlock(&B.lock);
    if (busy)
        return -EBUSY;
    if (hci_devba(B.dev_id, &own) < 0)
        return -errno;
    uint8_t type = addr_type ? BDADDR_LE_RANDOM : BDADDR_LE_PUBLIC;
    int fd = l2_socket(own.b, BDADDR_LE_PUBLIC, addr, type);
    if (fd < 0)
        return fd;
    pthread_mutex_lock(&B.lock);
    B.connect_fd = fd;
    memcpy(B.connect_peer, addr, 6);
    B.connect_type = type;
    B.cancel_connect = false;
    pthread_mutex_unlock(&B.lock);
    wake();
    return 0;
}

static int bz_connect_cancel(void)
{
    pthread_mutex_lock(&B.lock);
    B.cancel_connect = true;
    pthread_mutex_unlock(&B.lock);
    wake();
    return 0;
}

static int bz_disconnect(uint16_t conn, uint8_t reason)
{
    uint8_t b[8];
    return bz_cmd(b, vdev_hci_cmd_disconnect(b, sizeof b, conn, reason), true);
}

static int bz_send(uint16_t conn, const uint8_t *pdu, size_t len)
{
    int rc = -ENOTCONN;
    pthread_mutex_lock(&B.lock);
    for (int i = 0; i < MAX_CONNS; i++) {
        if (B.conns[i].fd >= 0 && B.conns[i].handle == conn) {
            rc = send(B.conns[i].fd, pdu, len, MSG_DONTWAIT | MSG_NOSIGNAL) < 0 ? -errno : 0;
            break;
        }
    }
    pthread_mutex_unlock(&B.lock);
    return rc;
}

static void close_fd(int *fd)
{
    if (*fd >= 0)
        close(*fd);
    *fd = -1;
}

static void bz_close(void)
{
    if (!B.open)
        return;
    pthread_mutex_lock(&B.lock);
    B.stop = true;
    pthread_mutex_unlock(&B.lock);
    wake();
    pthread_join(B.thread, NULL);
    if (B.advertising)
        bz_adv_enable(false);
    if (B.scanning)
        bz_scan_enable(false, false);
    close_fd(&B.listen_fd);
    close_fd(&B.connect_fd);
    for (int i = 0; i < MAX_CONNS; i++)
        close_fd(&B.conns[i].fd);
    hci_close_dev(B.cmd_fd);
    hci_close_dev(B.evt_fd);
    close_fd(&B.wake_fd);
    B.open = false;
    B.gen++;
}

static const struct vdev_ble_backend bluez_backend = {
    .adv_start = bz_adv_start, .adv_stop = bz_adv_stop, .scan_start = bz_scan_start, .scan_stop = bz_scan_stop,
    .connect = bz_connect, .connect_cancel = bz_connect_cancel, .disconnect = bz_disconnect, .send = bz_send,
    .close = bz_close,
};

/* The event socket sees LE Meta and Disconnection Complete events only. */
static int open_event_socket(int dev_id)
{
    int fd = hci_open_dev(dev_id);
    if (fd < 0)
        return -errno;
    struct hci_filter f;
    hci_filter_clear(&f);
    hci_filter_set_ptype(HCI_EVENT_PKT, &f);
    hci_filter_set_event(EVT_LE_META_EVENT, &f);
    hci_filter_set_event(EVT_DISCONN_COMPLETE, &f);
    if (setsockopt(fd, SOL_HCI, HCI_FILTER, &f, sizeof f) < 0 || fcntl(fd, F_SETFL, O_NONBLOCK) < 0) {
        int e = -errno;
        hci_close_dev(fd);
        return e;
    }
    return fd;
}

const struct vdev_ble_backend *vdev_ble_bluez_open(const char *dev, char *err, size_t errlen)
{
    if (B.open) {
        snprintf(err, errlen, "BlueZ: an adapter is already open");
        return NULL;
    }
    if (!dev || !*dev)
        dev = "hci0";
    int probe = socket(AF_BLUETOOTH, SOCK_RAW | SOCK_CLOEXEC, BTPROTO_HCI);
    if (probe < 0) {
        int e = errno;
        if (e == EAFNOSUPPORT || e == EPROTONOSUPPORT || e == ESOCKTNOSUPPORT)
            snprintf(err, errlen, "BlueZ: this kernel has no Bluetooth support (socket(AF_BLUETOOTH) failed: %s); "
                     "run without --ble to use the simulated air", strerror(e));
        else if (e == EPERM || e == EACCES)
            snprintf(err, errlen, "BlueZ: not allowed to open a raw HCI socket (%s); run as root or grant "
                     "CAP_NET_RAW" RUN_WITHOUT, strerror(e));
        else
            snprintf(err, errlen, "BlueZ: cannot open an HCI socket (%s)" RUN_WITHOUT, strerror(e));
        return NULL;
    }
    close(probe);
    errno = ENODEV;
    int id = hci_devid(dev);
    if (id < 0) {
        snprintf(err, errlen, "BlueZ: no adapter %s (%s); list adapters with `btmgmt info`" RUN_WITHOUT, dev,
                 strerror(errno ? errno : ENODEV));
        return NULL;
    }
    struct hci_dev_info di;
    if (hci_devinfo(id, &di) == 0 && !hci_test_bit(HCI_UP, &di.flags)) {
        snprintf(err, errlen, "BlueZ: adapter %s is down; power it on with `btmgmt --index %d power on`" RUN_WITHOUT,
                 dev, id);
        return NULL;
    }
    int cmd_fd = hci_open_dev(id);
    int evt_fd = cmd_fd < 0 ? -errno : open_event_socket(id);
    if (cmd_fd < 0 || evt_fd < 0) {
        int e = cmd_fd < 0 ? errno : -evt_fd;
        if (cmd_fd >= 0)
            hci_close_dev(cmd_fd);
        snprintf(err, errlen, "BlueZ: cannot open adapter %s (%s)" RUN_WITHOUT, dev, strerror(e));
        return NULL;
    }
    int wake_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    unsigned gen = B.gen;
    memset(&B, 0, sizeof B);
    B.lock = (pthread_mutex_t)PTHREAD_MUTEX_INITIALIZER;
    B.gen = gen;
    B.dev_id = id;
    B.cmd_fd = cmd_fd;
    B.evt_fd = evt_fd;
    B.wake_fd = wake_fd;
    B.listen_fd = B.connect_fd = -1;
    for (int i = 0; i < MAX_CONNS; i++)
        B.conns[i].fd = -1;
    int rc = wake_fd < 0 ? errno : pthread_create(&B.thread, NULL, host_thread, (void *)(uintptr_t)gen);
    if (rc) {
        snprintf(err, errlen, "BlueZ: cannot start the adapter's host thread (%s)", strerror(rc));
        close_fd(&B.wake_fd);
        hci_close_dev(cmd_fd);
        hci_close_dev(evt_fd);
        return NULL;
    }
    B.open = true;
    return &bluez_backend;
}

#else /* no libbluetooth */

#include <stdio.h>

const struct vdev_ble_backend *vdev_ble_bluez_open(const char *dev, char *err, size_t errlen)
{
    snprintf(err, errlen,
             "BlueZ: vdev was built without libbluetooth, so it cannot use %s (install libbluetooth-dev and "
             "rebuild); run without --ble to use the simulated air", dev && *dev ? dev : "an adapter");
    return NULL;
}

#endif
