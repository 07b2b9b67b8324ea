package main

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

// A third-party framework, resolved from the module cache through go.sum:
// echo's Start takes the address as net/http does.
func main() {
	e := echo.New()
	e.GET("/", func(c echo.Context) error { return c.String(http.StatusOK, "ok") })
	e.Logger.Fatal(e.Start("127.0.0.1:8080"))
}
