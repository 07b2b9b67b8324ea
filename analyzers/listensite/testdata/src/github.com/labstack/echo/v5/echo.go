// Package echo is a stub with the shape of echo v5's API, for tests.
package echo

import (
	"context"
	"net"
	"net/http"
)

type Echo struct{}

func New() *Echo                                                 { return &Echo{} }
func (e *Echo) Start(address string) error                       { return nil }
func (e *Echo) ServeHTTP(w http.ResponseWriter, r *http.Request) {}

type StartConfig struct {
	Address         string
	HideBanner      bool
	Listener        net.Listener
	ListenerNetwork string
}

func (sc StartConfig) Start(ctx context.Context, h http.Handler) error { return nil }
func (sc StartConfig) StartTLS(ctx context.Context, h http.Handler, certFile, keyFile any) error {
	return nil
}
