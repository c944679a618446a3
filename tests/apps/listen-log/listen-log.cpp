// Device OS 1.4.0 fix #1909: a SerialLogHandler must not write into the
// listening-mode console. The app (threaded, so it runs on while listening)
// logs a tick every 500 ms, enters listening mode at tick 2 and prints one
// raw line then; the console's replies must come through alone.
#include "Particle.h"

SYSTEM_MODE(MANUAL);
SYSTEM_THREAD(ENABLED);

SerialLogHandler logHandler(LOG_LEVEL_INFO);

void setup() {
    Log.info("started");
}

void loop() {
    static int tick;
    static bool told;
    delay(500);
    Log.info("tick %d", ++tick);
    if (tick == 2)
        WiFi.listen();
    if (WiFi.listening() && !told) {
        Serial.println("raw: listening");
        told = true;
    }
    if (!WiFi.listening())
        told = false;
}
