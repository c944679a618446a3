#include "greeter.h"

void setup() {
    greet("vdev");
    later();
}

void later() {
    Serial.println("prototype ok");
}

void loop() {
}
