// vdev wiring: Particle's basic constants and helpers: HIGH/LOW, byte and
// boolean, min/max/constrain/round templates, Arduino math and bit macros.
#ifndef SPARK_WIRING_CONSTANTS_H
#define SPARK_WIRING_CONSTANTS_H

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <type_traits>

enum PinState { LOW = 0, HIGH = 1 };

typedef bool boolean;
typedef uint8_t byte;
typedef uint32_t word;

#ifndef FALSE
#define FALSE 0x00
#endif
#ifndef TRUE
#define TRUE (!FALSE)
#endif

#ifndef PARTICLE_WIRING_ARDUINO_COMPATIBILTY
template <typename T, typename U>
static inline typename std::common_type<T, U>::type max(T a, U b)
{
    return (a > b) ? a : b;
}
template <typename T, typename U>
static inline typename std::common_type<T, U>::type min(T a, U b)
{
    return (a < b) ? a : b;
}
template <typename T, typename U, typename V>
static inline T constrain(T amt, U low, V high)
{
    return (amt < low) ? low : ((amt > high) ? high : amt);
}
#endif

#ifndef PI
#define PI 3.1415926535897932384626433832795
#endif
#ifndef HALF_PI
#define HALF_PI 1.5707963267948966192313216916398
#endif
#ifndef TWO_PI
#define TWO_PI 6.283185307179586476925286766559
#endif
#ifndef DEG_TO_RAD
#define DEG_TO_RAD 0.017453292519943295769236907684886
#endif
#ifndef RAD_TO_DEG
#define RAD_TO_DEG 57.295779513082320876798154814105
#endif
#ifndef radians
#define radians(deg) ((deg) * DEG_TO_RAD)
#endif
#ifndef degrees
#define degrees(rad) ((rad) * RAD_TO_DEG)
#endif
#ifndef sq
#define sq(x) ((x) * (x))
#endif
#ifndef lowByte
#define lowByte(w) ((uint8_t)((w) & 0xff))
#endif
#ifndef highByte
#define highByte(w) ((uint8_t)((w) >> 8))
#endif
#ifndef bitRead
#define bitRead(value, bit) (((value) >> (bit)) & 0x01)
#endif
#ifndef bitSet
#define bitSet(value, bit) ((value) |= (1UL << (bit)))
#endif
#ifndef bitClear
#define bitClear(value, bit) ((value) &= ~(1UL << (bit)))
#endif
#ifndef bitWrite
#define bitWrite(value, bit, bitvalue) ((bitvalue) ? bitSet(value, bit) : bitClear(value, bit))
#endif
#ifndef bit
#define bit(b) (1UL << (b))
#endif

#define LSBFIRST 0
#define MSBFIRST 1

#endif
