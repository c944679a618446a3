// Test app for the device's lifecycle (tests/e2e/e2e_life.py): the cloud
// session, publish, the application watchdog, safe mode, DFU, factory
// reset, and the reset switches. A line on Serial is a command; system
// events are printed as "event <name> <data> at <millis>".
ApplicationWatchdog* wd;
retained uint32_t retainedCounter;

static const char* eventName(system_event_t e)
{
    switch (e) {
    case cloud_status: return "cloud_status";
    case network_status: return "network_status";
    case reset_pending: return "reset_pending";
    case reset: return "reset";
    case time_changed: return "time_changed";
    default: return "other";
    }
}

static void onEvent(system_event_t e, int data)
{
    Serial.printlnf("event %s %d at %lu", eventName(e), data, millis());
    if (e == reset_pending)
        Serial.printlnf("pending=%d enabled=%d", System.resetPending(), System.resetEnabled());
}

static void fired()
{
    Serial.printlnf("watchdog fired at %lu", millis());
    System.reset(7);
}

void setup()
{
    Serial.begin(9600);
    System.on(cloud_status | reset_pending | reset | time_changed, onEvent);
    retainedCounter++;
    Serial.printlnf("boot reason=%d data=%lu mode=%d", System.resetReason(), (unsigned long)System.resetReasonData(),
                    (int)System.mode());
    Serial.println("ready");
}

static String line;

static void hang()
{
    Serial.printlnf("hanging at %lu", millis());
    for (;;)
        delay(100); // never returns to the system: no check-in
}

static void run(const String& cmd)
{
    if (cmd.startsWith("publish ")) {
        int n = cmd.substring(8).toInt();
        for (int i = 0; i < n; i++) {
            bool ok = Particle.publish("tick", String(i), PRIVATE);
            Serial.printlnf("publish %d ok=%d at %lu", i, ok, millis());
        }
    } else if (cmd == "connected") {
        Serial.printlnf("connected=%d", Particle.connected());
    } else if (cmd == "disconnect") {
        Particle.disconnect();
        Serial.printlnf("connected=%d", Particle.connected());
    } else if (cmd == "connect") {
        Particle.connect();
    } else if (cmd == "watchdog") {
        wd = new ApplicationWatchdog(2000, fired, 1536);
        hang();
    } else if (cmd == "wdreset") {
        wd = new ApplicationWatchdog(1500, System.reset);
        hang();
    } else if (cmd == "wdalive") {
        wd = new ApplicationWatchdog(500, fired);
        Serial.printlnf("watching at %lu", millis());
    } else if (cmd == "wddispose") {
        wd->dispose();
        delay(600);
        Serial.printlnf("complete=%d at %lu", wd->isComplete(), millis());
    } else if (cmd == "safemode") {
        System.enterSafeMode();
    } else if (cmd == "dfu") {
        System.dfu();
    } else if (cmd == "factory") {
        System.factoryReset();
    } else if (cmd == "disablereset") {
        System.disableReset();
        Serial.printlnf("enabled=%d", System.resetEnabled());
    } else if (cmd == "enablereset") {
        System.enableReset();
        Serial.printlnf("enabled=%d pending=%d", System.resetEnabled(), System.resetPending());
    } else if (cmd.startsWith("reset ")) {
        System.reset(cmd.substring(6).toInt());
    } else if (cmd == "settime") {
        Time.setTime(1600000000);
    }
}

void loop()
{
    while (Serial.available()) {
        char c = Serial.read();
        if (c == '\n') {
            run(line);
            line = "";
        } else if (c != '\r') {
            line += c;
        }
    }
}
