package main

import "github.com/gofiber/fiber/v2"

// Config.Network "tcp" makes fiber v2 listen dual-stack, so 6PN reaches
// the admin app's port 9000.
func main() {
	admin := fiber.New(fiber.Config{AppName: "admin", Network: "tcp"})
	go admin.Listen(":9000")

	app := fiber.New()
	app.Listen(":3000")
}
