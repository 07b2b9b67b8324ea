// Package fiber is a stub with the shape of fiber v3's API, for tests.
package fiber

import "net"

type Config struct {
	AppName string
}

type ListenConfig struct {
	ListenerNetwork string
	EnablePrefork   bool
}

type App struct{}

func New(config ...Config) *App                                       { return &App{} }
func (a *App) Listen(addr string, config ...ListenConfig) error       { return nil }
func (a *App) Listener(ln net.Listener, config ...ListenConfig) error { return nil }
