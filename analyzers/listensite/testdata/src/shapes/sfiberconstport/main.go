// Shape: a fiber v2 app on a package-level int constant, written with
// ":" + strconv.Itoa; fiber.New() without a Config keeps fiber v2's
// default network, tcp4 (fiber v2.52.15: Config.Network is tcp4 when
// unset). Seen in
// technotrampoline/fly-go-fiber@39652990ded2bd13cb78f99c55ded98d46cd82ad
// (src/application.go: const port = 8080, application.Listen; fly.toml
// internal_port 8080).
package main

import (
	"strconv"

	"github.com/gofiber/fiber/v2"
)

const port = 8080

func main() {
	app := fiber.New()
	app.Listen(":" + strconv.Itoa(port)) // want `fiber.App.Listen tcp4 host=IPv4 wildcard port=8080$`
}
