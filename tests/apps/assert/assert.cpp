// A failed assert() in a worker thread is a panic too.
#include "Particle.h"
#include <cassert>

void checkLimits(void*) {
    delay(250);
    int sensors = 0;
    assert(sensors > 0);
}

void setup() {
    new Thread("checker", checkLimits, nullptr);
}

void loop() {
    delay(1000);
}
