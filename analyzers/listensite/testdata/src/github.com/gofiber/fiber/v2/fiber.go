// Package fiber is a stub with the shape of fiber's API, for tests.
package fiber

import "net"

type Config struct {
	AppName string
	Network string
	Prefork bool
}

type App struct{}

func New(config ...Config) *App                                         { return &App{} }
func (a *App) Listen(addr string) error                                 { return nil }
func (a *App) ListenTLS(addr, certFile, keyFile string) error           { return nil }
func (a *App) ListenMutualTLS(addr, certFile, keyFile, ca string) error { return nil }
func (a *App) Listener(ln net.Listener) error                           { return nil }
