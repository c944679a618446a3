/* system/include/system_button.h - the MODE (BTN) and RESET buttons, pressed
 * from outside (control channel, scenarios), and what the system makes of
 * them as Device OS 1.4 does: button_status, button_click and
 * button_final_click system events, MODE held 3 s for listening mode (3 to
 * 8 s more to leave it, 10 s in it to clear the WiFi credentials), RESET a
 * pin reset. */
#ifndef VDEV_SYSTEM_BUTTON_H
#define VDEV_SYSTEM_BUTTON_H

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum { VDEV_BUTTON_MODE = 0, VDEV_BUTTON_RESET = 1 } vdev_button;

/* Device OS's timing (system/src/main.cpp, 1.4) */
#define VDEV_BUTTON_DEBOUNCE_MS 30      /* shorter presses are switch bounce */
#define VDEV_BUTTON_CLICK_MS 500        /* shorter presses are clicks */
#define VDEV_BUTTON_CLICK_GAP_MS 1000   /* no click for this long: the final click */
#define VDEV_BUTTON_MAX_CLICKS 5
#define VDEV_BUTTON_LISTEN_MS 3000      /* MODE held: listening mode */
#define VDEV_BUTTON_CLEAR_MS 10000      /* MODE held while listening: clear credentials */

/* Press (true) or release a button now; any firmware context. Pressing
 * RESET resets the device at once (it does not return). */
void vdev_button_set(vdev_button b, bool pressed);
/* Press `count` times for `duration_ms` each, `gap_ms` apart: the first press
 * now, the rest from a timer. 0, or -270 for bad arguments. */
int vdev_button_press(vdev_button b, uint32_t duration_ms, int count, uint32_t gap_ms);
bool vdev_button_pressed(vdev_button b);
/* System.buttonPushed(): how long MODE has been held, in ms (0 when it is
 * up, or in listening mode). */
uint16_t vdev_button_pushed_ms(void);

#ifdef __cplusplus
}
#endif
#endif
