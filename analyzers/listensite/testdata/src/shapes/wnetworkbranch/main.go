// Shape: wnetworkenv's network from the environment, with a host an
// env branch picks: neither the site nor its alternatives may call
// 0.0.0.0 dual-stack (TestNetworkUnknownAlternatives).
package main

import (
	"net"
	"os"
)

func main() {
	network := os.Getenv("NET")
	if network == "" {
		network = "udp4"
	}
	host := "0.0.0.0"
	if os.Getenv("APP_ENV") == "development" {
		host = "127.0.0.1"
	}
	net.ListenPacket(network, host+":4269") // want `net.ListenPacket  host=unknown port=4269 alts=\["0.0.0.0":4269 if APP_ENV!="development"; "127.0.0.1":4269 if APP_ENV=="development"\]$`
}
