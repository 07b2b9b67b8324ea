// Package fiber is a stub with the shape of fiber v2's App API.
package fiber

type Config struct {
	AppName string
	Network string
}

type App struct{}

func New(config ...Config) *App { return &App{} }

func (a *App) Listen(addr string) error { return nil }
