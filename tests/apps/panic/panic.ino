// Panics on purpose through the API Particle.h brings in from Device OS's
// services: 'a' a failed SPARK_ASSERT(), 'p' PANIC() with a formatted
// message, 'o' panic_() with a code. A retained counter and the reset
// reason show that the next start reports the panic and kept backup RAM.
#include "Particle.h"

SerialLogHandler logHandler(LOG_LEVEL_WARN);
retained int starts;

void setup()
{
    starts++;
    Serial.printlnf("start %d reason %d data %lu", starts, System.resetReason(),
                    (unsigned long)System.resetReasonData());
}

void loop()
{
    int c = Serial.read();
    int readings = 0;
    if (c == 'a')
        SPARK_ASSERT(readings > 0);
    else if (c == 'p')
        PANIC(InvalidCase, "state %d is not handled", 7);
    else if (c == 'o')
        panic_(OutOfHeap, NULL, HAL_Delay_Microseconds);
    delay(10);
}
