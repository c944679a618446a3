// Pin numbers differ per platform: A0 is 10 on Photon, 19 on Argon.
void setup() {
    Serial.printlnf("A0=%d D7=%d A0 reads %ld", A0, D7, (long)analogRead(A0));
}

void loop() {
}
