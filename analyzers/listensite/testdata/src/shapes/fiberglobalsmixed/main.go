// Shape: two fiber v2 apps in package variables, one told to listen
// dual-stack: which app Listen starts is not tied to its Config here, so
// the network is left unknown rather than guessed tcp4, and so is the
// wildcard's address family.
package main

import "github.com/gofiber/fiber/v2"

var (
	app   = fiber.New()
	admin = fiber.New(fiber.Config{Network: "tcp"})
)

func main() {
	go admin.Listen(":9000") // want `fiber.App.Listen  host=unknown port=9000$`
	app.Listen(":3000")      // want `fiber.App.Listen  host=unknown port=3000$`
}
