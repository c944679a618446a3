// Reports what the system makes of the MODE and RESET buttons:
// button_status (press, release with the time held), button_click and
// button_final_click counts, System.buttonPushed() while MODE is down,
// listening mode's setup events, and the reset reason after RESET.
STARTUP(System.enableFeature(FEATURE_RESET_INFO));

void onButton(system_event_t event, int data) {
    if (event == button_status)
        Serial.printlnf("status %d", data);
    else if (event == button_click)
        Serial.printlnf("click %d", system_button_clicks(data));
    else if (event == button_final_click)
        Serial.printlnf("final %d", system_button_clicks(data));
}

void onSetup(system_event_t event, int data) {
    Serial.printlnf("%s", event == setup_begin ? "setup_begin" : "setup_end");
}

void setup() {
    System.on(button_status | button_click | button_final_click, onButton);
    System.on(setup_begin | setup_end, onSetup);
    Serial.printlnf("ready, reset reason %d", System.resetReason());
}

void loop() {
    static uint16_t lastPushed;
    uint16_t pushed = System.buttonPushed();
    if (pushed >= 1000 && lastPushed < 1000)
        Serial.println("held 1s");
    lastPushed = pushed;
    delay(10);
}
