// vdev wiring: abstract class Server (Particle Device OS 1.4 API): something
// that listens for connections and can be printed to. TCPServer implements it.
#ifndef SPARK_WIRING_SERVER_H
#define SPARK_WIRING_SERVER_H

#include "spark_wiring_print.h"

class Server : public Print {
public:
    // start listening; true on success
    virtual bool begin() = 0;
};

#endif // SPARK_WIRING_SERVER_H
