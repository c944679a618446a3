// Test app for System.sleep() in its Device OS 1.4 forms (tests/e2e/e2e_life.py,
// tests/scenarios/sleep-forms.yaml). A line on Serial picks the form; the
// result is printed as "<form>: reason=R pin=P rtc=B bypin=B error=E at=MS".
SYSTEM_MODE(SEMI_AUTOMATIC);

static void show(const char* form, const SleepResult& r)
{
    Serial.printlnf("%s: reason=%d pin=%d rtc=%d bypin=%d error=%d at=%lu", form, (int)r.reason(), (int)r.pin(),
                    (int)r.wokenUpByRtc(), (int)r.wokenUpByPin(), (int)r.error(), millis());
}

static void cloudStatus(system_event_t, int param) { Serial.printlnf("cloud_status %d at %lu", param, millis()); }

void setup()
{
    Serial.begin(9600);
    System.on(cloud_status, cloudStatus);
    SleepResult r = System.sleepResult();
    Serial.printlnf("boot reason=%d wake=%d pin=%d bypin=%d byrtc=%d", System.resetReason(), (int)r.reason(),
                    (int)System.wakeUpPin(), (int)System.wokenUpByPin(), (int)System.wokenUpByRtc());
    Serial.println("ready");
}

static void toggle()
{
    static bool on;
    digitalWrite(D7, on = !on);
}
static Timer blinker(500, toggle);

static String line;

static void run(const String& cmd)
{
    if (cmd == "timer") {
        pinMode(D7, OUTPUT);
        blinker.start();
    } else if (cmd == "connect") {
        Particle.connect(); // blocks in SEMI_AUTOMATIC without the system thread
        Serial.printlnf("connected=%d at %lu", (int)Particle.connected(), millis());
    } else if (cmd == "pin") {
        show(cmd, System.sleep(D2, RISING, 10));
    } else if (cmd == "pinflags") {
        show(cmd, System.sleep(D2, FALLING, SLEEP_NETWORK_STANDBY, 10));
    } else if (cmd == "list") {
        show(cmd, System.sleep({ D2, D3 }, FALLING, 10));
    } else if (cmd == "listmodes") {
        show(cmd, System.sleep({ D2, D3 }, { RISING, FALLING }, 10));
    } else if (cmd == "array") {
        static const pin_t pins[] = { D4, D5 };
        show(cmd, System.sleep(pins, 2, CHANGE, 10));
    } else if (cmd == "arraymodes") {
        static const pin_t pins[] = { D4, D5 };
        static const InterruptMode modes[] = { FALLING, RISING };
        show(cmd, System.sleep(pins, 2, modes, 2, 10));
    } else if (cmd == "rtc") {
        show(cmd, System.sleep(D2, RISING, 3));
    } else if (cmd == "forever") {
        show(cmd, System.sleep(D6, RISING));
    } else if (cmd == "bad") {
        show("bad-nothing", System.sleep((const pin_t*)nullptr, 0, RISING, 0));
        show("bad-pin", System.sleep(99, RISING, 5));
        show("bad-mode", System.sleep(D2, (InterruptMode)7, 5));
    } else if (cmd == "wlan") {
        show(cmd, System.sleep(5));
    } else if (cmd == "deep") {
        show(cmd, System.sleep(SLEEP_MODE_DEEP, 3600));
    } else if (cmd == "deepwkp") {
        show(cmd, System.sleep(SLEEP_MODE_DEEP));
    } else if (cmd == "deepnowkp") {
        show(cmd, System.sleep(SLEEP_MODE_DEEP, 60, SLEEP_DISABLE_WKP_PIN));
    } else if (cmd == "result") {
        show(cmd, System.sleepResult());
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
