// Shape: fiber with Prefork: the parent process starts one child per
// CPU and each child listens on the same network and address, with
// SO_REUSEPORT (fiber v2.52.15 listen.go: Listen calls
// prefork(app.config.Network, addr, nil); prefork.go: the child runs
// reuseport.Listen(network, addr)). The site is the address Listen is
// given, tcp4 as without Prefork. fiber v3 moved the switch to
// ListenConfig.EnablePrefork, and its children listen on
// ListenConfig.ListenerNetwork (v3.1.0 listen.go and prefork.go).
package main

import (
	"os"

	"github.com/gofiber/fiber/v2"
	fiber3 "github.com/gofiber/fiber/v3"
)

func main() {
	port := os.Getenv("PORT")
	if port == "" {
		port = "3000" // want `port value of fiber.App.Listen`
	}
	app := fiber.New(fiber.Config{Prefork: true, AppName: "api"})
	go app.Listen("127.0.0.1:" + port) // want `fiber.App.Listen tcp4 host=loopback "127.0.0.1" port=3000 env=PORT default=3000$`

	v3 := fiber3.New()
	v3.Listen(":8080", fiber3.ListenConfig{EnablePrefork: true}) // want `fiber.App.Listen tcp4 host=IPv4 wildcard port=8080$`
}
