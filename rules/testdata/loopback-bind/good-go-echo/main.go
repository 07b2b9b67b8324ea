package main

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

// The same server bound to the wildcard: reachable by Fly Proxy.
func main() {
	e := echo.New()
	e.GET("/", func(c echo.Context) error { return c.String(http.StatusOK, "ok") })
	e.Logger.Fatal(e.Start(":8080"))
}
