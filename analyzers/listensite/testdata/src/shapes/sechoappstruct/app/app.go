// Package app wraps the echo instance and the address it starts on.
package app

import "github.com/labstack/echo/v4"

type App struct {
	Echo *echo.Echo
	Port string
}

func NewApp(e *echo.Echo, port string) *App {
	return &App{e, port}
}

func (a *App) StartServer() {
	a.Echo.Start(a.Port) // want `echo.Echo.Start tcp host=unknown port=0 partial$`
}
