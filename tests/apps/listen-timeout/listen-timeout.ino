// Listening mode from setup() with a 5 s timeout set at startup: the Photon
// leaves it after 5 s; on Gen 3 Device OS 1.4 has no timeout (it reads 0).
// When listening mode ends the app says whether credentials are left.
STARTUP(WiFi.setListenTimeout(5));
SYSTEM_MODE(SEMI_AUTOMATIC);

void setup() {
    Serial.printlnf("timeout %u", WiFi.getListenTimeout());
    WiFi.listen();
}

void loop() {
    static bool was;
    bool now = WiFi.listening();
    if (was && !now)
        Serial.printlnf("listening ended, credentials %d", WiFi.hasCredentials());
    was = now;
}
