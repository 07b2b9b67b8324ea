// Shape: fiber v2's TLS and mutual-TLS listens, both on Config.Network
// (tcp4 by default, fiber v2.52.15 listen.go).
package main

import "github.com/gofiber/fiber/v2"

func main() {
	app := fiber.New(fiber.Config{AppName: "api"})
	go app.ListenTLS(":8443", "cert.pem", "key.pem")              // want `fiber.App.ListenTLS tcp4 host=IPv4 wildcard port=8443$`
	app.ListenMutualTLS(":9443", "cert.pem", "key.pem", "ca.pem") // want `fiber.App.ListenMutualTLS tcp4 host=IPv4 wildcard port=9443$`
}
