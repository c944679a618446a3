// bench/apps/reset_loop: a retained counter of resets. Each boot's setup()
// resets the device again (System.reset()) until it has reset RESETS times
// (must match FLASH_RESETS in bench/run), then writes 'D' to USB Serial.
// A fresh start is a power-down: the counter starts at 0 every run.
#define RESETS 200

retained uint32_t resets = 0;

void setup()
{
    if (resets < RESETS) {
        resets++;
        System.reset();
    }
    Serial.write('D');
}

void loop()
{
}
