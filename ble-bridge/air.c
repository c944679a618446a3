/* ble-bridge/air.c - (being written) */
