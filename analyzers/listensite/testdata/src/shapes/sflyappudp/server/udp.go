// Package server binds UDP on fly-global-services when it runs on Fly
// (FLY_APP_NAME is set), on every address otherwise.
package server

import (
	"context"
	"net"
	"os"
)

func NewUDPServer() (net.PacketConn, error) {
	var lc net.ListenConfig
	var host string
	if _, ok := os.LookupEnv("FLY_APP_NAME"); ok {
		host = "fly-global-services" // want `host value of net.ListenConfig.ListenPacket`
	}
	return lc.ListenPacket(context.Background(), "udp", host+":1337") // want `net.ListenConfig.ListenPacket udp host=fly-global-services "fly-global-services" fly port=1337$`
}
