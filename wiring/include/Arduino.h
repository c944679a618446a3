// vdev wiring: Arduino compatibility header, as Particle provides it.
#ifndef VDEV_ARDUINO_H
#define VDEV_ARDUINO_H
#include "Particle.h"
#ifndef ARDUINO
#define ARDUINO 10800
#endif
#endif
