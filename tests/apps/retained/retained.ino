// Retained memory: a boot counter in backup RAM, and a retained string
// whose initial value must only apply at power-on. Prints both and the
// reset reason at every boot. Commands on USB Serial: r System.reset(),
// p System.reset(42) after counting 10 more, c crash (SIGSEGV), w store a
// WiFi network, x clear them, l list them.
STARTUP(System.enableFeature(FEATURE_RETAINED_MEMORY));

retained uint32_t counter = 0;
retained char tag[12] = "power-on";
int plain = 7; // ordinary RAM: initialised at every boot

void setup()
{
    Serial.begin();
    counter++;
    Serial.printlnf("boot count %lu tag %s plain %d reason %d data %lu time %s", (unsigned long)counter, tag, plain,
                    System.resetReason(), (unsigned long)System.resetReasonData(), Time.isValid() ? "set" : "unset");
    snprintf(tag, sizeof(tag), "kept-%lu", (unsigned long)counter);
    plain = 8;
}

static void listNetworks()
{
    WiFiAccessPoint aps[5];
    int n = WiFi.getCredentials(aps, 5);
    Serial.printf("networks %d:", n);
    for (int i = 0; i < n; i++)
        Serial.printf(" %s", aps[i].ssid);
    Serial.println();
}

void loop()
{
    while (Serial.available()) {
        int c = Serial.read();
        if (c == 'r') {
            System.reset();
        } else if (c == 'p') {
            counter += 10;
            System.reset(42);
        } else if (c == 'c') {
            volatile int *p = nullptr;
            *p = (int)counter; // SIGSEGV
        } else if (c == 'w') {
            Serial.printlnf("set %d", WiFi.setCredentials("home-net", "secret-pw"));
        } else if (c == 'x') {
            Serial.printlnf("cleared %d", WiFi.clearCredentials());
        } else if (c == 'l') {
            listNetworks();
        }
    }
    delay(10);
}
