/* ble-bridge/btsnoop.c - (being written) */
