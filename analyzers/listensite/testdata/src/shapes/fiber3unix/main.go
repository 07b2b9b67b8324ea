// Shape: fiber v3 on a Unix socket (ListenerNetwork "unix"), behind a
// sidecar: no network reaches it, so it is no site.
package main

import "github.com/gofiber/fiber/v3"

func main() {
	app := fiber.New()
	app.Listen("/run/app.sock", fiber.ListenConfig{ListenerNetwork: "unix"})
}
