/* hal-posix/include/usart_hal.h - serial ports: the USB serial (Serial, the
 * host's stdin/stdout) and the hardware UART (Serial1, a host pty). */
#ifndef VDEV_USART_HAL_H
#define VDEV_USART_HAL_H
#include "hal_platform.h"
#ifdef __cplusplus
extern "C" {
#endif

typedef enum HAL_USART_Serial { HAL_USART_SERIAL1 = 0, HAL_USART_SERIAL2 = 1 } HAL_USART_Serial;
typedef enum HAL_USB_USART_Serial { HAL_USB_USART_SERIAL = 0, HAL_USB_USART_SERIAL1 = 1 } HAL_USB_USART_Serial;

#define SERIAL_STOP_BITS 0b00000011
#define SERIAL_STOP_BITS_1 0b00000000
#define SERIAL_STOP_BITS_2 0b00000001
#define SERIAL_STOP_BITS_0_5 0b00000010
#define SERIAL_STOP_BITS_1_5 0b00000011
#define SERIAL_PARITY 0b00001100
#define SERIAL_PARITY_NO 0b00000000
#define SERIAL_PARITY_EVEN 0b00000100
#define SERIAL_PARITY_ODD 0b00001000
#define SERIAL_DATA_BITS 0b00110000
#define SERIAL_DATA_BITS_8 0b00000000
#define SERIAL_DATA_BITS_9 0b00010000
#define SERIAL_DATA_BITS_7 0b00100000
#define SERIAL_FLOW_CONTROL_NONE 0
#define SERIAL_FLOW_CONTROL_RTS 0x0400
#define SERIAL_FLOW_CONTROL_CTS 0x0800
#define SERIAL_FLOW_CONTROL_RTS_CTS 0x0C00
#define SERIAL_8N1 (SERIAL_STOP_BITS_1 | SERIAL_PARITY_NO | SERIAL_DATA_BITS_8)
#define SERIAL_8N2 (SERIAL_STOP_BITS_2 | SERIAL_PARITY_NO | SERIAL_DATA_BITS_8)
#define SERIAL_8E1 (SERIAL_STOP_BITS_1 | SERIAL_PARITY_EVEN | SERIAL_DATA_BITS_8)
#define SERIAL_8E2 (SERIAL_STOP_BITS_2 | SERIAL_PARITY_EVEN | SERIAL_DATA_BITS_8)
#define SERIAL_8O1 (SERIAL_STOP_BITS_1 | SERIAL_PARITY_ODD | SERIAL_DATA_BITS_8)
#define SERIAL_8O2 (SERIAL_STOP_BITS_2 | SERIAL_PARITY_ODD | SERIAL_DATA_BITS_8)
#define SERIAL_9N1 (SERIAL_STOP_BITS_1 | SERIAL_PARITY_NO | SERIAL_DATA_BITS_9)
#define SERIAL_9N2 (SERIAL_STOP_BITS_2 | SERIAL_PARITY_NO | SERIAL_DATA_BITS_9)
#define SERIAL_7E1 (SERIAL_STOP_BITS_1 | SERIAL_PARITY_EVEN | SERIAL_DATA_BITS_7)
#define SERIAL_7O1 (SERIAL_STOP_BITS_1 | SERIAL_PARITY_ODD | SERIAL_DATA_BITS_7)

/* hardware UART */
void HAL_USART_Begin_Config(HAL_USART_Serial serial, uint32_t baud, uint32_t config, void *reserved);
void HAL_USART_End(HAL_USART_Serial serial);
uint32_t HAL_USART_Write_Data(HAL_USART_Serial serial, uint8_t data);
int32_t HAL_USART_Available_Data(HAL_USART_Serial serial);
int32_t HAL_USART_Available_Data_For_Write(HAL_USART_Serial serial);
int32_t HAL_USART_Read_Data(HAL_USART_Serial serial);
int32_t HAL_USART_Peek_Data(HAL_USART_Serial serial);
void HAL_USART_Flush_Data(HAL_USART_Serial serial);
bool HAL_USART_Is_Enabled(HAL_USART_Serial serial);
uint32_t HAL_USART_Baud(HAL_USART_Serial serial);

/* USB serial */
void HAL_USB_USART_Begin(HAL_USB_USART_Serial serial, uint32_t baud, void *reserved);
void HAL_USB_USART_End(HAL_USB_USART_Serial serial);
unsigned int HAL_USB_USART_Baud_Rate(HAL_USB_USART_Serial serial);
int32_t HAL_USB_USART_Available_Data(HAL_USB_USART_Serial serial);
int32_t HAL_USB_USART_Available_Data_For_Write(HAL_USB_USART_Serial serial);
int32_t HAL_USB_USART_Receive_Data(HAL_USB_USART_Serial serial, uint8_t peek);
int32_t HAL_USB_USART_Send_Data(HAL_USB_USART_Serial serial, uint8_t data);
int32_t HAL_USB_USART_Send_Buffer(HAL_USB_USART_Serial serial, const uint8_t *data, size_t len);
void HAL_USB_USART_Flush_Data(HAL_USB_USART_Serial serial);
bool HAL_USB_USART_Is_Enabled(HAL_USB_USART_Serial serial);
bool HAL_USB_USART_Is_Connected(HAL_USB_USART_Serial serial);

/* both: a whole buffer in one call (one serial event) */
int32_t HAL_USART_Write_Buffer(HAL_USART_Serial serial, const uint8_t *data, size_t len);

#ifdef __cplusplus
}
#endif
#endif
