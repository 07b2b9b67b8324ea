// Shape: echo's ListenerNetwork set to "tcp4" (echo v4 default "tcp"):
// an IPv4-only socket, which 6PN (IPv6) cannot reach.
package main

import "github.com/labstack/echo/v4"

func main() {
	e := echo.New()
	e.HideBanner = true
	e.ListenerNetwork = "tcp4"
	e.Start(":8080") // want `echo.Echo.Start tcp4 host=IPv4 wildcard port=8080$`
}
