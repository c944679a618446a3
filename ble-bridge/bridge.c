/* ble-bridge/bridge.c - (being written) */
