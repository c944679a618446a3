/* hal-posix/src/usart_hal.c - the serial ports. Port 0 is USB Serial (the
 * host's stdin/stdout), port 1 is Serial1 (a host pty). Received bytes wait
 * in a device-side buffer (64 bytes on the UART, where an overrun loses
 * data as on the MCU; USB has flow control, so the host side holds the rest).
 * Output goes to the host and, coalesced, to the event stream. */
#include "usart_hal.h"

#include "../../sim/events.h"
#include "../../sim/hostio.h"
#include "../../sim/sched.h"
#include "hal_sim.h"

#include <stdlib.h>
#include <string.h>

#define UART_BUF 64

struct port {
    const char *name;
    bool enabled;
    uint32_t baud, config;
    unsigned char *buf;
    size_t cap, head, used;
    bool overrun_reported;
};

static struct port ports[2] = {
    { .name = "Serial", .baud = 9600 },
    { .name = "Serial1", .baud = 9600 },
};

static struct port *get(int i) { return i >= 0 && i < 2 ? &ports[i] : NULL; }

static void (*rx_hook)(int port);

void vdev_serial_set_rx_hook(void (*fn)(int port)) { rx_hook = fn; }

void vdev_serial_inject(int i, const uint8_t *data, size_t len)
{
    struct port *p = get(i);
    if (!p || !len)
        return;
    vdev_event_bytes("serial-in", p->name, data, len);
    if (i == 1 && !p->enabled)
        return; /* a UART that is off receives nothing */
    size_t cap = i == 1 ? UART_BUF : 0;
    for (size_t k = 0; k < len; k++) {
        if (cap && p->used == cap) {
            if (!p->overrun_reported)
                vdev_event("warning", "{s:s,s:s}", "what", "serial-overrun", "port", p->name);
            p->overrun_reported = true;
            return;
        }
        if (p->used == p->cap) { /* USB: grow, the host holds what the device has not read */
            size_t ncap = p->cap ? p->cap * 2 : 256;
            unsigned char *nb = malloc(ncap);
            if (!nb)
                return;
            for (size_t j = 0; j < p->used; j++)
                nb[j] = p->buf[(p->head + j) % p->cap];
            free(p->buf);
            p->buf = nb;
            p->cap = ncap;
            p->head = 0;
        }
        p->buf[(p->head + p->used) % p->cap] = data[k];
        p->used++;
    }
    vdev_sched_lock();
    vdev_sched_wake(p, -1);
    vdev_sched_unlock();
    if (rx_hook)
        rx_hook(i);
}

static int32_t port_read(struct port *p, bool peek)
{
    if (!p || !p->used)
        return -1;
    int32_t c = p->buf[p->head];
    if (!peek) {
        p->head = (p->head + 1) % p->cap;
        p->used--;
    }
    return c;
}

static int32_t port_write(int i, const uint8_t *data, size_t len)
{
    struct port *p = get(i);
    if (!p)
        return -1;
    if (i == 1 && !p->enabled)
        return -1;
    vdev_hostio_write(i, data, len);
    vdev_events_stream(p->name, data, len);
    return (int32_t)len;
}

/* ---- hardware UART (Serial1) ---- */

void HAL_USART_Begin_Config(HAL_USART_Serial serial, uint32_t baud, uint32_t config, void *reserved)
{
    (void)reserved;
    if (serial != HAL_USART_SERIAL1)
        return;
    struct port *p = &ports[1];
    if (!p->cap) {
        p->buf = malloc(UART_BUF);
        p->cap = p->buf ? UART_BUF : 0;
    }
    p->baud = baud;
    p->config = config;
    if (!p->enabled)
        vdev_hostio_serial1_open();
    p->enabled = true;
}

void HAL_USART_End(HAL_USART_Serial serial)
{
    if (serial == HAL_USART_SERIAL1) {
        ports[1].enabled = false;
        ports[1].used = 0;
    }
}

uint32_t HAL_USART_Write_Data(HAL_USART_Serial serial, uint8_t data)
{
    return port_write(serial == HAL_USART_SERIAL1 ? 1 : -1, &data, 1) == 1 ? 1 : 0;
}

int32_t HAL_USART_Write_Buffer(HAL_USART_Serial serial, const uint8_t *data, size_t len)
{
    return port_write(serial == HAL_USART_SERIAL1 ? 1 : -1, data, len);
}

int32_t HAL_USART_Available_Data(HAL_USART_Serial serial)
{
    return serial == HAL_USART_SERIAL1 && ports[1].enabled ? (int32_t)ports[1].used : 0;
}

int32_t HAL_USART_Available_Data_For_Write(HAL_USART_Serial serial)
{
    return serial == HAL_USART_SERIAL1 && ports[1].enabled ? UART_BUF : 0;
}

int32_t HAL_USART_Read_Data(HAL_USART_Serial serial) { return serial == HAL_USART_SERIAL1 ? port_read(&ports[1], false) : -1; }
int32_t HAL_USART_Peek_Data(HAL_USART_Serial serial) { return serial == HAL_USART_SERIAL1 ? port_read(&ports[1], true) : -1; }
void HAL_USART_Flush_Data(HAL_USART_Serial serial) { (void)serial; }
bool HAL_USART_Is_Enabled(HAL_USART_Serial serial) { return serial == HAL_USART_SERIAL1 && ports[1].enabled; }
uint32_t HAL_USART_Baud(HAL_USART_Serial serial) { return serial == HAL_USART_SERIAL1 ? ports[1].baud : 0; }

/* ---- USB serial (Serial) ---- */

void HAL_USB_USART_Begin(HAL_USB_USART_Serial serial, uint32_t baud, void *reserved)
{
    (void)reserved;
    if (serial == HAL_USB_USART_SERIAL) {
        ports[0].enabled = true;
        ports[0].baud = baud;
    }
}

void HAL_USB_USART_End(HAL_USB_USART_Serial serial)
{
    if (serial == HAL_USB_USART_SERIAL)
        ports[0].enabled = false;
}

unsigned int HAL_USB_USART_Baud_Rate(HAL_USB_USART_Serial serial) { return serial == HAL_USB_USART_SERIAL ? ports[0].baud : 0; }
int32_t HAL_USB_USART_Available_Data(HAL_USB_USART_Serial serial) { return serial == HAL_USB_USART_SERIAL ? (int32_t)ports[0].used : 0; }
int32_t HAL_USB_USART_Available_Data_For_Write(HAL_USB_USART_Serial serial) { return serial == HAL_USB_USART_SERIAL ? 64 : 0; }

int32_t HAL_USB_USART_Receive_Data(HAL_USB_USART_Serial serial, uint8_t peek)
{
    return serial == HAL_USB_USART_SERIAL ? port_read(&ports[0], peek) : -1;
}

int32_t HAL_USB_USART_Send_Data(HAL_USB_USART_Serial serial, uint8_t data)
{
    return serial == HAL_USB_USART_SERIAL && port_write(0, &data, 1) == 1 ? data : -1;
}

int32_t HAL_USB_USART_Send_Buffer(HAL_USB_USART_Serial serial, const uint8_t *data, size_t len)
{
    return serial == HAL_USB_USART_SERIAL ? port_write(0, data, len) : -1;
}

void HAL_USB_USART_Flush_Data(HAL_USB_USART_Serial serial) { (void)serial; }
bool HAL_USB_USART_Is_Enabled(HAL_USB_USART_Serial serial) { return serial == HAL_USB_USART_SERIAL && ports[0].enabled; }
bool HAL_USB_USART_Is_Connected(HAL_USB_USART_Serial serial) { return serial == HAL_USB_USART_SERIAL; }
