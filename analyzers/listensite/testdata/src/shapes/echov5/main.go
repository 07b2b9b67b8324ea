// Shape: echo v5's StartConfig (v5.3.1 server.go): Address and
// ListenerNetwork ("tcp" when empty) from the literal, and Start(address)
// as a shortcut; a config with its own Listener opens no socket.
package main

import (
	"context"
	"net"

	"github.com/labstack/echo/v5"
)

func main() {
	e := echo.New()
	ctx := context.Background()
	sc := echo.StartConfig{
		Address:    "127.0.0.1:8080", // want `host value of echo.StartConfig.Start`
		HideBanner: true,
	}
	go sc.Start(ctx, e)                                               // want `echo.StartConfig.Start tcp host=loopback "127.0.0.1" port=8080$`
	v4 := echo.StartConfig{Address: ":8443", ListenerNetwork: "tcp4"} // want `host value of echo.StartConfig.StartTLS`
	go v4.StartTLS(ctx, e, "cert.pem", "key.pem")                     // want `echo.StartConfig.StartTLS tcp4 host=IPv4 wildcard port=8443$`
	ln, _ := net.Listen("tcp", ":9000")                               // want `net.Listen tcp host=dual-stack wildcard port=9000$`
	own := echo.StartConfig{Listener: ln}
	go own.Start(ctx, e)
	e.Start(":1323") // want `echo.Echo.Start tcp host=dual-stack wildcard port=1323$`
}
