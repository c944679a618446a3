// vdev wiring: interface Printable (objects that know how to print themselves
// to a Print, e.g. Serial.print(obj)).
#ifndef SPARK_WIRING_PRINTABLE_H
#define SPARK_WIRING_PRINTABLE_H

#include <cstddef>

class Print;

class Printable {
public:
    virtual ~Printable() {}
    virtual size_t printTo(Print& p) const = 0;
};

#endif // SPARK_WIRING_PRINTABLE_H
