// The RGB object driven from Serial: c take control, r red, h a colour as
// one uint32, b brightness 64, x give control back, M mirror to D2/D3/D4,
// m member-function change handler, q report. Every change the LED shows
// is printed by the change handler.
#include "Particle.h"

SYSTEM_MODE(MANUAL);

struct Watcher {
    int changes = 0;
    void onLed(uint8_t, uint8_t, uint8_t) { changes++; }
} watcher;

void changed(uint8_t r, uint8_t g, uint8_t b) {
    Serial.printlnf("led %u %u %u", r, g, b);
}

void setup() {
    RGB.onChange(changed);
    Serial.println("ready");
}

void loop() {
    while (Serial.available()) {
        switch (Serial.read()) {
        case 'c': RGB.control(true); break;
        case 'r': RGB.color(255, 0, 0); break;
        case 'h': RGB.color(0x00FF80); break;
        case 'b': RGB.brightness(64); break;
        case 'x': RGB.control(false); break;
        case 'M': RGB.mirrorTo(D2, D3, D4); break;
        case 'm': RGB.onChange(&Watcher::onLed, &watcher); break;
        case 'q':
            Serial.printlnf("controlled %d brightness %u changes %d", RGB.controlled(), RGB.brightness(),
                            watcher.changes);
            break;
        }
    }
}
