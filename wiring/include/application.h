// vdev wiring: the whole Particle Device OS 1.4 application API.
#ifndef APPLICATION_H_
#define APPLICATION_H_

#include <cctype>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <cmath>

#include "spark_wiring_constants.h"
#include "spark_wiring.h"
#include "spark_wiring_string.h"
#include "spark_wiring_print.h"
#include "spark_wiring_printable.h"
#include "spark_wiring_stream.h"
#include "spark_wiring_usartserial.h"
#include "spark_wiring_vector.h"
#include "spark_wiring_thread.h"
#include "spark_wiring_timer.h"
#include "spark_wiring_logging.h"
#include "spark_wiring_system.h"
#include "spark_wiring_watchdog.h"
#include "spark_wiring_time.h"
#include "spark_wiring_cloud.h"
#include "spark_wiring_i2c.h"
#include "spark_wiring_spi.h"
#include "spark_wiring_net_all.h"
#include "spark_wiring_ble.h"
#include "spark_wiring_rgb.h"
#include "spark_wiring_eeprom.h"
#include "concurrent_hal.h"
#include "deviceid_hal.h"
#include "panic.h"

using namespace spark;

void setup();
void loop();

#endif
