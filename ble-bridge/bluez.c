/* ble-bridge/bluez.c - (being written) */
