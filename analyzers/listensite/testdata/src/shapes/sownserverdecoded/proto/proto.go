// Package proto is an app's own server type: ListenAndServe listens on
// its Addr field.
package proto

import "net"

type Server struct {
	Addr string `json:"addr"`
}

func (s *Server) ListenAndServe() error {
	ln, err := net.Listen("tcp", s.Addr) // want `net.Listen tcp host=unknown port=0 partial$`
	if err != nil {
		return err
	}
	return ln.Close()
}
