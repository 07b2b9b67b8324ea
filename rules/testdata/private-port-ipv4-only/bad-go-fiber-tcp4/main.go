package main

import "github.com/gofiber/fiber/v2"

// fiber v2 listens on Config.Network, "tcp4" unless set: the admin
// app's socket accepts IPv4 only, and no service routes port 9000, so
// only 6PN (IPv6) would reach it.
func main() {
	admin := fiber.New(fiber.Config{AppName: "admin"})
	go admin.Listen(":9000")

	app := fiber.New()
	app.Listen(":3000")
}
