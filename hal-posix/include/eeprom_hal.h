/* hal-posix/include/eeprom_hal.h - the emulated EEPROM (Device OS 1.4
 * names and signatures): 4096 bytes on Gen 3 (Argon, Boron), 2048 on the
 * Photon, kept in the EEPROM region of the device's flash file. A Put is
 * atomic: after a kill at any point the bytes it covers are all old or all
 * new. Out-of-range accesses write nothing (a `warning` event) and read
 * 0xFF. Format and behaviour: docs/flash.md, "EEPROM emulation". */
#ifndef VDEV_EEPROM_HAL_H
#define VDEV_EEPROM_HAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* (Re)build the EEPROM from the flash: resolves interrupted page swaps.
 * The other calls do it on first use. */
void HAL_EEPROM_Init(void);
uint8_t HAL_EEPROM_Read(uint32_t index);
void HAL_EEPROM_Write(uint32_t index, uint8_t data);
void HAL_EEPROM_Get(uint32_t index, void *data, size_t length);
void HAL_EEPROM_Put(uint32_t index, const void *data, size_t length);
size_t HAL_EEPROM_Length(void);
/* Every byte becomes 0xFF (atomically). */
void HAL_EEPROM_Clear(void);
/* Photon: true after a page swap until the old bank is erased (by
 * HAL_EEPROM_Perform_Pending_Erase, the next swap or the next boot).
 * Gen 3 erases at once and always answers false. */
bool HAL_EEPROM_Has_Pending_Erase(void);
void HAL_EEPROM_Perform_Pending_Erase(void);

#ifdef __cplusplus
}
#endif

#endif
