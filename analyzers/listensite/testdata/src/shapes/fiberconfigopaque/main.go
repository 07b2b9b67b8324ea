// Shape: the fiber Config comes from the app's own function: its Network
// may be "tcp", so the network is not guessed: neither IPv4-only nor
// dual-stack is claimed for the wildcard.
package main

import "github.com/gofiber/fiber/v2"

func config() fiber.Config {
	return fiber.Config{AppName: "api", Network: network()}
}

func network() string { return "tcp" }

func main() {
	app := fiber.New(config())
	app.Listen(":3000") // want `fiber.App.Listen  host=unknown port=3000$`
}
