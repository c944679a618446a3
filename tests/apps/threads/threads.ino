// Exercises queues, semaphores, mutexes, one-shot timers and priorities, and
// prints a deterministic trace of what ran when.
SYSTEM_THREAD(ENABLED);

os_queue_t queue;
os_semaphore_t sem;
RecursiveMutex rmutex;
int oneShotFired = 0;

void producer(void *) {
    for (int i = 1; i <= 3; i++) {
        delay(100);
        os_queue_put(queue, &i, CONCURRENT_WAIT_FOREVER, nullptr);
    }
    os_semaphore_give(sem, false);
    os_thread_exit(nullptr);
}

void oneShot() {
    oneShotFired++;
    Serial.printlnf("one-shot at %lu", millis());
}

Timer once(300, oneShot, true);

void setup() {
    os_queue_create(&queue, sizeof(int), 4, nullptr);
    os_semaphore_create(&sem, 1, 0);
    Thread *t = new Thread("producer", producer, nullptr);
    (void)t;
    once.start();
    for (int n = 0; n < 3; n++) {
        int v = 0;
        os_queue_take(queue, &v, CONCURRENT_WAIT_FOREVER, nullptr);
        Serial.printlnf("got %d at %lu", v, millis());
    }
    int rc = os_semaphore_take(sem, 1000, false);
    Serial.printlnf("semaphore %d at %lu", rc, millis());
    int v;
    rc = os_queue_take(queue, &v, 50, nullptr);
    Serial.printlnf("empty queue take %d at %lu", rc, millis());
    WITH_LOCK(rmutex) {
        WITH_LOCK(rmutex) {
            Serial.println("recursive lock ok");
        }
    }
    delay(500);
    Serial.printlnf("one-shot fired %d time(s)", oneShotFired);
    SINGLE_THREADED_BLOCK() {
        Serial.println("single threaded");
    }
}

void loop() {
}
