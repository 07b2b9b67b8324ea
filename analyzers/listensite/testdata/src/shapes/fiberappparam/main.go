// Shape: the fiber app built in main and started by a helper; the only
// fiber.New of the package keeps the default network, tcp4.
package main

import (
	"os"

	"github.com/gofiber/fiber/v2"
)

func start(app *fiber.App) error {
	port := os.Getenv("PORT")
	if port == "" {
		port = "3000" // want `port value of fiber.App.Listen`
	}
	return app.Listen(":" + port) // want `fiber.App.Listen tcp4 host=IPv4 wildcard port=3000 env=PORT default=3000$`
}

func main() {
	app := fiber.New()
	start(app)
}
