// Package echo is a stub with the shape of echo's API, for tests.
package echo

import (
	"net"
	"net/http"
)

type Echo struct {
	Listener        net.Listener
	TLSListener     net.Listener
	ListenerNetwork string
	HideBanner      bool
}

func New() *Echo                                             { return &Echo{} }
func (e *Echo) Start(address string) error                   { return nil }
func (e *Echo) StartTLS(address string, cert, key any) error { return nil }
func (e *Echo) StartAutoTLS(address string) error            { return nil }
func (e *Echo) StartServer(s *http.Server) error             { return nil }
