// Prints random numbers: the same --seed gives the same numbers.
void setup() {
    Serial.printlnf("rand %d random %ld", rand(), random(1000));
}

void loop() {
}
