// vdev wiring: USBSerial lives with the other serial ports.
#include "spark_wiring_usartserial.h"
