// Shape: fiber v3's Listen without a ListenConfig: ListenerNetwork
// defaults to tcp4 (fiber v3.5.0 listen.go listenConfigDefault).
// Seen in hotkhwan/joinanny@43888eab3fc5be32b45732976e1f180a3342fe6a
// (internal/api/server.go: fiber v3.2.0's app.Listen on the configured
// HTTP_ADDR with no ListenConfig; fly.toml sets HTTP_ADDR ":8080" for the
// api process's internal_port 8080).
package main

import "github.com/gofiber/fiber/v3"

func main() {
	app := fiber.New()
	app.Listen(":3000") // want `fiber.App.Listen tcp4 host=IPv4 wildcard port=3000$`
}
