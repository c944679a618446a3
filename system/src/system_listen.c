/* system/src/system_listen.c - listening mode as Device OS 1.4 runs it: the
 * requests to enter and leave it, the system's loop while it lasts (on the
 * system thread: single-threaded apps are blocked, threaded ones go on),
 * the network paused and resumed, the blinking blue LED, the setup_begin /
 * setup_update (every second) / setup_end system events, the `listen`
 * events, the Photon's timeout, clearing credentials (MODE held 10 s), and
 * `L`'s listening at the next start. The console itself: system_console.c. */
#include "../include/system_listen.h"
#include "../include/logging.h"
#include "../include/system_led.h"
#include "../include/system_mode.h"
#include "../include/system_network.h"
#include "../include/system_tasks.h"
#include "system_console.h"

#include "../../hal-posix/include/dct_hal.h"
#include "../../hal-posix/include/hal_platform.h"
#include "../../hal-posix/include/usart_hal.h"
#include "../../hal-posix/src/hal_sim.h"
#include "../../sim/events.h"
#include "../../sim/platform.h"
#include "../../sim/sched.h"

/* The DCT, when the flash module is linked in (else `L` only resets). */
#pragma weak dct_read_app_data_copy
#pragma weak dct_write_app_data

#define SETUP_BEGIN (1ull << 1)
#define SETUP_UPDATE (1ull << 2)
#define SETUP_END (1ull << 3)
#define UPDATE_US 1000000u          /* setup_update every second */
#define CLEARING_US 1250000u        /* 25 fast blinks of 50 ms */

static struct {
    bool requested;     /* listening asked for (and not yet over) */
    bool leaving;       /* asked to end */
    bool active;        /* the loop runs */
    bool resume_net;    /* connect again at the end */
    bool clear;         /* clear the credentials (MODE held 10 s) */
    const char *why_begin, *why_end;
    unsigned timeout_s;
    uint64_t started, timeout_from, next_update;
    char wake;          /* the loop waits on it */
    bool hooked;
} L;

static void poke(void)
{
    vdev_sched_lock();
    vdev_sched_wake(&L.wake, -1);
    vdev_sched_unlock();
    vdev_system_wake(); /* a threaded system waits between its rounds */
    vdev_app_wake();    /* a single-threaded app waits in delay() */
}

static void on_serial(int port)
{
    if (port == 0 && L.active)
        poke();
}

/* True from the request until listening mode has ended (as Device OS's
 * network_listening(): its own exit messages still count as listening). */
bool vdev_listening(void) { return L.requested; }

void vdev_listen_request(bool begin, const char *why)
{
    if (begin) {
        if (L.requested && !L.leaving)
            return;
        if (!L.requested)
            L.why_begin = why;
        L.requested = true;
        L.leaving = false;
    } else {
        if (!L.requested || L.leaving)
            return;
        L.leaving = true;
        L.why_end = why;
    }
    poke();
}

void vdev_listen_for_credentials(void)
{
    L.resume_net = true;
    vdev_listen_request(true, "no-credentials");
}

void vdev_listen_connect_after(void) { L.resume_net = true; }

void vdev_listen_credentials_added(void)
{
    L.resume_net = true;
    vdev_listen_request(false, "credentials");
}

void vdev_listen_clear_credentials(void)
{
    if (!L.requested || L.leaving || !network_has_wifi())
        return;
    L.clear = true;
    poke();
}

int vdev_listen_set_timeout(unsigned seconds)
{
    if (!vdev_platform_current()->wifi || vdev_platform_current()->ble)
        return SYSTEM_ERROR_NOT_SUPPORTED; /* Gen 3: no listening timeout in 1.4 */
    L.timeout_s = seconds;
    L.timeout_from = vdev_clock_now(); /* a new value starts the timer afresh */
    poke();
    return 0;
}

unsigned vdev_listen_timeout(void) { return L.timeout_s; }

static uint64_t elapsed_ms(void) { return (vdev_clock_now() - L.started) / 1000u; }

static void begin(void)
{
    L.active = true;
    L.started = L.timeout_from = vdev_clock_now();
    L.next_update = L.started + UPDATE_US;
    if (!L.hooked) {
        vdev_serial_set_rx_hook(on_serial);
        L.hooked = true;
    }
    log_message(LOG_LEVEL_INFO, "system.listen", NULL, NULL, "Entering listening mode");
    vdev_event("listen", "{s:s,s:s}", "state", "begin", "reason", L.why_begin ? L.why_begin : "api");
    if (network_connecting() || network_ready()) { /* the connection is dropped while listening */
        L.resume_net = true;
        network_disconnect();
    }
    vdev_led_set_signal(VDEV_LED_SIGNAL_LISTENING, true);
    vdev_system_raise(SETUP_BEGIN, 0);
}

static void end(void)
{
    vdev_led_set_signal(VDEV_LED_SIGNAL_LISTENING, false);
    uint64_t ms = elapsed_ms();
    vdev_event("listen", "{s:s,s:s,s:I}", "state", "end", "reason", L.why_end ? L.why_end : "api", "ms",
               (long long)ms);
    log_message(LOG_LEVEL_INFO, "system.listen", NULL, NULL, "Exiting listening mode");
    L.active = L.requested = L.leaving = false;
    vdev_system_raise(SETUP_END, (int)ms);
    if (L.resume_net) {
        L.resume_net = false;
        network_connect();
    }
}

/* Clearing the credentials: the LED blinks blue fast for 1.25 s first. */
static void clear_credentials(void)
{
    L.clear = false;
    vdev_event("listen", "{s:s}", "state", "clearing-credentials");
    vdev_led_set_signal(VDEV_LED_SIGNAL_CLEARING, true);
    uint64_t until = vdev_clock_now() + CLEARING_US;
    vdev_sched_lock();
    while (vdev_clock_now() < until)
        vdev_sched_wait(NULL, until);
    vdev_sched_unlock();
    network_clear_credentials();
    vdev_led_set_signal(VDEV_LED_SIGNAL_CLEARING, false);
}

/* Listening mode's time: updates, the timeout, clearing; and, single
 * threaded, the app's system events (its handlers run while it listens). */
static void keep_time(void)
{
    uint64_t now = vdev_clock_now();
    if (now >= L.next_update) {
        L.next_update = now + UPDATE_US;
        vdev_system_raise(SETUP_UPDATE, (int)elapsed_ms());
    }
    if (L.timeout_s && now >= L.timeout_from + (uint64_t)L.timeout_s * 1000000u)
        vdev_listen_request(false, "timeout");
    if (L.clear)
        clear_credentials();
    vdev_system_run_tasks();
}

int vdev_listen_getc(void)
{
    for (;;) {
        keep_time();
        if (L.leaving)
            return -1;
        int32_t c = HAL_USB_USART_Receive_Data(HAL_USB_USART_SERIAL, 0);
        if (c >= 0)
            return (int)c;
        uint64_t deadline = L.next_update;
        if (L.timeout_s && L.timeout_from + (uint64_t)L.timeout_s * 1000000u < deadline)
            deadline = L.timeout_from + (uint64_t)L.timeout_s * 1000000u;
        vdev_sched_lock();
        if (!L.leaving && !L.clear && !HAL_USB_USART_Available_Data(HAL_USB_USART_SERIAL) &&
            vdev_clock_now() < deadline)
            vdev_sched_wait(&L.wake, deadline);
        vdev_sched_unlock();
    }
}

void vdev_listen_run(void)
{
    if (!L.requested || L.active || !vdev_system_on_system_thread())
        return;
    if (L.leaving) { /* asked for and called off before it began */
        L.requested = L.leaving = L.resume_net = false;
        return;
    }
    begin();
    for (;;) {
        int c = vdev_listen_getc();
        if (c < 0)
            break;
        vdev_console_command(c);
    }
    end();
}

/* `L`: listening at the next start (a byte of the DCT's system flags). */
#define STARTUP_LISTEN_OFFSET (DCT_SYSTEM_FLAGS_OFFSET + 18)

void vdev_console_listen_at_startup(void)
{
    uint8_t on = 1;
    if (dct_write_app_data)
        dct_write_app_data(&on, STARTUP_LISTEN_OFFSET, 1);
}

void vdev_listen_boot(void)
{
    uint8_t flag = 0;
    if (!dct_read_app_data_copy || !dct_write_app_data || dct_read_app_data_copy(STARTUP_LISTEN_OFFSET, &flag, 1) ||
        flag != 1)
        return;
    uint8_t off = 0;
    dct_write_app_data(&off, STARTUP_LISTEN_OFFSET, 1);
    vdev_listen_request(true, "startup");
}
