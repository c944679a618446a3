// The EEPROM kill -9 torture app (tests/e2e/e2e_eeprom.py). Writes without
// end into 9 slots of the EEPROM: write n goes to slot n % 9; slots 0-7 are
// 24-byte records, slot 8 a 400-byte one. Every record holds n, then bytes
// all equal to n's low byte, then a check word, so a torn record shows.
// At boot it prints each slot ("slot S N", N -1 when never written, or
// "torn S"), then "ready", then after each batch of puts "w N": every write
// up to N has returned.
//
// With TORTURE_KILL="M K" in the environment the app kills itself (SIGKILL)
// right after the Kth flash operation (program or erase) of a put, in the
// first put after M puts that has K operations: K of 1 or 2 cuts an
// appended record, more cuts a page swap at that step. It counts them with
// the flash's step hook (flash/nor.h), declared here as apps see no vdev
// headers.

#include "Particle.h"

#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

extern "C" void vdev_nor_set_step_hook(void (*fn)(void *ctx), void *ctx);

const int SLOTS = 9;
const int BIG = 400;
const int BATCH = 200;

// n, then bytes all equal to n's low byte, then a check word
template <int SIZE> struct Record {
    uint32_t n;
    uint8_t fill[SIZE - 8];
    uint32_t check;
};
typedef Record<24> Small;
typedef Record<BIG> Big;

static uint32_t next_n;
static long killAfterPuts = -1, putsDone;
static int killAtOp, opsInPut;

static void onFlashStep(void *ctx)
{
    (void)ctx;
    if (killAfterPuts >= 0 && putsDone >= killAfterPuts && ++opsInPut == killAtOp)
        kill(getpid(), SIGKILL);
}

static int slotAddr(int s) { return s < 8 ? s * 100 : EEPROM.length() - BIG; }
static uint32_t checkOf(uint32_t n, int s) { return (n * 2654435761u) ^ (uint32_t)(s + 1); }

// -2 torn, -1 never written, else n
template <typename R> long readRecord(int s)
{
    R r;
    EEPROM.get(slotAddr(s), r);
    bool erased = r.n == 0xFFFFFFFF && r.check == 0xFFFFFFFF;
    bool whole = true;
    for (size_t i = 0; i < sizeof(r.fill); i++) {
        erased = erased && r.fill[i] == 0xFF;
        whole = whole && r.fill[i] == (uint8_t)r.n;
    }
    if (erased)
        return -1;
    if (!whole || r.check != checkOf(r.n, s) || (long)(r.n % SLOTS) != s)
        return -2;
    return (long)r.n;
}

template <typename R> void writeRecord(uint32_t n, int s)
{
    R r;
    r.n = n;
    memset(r.fill, (uint8_t)n, sizeof(r.fill));
    r.check = checkOf(n, s);
    opsInPut = 0;
    EEPROM.put(slotAddr(s), r);
    putsDone++;
}

static long readSlot(int s) { return s < 8 ? readRecord<Small>(s) : readRecord<Big>(s); }

static void writeSlot(uint32_t n)
{
    int s = (int)(n % SLOTS);
    if (s < 8)
        writeRecord<Small>(n, s);
    else
        writeRecord<Big>(n, s);
}

void setup()
{
    const char *k = getenv("TORTURE_KILL");
    if (k && sscanf(k, "%ld %d", &killAfterPuts, &killAtOp) == 2)
        vdev_nor_set_step_hook(onFlashStep, NULL);
    long top = -1;
    for (int s = 0; s < SLOTS; s++) {
        long n = readSlot(s);
        if (n == -2)
            Serial.printlnf("torn %d", s);
        else
            Serial.printlnf("slot %d %ld", s, n);
        if (n > top)
            top = n;
    }
    next_n = (uint32_t)(top + 1);
    Serial.printlnf("ready %lu", (unsigned long)next_n);
}

void loop()
{
    for (int i = 0; i < BATCH; i++)
        writeSlot(next_n++);
    Serial.printlnf("w %lu", (unsigned long)(next_n - 1));
}
