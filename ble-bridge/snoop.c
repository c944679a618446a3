/* ble-bridge/snoop.c - (being written) */
