// Shape: two fiber v2 apps kept in package variables (a public API and
// an admin one): no Config the package builds sets Network, so both
// listen on tcp4.
package main

import "github.com/gofiber/fiber/v2"

var (
	app   = fiber.New()
	admin = fiber.New(fiber.Config{AppName: "admin"})
)

func main() {
	go admin.Listen(":9000") // want `fiber.App.Listen tcp4 host=IPv4 wildcard port=9000$`
	app.Listen(":3000")      // want `fiber.App.Listen tcp4 host=IPv4 wildcard port=3000$`
}
