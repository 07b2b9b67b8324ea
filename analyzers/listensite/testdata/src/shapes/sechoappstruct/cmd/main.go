// Shape: an echo instance built in one package, stored with a literal
// address in a struct by a positional composite literal (&App{e, port})
// in another, and started by that struct's method with echo's Start.
// Seen in RonanzinDev/echo-fly.io@3faa6ba5a366345a9fe7e05b2fedd8af2e43608d
// (main.go: app.NewApp(routes.NewRouter(), ":8080").StartServer();
// src/app/app.go: StartServer calls app.Echo.Start(app.Port); fly.toml
// internal_port 8080). Echo v4 listens on "tcp" unless
// ListenerNetwork says otherwise, so the host is dual-stack.
package main

import (
	"shapes/sechoappstruct/app"
	"shapes/sechoappstruct/routes"
)

func main() {
	a := app.NewApp(routes.NewRouter(), ":8080") // want `echo.Echo.Start tcp host=dual-stack wildcard port=8080 via$`
	a.StartServer()
}
