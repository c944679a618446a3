// Listening mode on demand. A button on D2 (to ground, INPUT_PULLUP) or an
// `l` on USB Serial calls WiFi.listen(); holding MODE for 3 s does the same.
// In listening mode the system's serial console takes USB Serial: `w` asks
// for a network's SSID, security, cipher and password, `x` leaves. Once
// listening mode ends, and at every start, the app lists the networks it
// has credentials for (SSIDs only; the credentials survive resets).

volatile bool buttonPressed = false;
bool showCredentials = true;

void pressed() {
    buttonPressed = true;
}

void listeningEnded(system_event_t event, int durationMs) {
    Serial.printlnf("listening mode ended after %d ms", durationMs);
    showCredentials = true;
}

void printCredentials() {
    WiFiAccessPoint ap[5];
    int n = WiFi.getCredentials(ap, 5);
    Serial.printlnf("credentials: %d", n);
    for (int i = 0; i < n; i++)
        Serial.printlnf("  %s", ap[i].ssid);
}

void setup() {
    pinMode(D2, INPUT_PULLUP);
    attachInterrupt(D2, pressed, FALLING);
    System.on(setup_end, listeningEnded);
    Serial.println("press D2 or send l for listening mode");
}

void loop() {
    if (showCredentials) {
        showCredentials = false;
        printCredentials();
    }
    if (Serial.available() && Serial.read() == 'l')
        buttonPressed = true;
    if (buttonPressed) {
        buttonPressed = false;
        Serial.println("entering listening mode");
        WiFi.listen();
    }
}
