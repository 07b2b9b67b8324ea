// Shape: echo's Listener field set to the program's own listener; Start
// then serves it and ignores its address (echo v4.15.4 configureServer).
package main

import (
	"net"

	"github.com/labstack/echo/v4"
)

func main() {
	e := echo.New()
	ln, err := net.Listen("tcp", "[::]:8080") // want `net.Listen tcp host=dual-stack wildcard "\[::\]" port=8080$`
	if err != nil {
		panic(err)
	}
	e.Listener = ln
	e.Start(":1323")
}
