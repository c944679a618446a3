/* ble-bridge/hci.c - (being written) */
