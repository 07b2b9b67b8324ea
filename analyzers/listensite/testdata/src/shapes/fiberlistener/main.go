// Shape: fiber v2 served on the program's own listener (app.Listener):
// the network is the program's, not fiber's tcp4.
package main

import (
	"net"

	"github.com/gofiber/fiber/v2"
)

func main() {
	app := fiber.New()
	ln, _ := net.Listen("tcp", ":3000") // want `net.Listen tcp host=dual-stack wildcard port=3000$`
	app.Listener(ln)
}
