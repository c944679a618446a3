// Compiles the common idioms of Device OS 1.4 apps and prints what a test
// can check. Nothing here is vdev-specific.
#include <vector>

SYSTEM_MODE(SEMI_AUTOMATIC);
SYSTEM_THREAD(ENABLED);
PRODUCT_ID(1234);
PRODUCT_VERSION(3);
STARTUP(System.enableFeature(FEATURE_RETAINED_MEMORY));

SerialLogHandler logHandler(115200, LOG_LEVEL_WARN, { { "app.cov", LOG_LEVEL_ALL } });
Logger covLog("app.cov");
retained int bootCount;

int counter = 0;
double temperature = 21.5;
String status = "idle";
char buffer[32] = "buf";

class Blinker {
public:
    Blinker() : timer(100, &Blinker::tick, *this) {}
    void start() { timer.start(); }
    void tick() { ticks++; }
    void onEdge() { edges++; }
    int handle(String arg) { return arg.length(); }
    void onEvent(const char *name, const char *data) { (void)name; (void)data; }
    int ticks = 0;
    int edges = 0;
    Timer timer;
};

Blinker blinker;

int setLevel(String arg) { return arg.toInt() * 2; }
void handler(const char *event, const char *data) {}
void onReset(system_event_t event, int param) {}

void setup() {
    Serial.begin(9600);
    Serial1.begin(115200, SERIAL_8N1);
    pinMode(D7, OUTPUT);
    pinMode(D2, INPUT_PULLDOWN);
    pinMode(A0, INPUT);
    attachInterrupt(D2, &Blinker::onEdge, &blinker, CHANGE);
    attachInterrupt(D3, []() { counter++; }, RISING, 3, 0);
    analogWrite(D6, 128, 1000);
    analogWriteResolution(D6, 10);
    Particle.variable("counter", counter);
    Particle.variable("temp", temperature);
    Particle.variable("status", status);
    Particle.variable("buffer", buffer);
    Particle.variable("old", &counter, INT);
    Particle.function("level", setLevel);
    Particle.function("handle", &Blinker::handle, &blinker);
    Particle.function("lambda", [](String s) { return (int)s.length(); });
    Particle.subscribe("evt", handler, MY_DEVICES);
    Particle.subscribe("evt2", &Blinker::onEvent, &blinker);
    bool ok = Particle.publish("hello", "world", PRIVATE);
    Particle.publish("quiet", PRIVATE | NO_ACK);
    System.on(reset | button_status, onReset);
    Time.zone(-5);
    blinker.start();
    Wire.begin();
    Wire.beginTransmission(0x48);
    Wire.write(0x01);
    uint8_t i2c = Wire.endTransmission();
    size_t got = Wire.requestFrom(0x48, 2);
    SPI.begin();
    SPI.beginTransaction(SPISettings(1 * MHZ, MSBFIRST, SPI_MODE0));
    uint8_t spi = SPI.transfer(0x9F);
    SPI.endTransaction();

    String s = String::format("%d-%s", 42, "x");
    s += String(3.14159, 2);
    s += ' ';
    s += String(255, HEX);
    std::vector<int> v = { 3, 1, 2 };
    int m = max(v[0], 2L);
    unsigned long now = millis();
    Serial.printlnf("publish %d i2c %d got %u spi %02x", ok, i2c, (unsigned)got, spi);
    Serial.printlnf("string %s max %d constrain %d map %d", s.c_str(), m, constrain(300, 0, 255),
                    map(2048, 0, 4095, 0, 255));
    Serial.printlnf("version %s %08lx id %d", System.version().c_str(), (unsigned long)System.versionNumber(),
                    System.deviceID().length());
    Serial.printlnf("time %s", Time.format(Time.now(), TIME_FORMAT_ISO8601_FULL).c_str());
    Serial.printlnf("bits %d %d %d", bitRead(5, 2), lowByte(0x1234), highByte(0x1234));
    WITH_LOCK(Serial) {
        Serial.print(1.5, 3);
        Serial.print(' ');
        Serial.println(now);
    }
    TRY_LOCK(Serial1) {
        Serial1.println("locked");
    }
    ATOMIC_BLOCK() {
        counter++;
    }
    covLog.trace("trace shown %d", counter);
    Log.info("info hidden");
    LOG(WARN, "macro warn");
    bool waited = waitFor(Particle.connected, 200);
    Serial.printlnf("waited %d at %lu", waited, millis());
    delay(1000);
    Serial.printlnf("timer ticks %d", blinker.ticks);
    tone(D5, 1000, 50);
    noTone(D5);
}

void loop() {
    delay(100);
}
