// Package db serves a key-value store over UDP on the address its
// caller passes.
package db

import (
	"context"
	"net"
)

func NewServer(ctx context.Context, addr string) (net.PacketConn, error) {
	var lc net.ListenConfig
	return lc.ListenPacket(ctx, "udp", addr) // want `net.ListenConfig.ListenPacket udp host=unknown port=0 partial$`
}
