#include "Particle.h"
#include "greeter.h"

void greet(const char *who) {
    Serial.printlnf("hello, %s", who);
}
