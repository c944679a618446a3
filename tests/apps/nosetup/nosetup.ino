// Has a loop() but no setup().
void loop() {
}
