// Shape: the network read from the environment with "udp4" as its
// default, and the wildcard 0.0.0.0: IPv4-only with udp4, dual-stack
// with udp, so the host's family is not known. Seen in
// vshatravenko/protohackers@2e316ddf05e138f6b6ea88f1f2ac1a0fe7662a92
// (internal/server/udp.go; fly.toml at 8eea7c5).
package main

import (
	"net"
	"os"
)

func main() {
	network, ok := os.LookupEnv("NET")
	if !ok {
		network = "udp4"
	}
	net.ListenPacket(network, "0.0.0.0:4269") // want `net.ListenPacket  host=unknown "0.0.0.0" port=4269$`
	net.Listen("tcp", "0.0.0.0:4270")         // want `net.Listen tcp host=dual-stack wildcard "0.0.0.0" port=4270$`
}
