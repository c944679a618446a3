// The cloud session gives the device the time: after a power cycle the RTC
// is unset, and the first session sets it (a time_changed event with
// time_changed_sync); Particle.syncTime() asks again.
void onTime(system_event_t event, int data)
{
    Serial.printlnf("time_changed %d valid %d year %d", data, (int)Time.isValid(), Time.year());
}

void setup()
{
    Serial.begin();
    System.on(time_changed, onTime);
    Serial.printlnf("boot valid %d", (int)Time.isValid());
}

void loop()
{
    static bool reported = false;
    if (!reported && Particle.connected()) {
        reported = true;
        Serial.printlnf("connected valid %d", (int)Time.isValid());
        int synced = Particle.syncTime();
        time_t when = 0;
        Particle.timeSyncedLast(when);
        Serial.printlnf("sync %d last %d", synced, (int)(when == Time.now()));
    }
}
