// vdev wiring: the EEPROM object (Device OS 1.4's API): bytes, objects
// through get()/put(), EERef cells (EEPROM[i]) and EEPtr iterators
// (begin()/end()), on hal-posix's eeprom_hal.h. Every put() is atomic on
// the emulated flash; out-of-range accesses write nothing and read 0xFF.
#ifndef SPARK_WIRING_EEPROM_H
#define SPARK_WIRING_EEPROM_H

#include "eeprom_hal.h"

#include <cstddef>
#include <cstdint>

// One EEPROM cell, used like a byte of RAM.
struct EERef {
    EERef(const int index) : index(index) {}
    EERef(const EERef &) = default;

    uint8_t operator*() const { return HAL_EEPROM_Read((uint32_t)index); }
    operator uint8_t() const { return **this; }

    EERef &operator=(uint8_t in)
    {
        HAL_EEPROM_Write((uint32_t)index, in);
        return *this;
    }
    EERef &operator=(const EERef &ref) { return *this = *ref; }
    EERef &operator+=(uint8_t in) { return *this = (uint8_t)(**this + in); }
    EERef &operator-=(uint8_t in) { return *this = (uint8_t)(**this - in); }
    EERef &operator*=(uint8_t in) { return *this = (uint8_t)(**this * in); }
    EERef &operator/=(uint8_t in) { return *this = (uint8_t)(**this / in); }
    EERef &operator%=(uint8_t in) { return *this = (uint8_t)(**this % in); }
    EERef &operator&=(uint8_t in) { return *this = (uint8_t)(**this & in); }
    EERef &operator|=(uint8_t in) { return *this = (uint8_t)(**this | in); }
    EERef &operator^=(uint8_t in) { return *this = (uint8_t)(**this ^ in); }
    EERef &operator<<=(uint8_t in) { return *this = (uint8_t)(**this << in); }
    EERef &operator>>=(uint8_t in) { return *this = (uint8_t)(**this >> in); }

    // write only when the value differs
    EERef &update(uint8_t in)
    {
        if (**this != in)
            *this = in;
        return *this;
    }

    EERef &operator++() { return *this += 1; }
    EERef &operator--() { return *this -= 1; }
    uint8_t operator++(int)
    {
        uint8_t old = **this;
        ++(*this);
        return old;
    }
    uint8_t operator--(int)
    {
        uint8_t old = **this;
        --(*this);
        return old;
    }

    int index;
};

// An iterator over the cells: for (EERef ref : EEPROM) {...}
struct EEPtr {
    EEPtr(const int index) : index(index) {}

    operator int() const { return index; }
    EEPtr &operator=(int in)
    {
        index = in;
        return *this;
    }
    bool operator!=(const EEPtr &ptr) const { return index != ptr.index; }
    EERef operator*() { return EERef(index); }

    EEPtr &operator++()
    {
        ++index;
        return *this;
    }
    EEPtr &operator--()
    {
        --index;
        return *this;
    }
    EEPtr operator++(int) { return EEPtr(index++); }
    EEPtr operator--(int) { return EEPtr(index--); }

    int index;
};

class EEPROMClass {
public:
    EERef operator[](const int idx) { return EERef(idx); }
    uint8_t read(int idx) { return HAL_EEPROM_Read((uint32_t)idx); }
    void write(int idx, uint8_t val) { HAL_EEPROM_Write((uint32_t)idx, val); }
    void update(int idx, uint8_t val) { EERef(idx).update(val); }

    EEPtr begin() { return EEPtr(0); }
    EEPtr end() { return EEPtr((int)length()); }
    uint16_t length() { return (uint16_t)HAL_EEPROM_Length(); }

    // the bytes of t, read from idx on
    template <typename T> T &get(int idx, T &t)
    {
        HAL_EEPROM_Get((uint32_t)idx, &t, sizeof(T));
        return t;
    }

    // the bytes of t, written at idx on (atomically)
    template <typename T> const T &put(int idx, const T &t)
    {
        HAL_EEPROM_Put((uint32_t)idx, &t, sizeof(T));
        return t;
    }

    // every byte becomes 0xFF
    void clear() { HAL_EEPROM_Clear(); }

    // Photon: the old page still needs an erase after a page swap (Gen 3: never)
    bool hasPendingErase() { return HAL_EEPROM_Has_Pending_Erase(); }
    void performPendingErase() { HAL_EEPROM_Perform_Pending_Erase(); }
};

extern EEPROMClass EEPROM;

#endif
