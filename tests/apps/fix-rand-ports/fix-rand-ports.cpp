// Device OS 1.4.0 #1905: every thread seeds rand() from the hardware RNG, and
// ephemeral ports of outgoing connections come from it. Prints the first
// rand() of the application thread and of a worker thread, then the local
// port of a TCPClient connection to the app's own server on loopback (as
// the server saw it) and of a raw sock_connect (sock_getsockname). The same
// --seed gives the same lines, another seed other ones (e2e test
// fix_rand_ports_1905). The server's ends close first: a port left in
// TIME_WAIT by the client would make the next run with the same seed pick
// another one (vdev moves on to the next rand() when a bind fails).
#include "Particle.h"

SYSTEM_MODE(SEMI_AUTOMATIC);

static volatile int workerRand = 0;
static volatile bool workerDone = false;

static void worker(void*)
{
    workerRand = rand();
    workerDone = true;
    for (;;) {
        delay(1000);
    }
}

static int appRand;
static Thread* thread;

static struct sockaddr_in loopback(uint16_t port)
{
    struct sockaddr_in a = {};
    a.sin_len = sizeof(a);
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return a;
}

static void ports()
{
    int lst = sock_socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    struct sockaddr_in a = loopback(0);
    sock_bind(lst, (struct sockaddr*)&a, sizeof(a));
    sock_listen(lst, 4);
    socklen_t len = sizeof(a);
    sock_getsockname(lst, (struct sockaddr*)&a, &len);
    uint16_t serverPort = ntohs(a.sin_port);

    // TCPClient: the server sees the client's port
    TCPClient client;
    int rc = client.connect(IPAddress(127, 0, 0, 1), serverPort);
    struct sockaddr_in peer = {};
    len = sizeof(peer);
    int acc = sock_accept(lst, (struct sockaddr*)&peer, &len);
    Serial.printlnf("tcpclient connect %d, server saw port %u", rc, acc >= 0 ? ntohs(peer.sin_port) : 0);

    // raw socket: its own name
    int s = sock_socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    struct sockaddr_in srv = loopback(serverPort);
    rc = sock_connect(s, (struct sockaddr*)&srv, sizeof(srv));
    struct sockaddr_in mine = {};
    len = sizeof(mine);
    sock_getsockname(s, (struct sockaddr*)&mine, &len);
    struct sockaddr_in peer2 = {};
    len = sizeof(peer2);
    int acc2 = sock_accept(lst, (struct sockaddr*)&peer2, &len);
    Serial.printlnf("sock_connect %d, local port %u, server saw port %u", rc, ntohs(mine.sin_port),
                    acc2 >= 0 ? ntohs(peer2.sin_port) : 0);

    // the server's side closes first, so TIME_WAIT stays on the server's
    // port: the client ports are free again for the next run with this seed
    sock_close(acc);
    sock_close(acc2);
    char b;
    for (int i = 0; i < 100 && client.connected(); i++) {
        delay(1);
    }
    for (int i = 0; i < 100 && sock_recv(s, &b, 1, MSG_DONTWAIT) != 0; i++) {
        delay(1);
    }
    client.stop();
    sock_close(s);
    sock_close(lst);
}

void setup()
{
    Serial.begin(9600);
    appRand = rand();
    thread = new Thread("worker", worker, nullptr);
    Network.connect();
}

void loop()
{
    static bool done = false;
    if (done || !workerDone || !Network.ready()) {
        return;
    }
    done = true;
    Serial.printlnf("rand app %d worker %d %s", appRand, workerRand, appRand != workerRand ? "differ" : "SAME");
    ports();
    Serial.println("done");
}
