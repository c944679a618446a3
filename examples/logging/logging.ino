// Logging: a SerialLogHandler shows INFO and above, and TRACE for the
// "app.sensor" category; the analog value of A0 is logged every 2 seconds.

SerialLogHandler logHandler(LOG_LEVEL_INFO, {
    { "app.sensor", LOG_LEVEL_TRACE }
});

Logger sensorLog("app.sensor");

void setup() {
    Log.info("logging example, Device OS %s", System.version().c_str());
}

void loop() {
    int value = analogRead(A0);
    sensorLog.trace("raw sensor reading %d", value);
    if (value > 3000) {
        Log.warn("sensor high: %d", value);
    } else {
        Log.info("sensor %d", value);
    }
    Log.code(42).details("example").error("with attributes");
    delay(2000);
}
