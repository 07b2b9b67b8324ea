// Shape: fiber v3's Listen without a ListenConfig: ListenerNetwork
// defaults to tcp4 (fiber v3.5.0 listen.go listenConfigDefault).
package main

import "github.com/gofiber/fiber/v3"

func main() {
	app := fiber.New()
	app.Listen(":3000") // want `fiber.App.Listen tcp4 host=IPv4 wildcard port=3000$`
}
