// Shape: fiber v3 told to listen dual-stack through ListenConfig, and
// a second listen with prefork that leaves the network at tcp4.
package main

import "github.com/gofiber/fiber/v3"

func main() {
	app := fiber.New()
	go app.Listen(":3001", fiber.ListenConfig{EnablePrefork: true})     // want `fiber.App.Listen tcp4 host=IPv4 wildcard port=3001$`
	app.Listen("[::]:3000", fiber.ListenConfig{ListenerNetwork: "tcp"}) // want `fiber.App.Listen tcp host=dual-stack wildcard "\[::\]" port=3000$`
}
