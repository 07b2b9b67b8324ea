// Package jcp is an app's own protocol server, modelled on net/http's:
// a Server with an Addr field and a ListenAndServe method that listens
// on it.
package jcp

import "net"

type Server struct {
	Addr string
	ln   net.Listener
}

func (s *Server) ListenAndServe() error {
	ln, err := net.Listen("tcp", s.Addr) // want `net.Listen tcp host=unknown port=0 partial$`
	if err != nil {
		return err
	}
	s.ln = ln
	return ln.Close()
}
