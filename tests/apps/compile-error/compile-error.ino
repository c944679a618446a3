// Line 2 is fine.
void setup() {
    int x = undefinedThing;
}

void loop() {
}
