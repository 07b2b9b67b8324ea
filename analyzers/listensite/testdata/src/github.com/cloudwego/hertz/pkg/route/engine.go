// Package route is a stub with the shape of hertz's route.Engine, for
// tests.
package route

type Engine struct{}

func (engine *Engine) Run() error { return nil }
