/* ble-bridge/att.c - (being written) */
