// Package udb serves a key-value store over UDP on the address its
// caller passes.
package udb

import (
	"context"
	"net"
)

type Server struct{ size int }

func NewServer() *Server { return &Server{size: 1000} }

func (s *Server) ServeUDP(ctx context.Context, address string) error {
	conn, err := net.ListenPacket("udp", address) // want `net.ListenPacket udp host=unknown port=0 partial$`
	if err != nil {
		return err
	}
	defer conn.Close()
	<-ctx.Done()
	return nil
}
