// vdev wiring: the Particle API entry header.
#include "application.h"
