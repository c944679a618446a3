// A worker thread and a software timer share a counter under a mutex; the
// timer blinks D7 every 250 ms, the thread reports every second on Serial.

SYSTEM_THREAD(ENABLED);

Mutex lock;
int ticks = 0;

void onTimer() {
    WITH_LOCK(lock) {
        ticks++;
    }
    digitalWrite(D7, !digitalRead(D7));
}

Timer blinkTimer(250, onTimer);

void worker() {
    for (int i = 1; ; i++) {
        delay(1000);
        int n;
        WITH_LOCK(lock) {
            n = ticks;
        }
        Serial.printlnf("worker: second %d, %d timer ticks", i, n);
    }
}

Thread *workerThread;

void setup() {
    pinMode(D7, OUTPUT);
    blinkTimer.start();
    workerThread = new Thread("worker", worker);
}

void loop() {
    delay(100);
}
