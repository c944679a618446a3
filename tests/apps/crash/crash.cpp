// Crashes on purpose in a named function after one second.
#include "Particle.h"

volatile int *target = nullptr;

void crashHere(int value) {
    *target = value;
}

void setup() {
    Serial.println("about to crash");
}

void loop() {
    delay(1000);
    crashHere(42);
}
