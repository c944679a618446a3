// vdev wiring: every networking class of the Device OS 1.4 API (IPAddress,
// Client, Server, TCPClient, TCPServer, UDP, Network, WiFi on Argon/Photon,
// Cellular on Boron), for application.h.
#ifndef SPARK_WIRING_NET_ALL_H
#define SPARK_WIRING_NET_ALL_H

#include "spark_wiring_ipaddress.h"
#include "spark_wiring_client.h"
#include "spark_wiring_server.h"
#include "spark_wiring_tcpclient.h"
#include "spark_wiring_tcpserver.h"
#include "spark_wiring_udp.h"
#include "spark_wiring_network.h"
#include "spark_wiring_wifi.h"
#include "spark_wiring_cellular.h"

#endif // SPARK_WIRING_NET_ALL_H
