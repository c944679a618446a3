// vdev wiring: the EEPROM object (its class is all inline in
// spark_wiring_eeprom.h, over hal-posix/src/eeprom_hal.c).
#include "spark_wiring_eeprom.h"

EEPROMClass EEPROM;
