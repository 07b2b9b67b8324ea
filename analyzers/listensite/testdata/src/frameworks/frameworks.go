package main

import (
	"os"

	"github.com/gin-gonic/gin"
	"github.com/gofiber/fiber/v2"
	"github.com/labstack/echo/v4"
	"github.com/miekg/dns"
	"github.com/quic-go/quic-go"
	"github.com/valyala/fasthttp"
)

func main() {
	r := gin.Default()
	r.Run()                 // want `gin.Engine.Run tcp host=dual-stack wildcard default port=8080 env=PORT default=8080 documented$`
	r.Run(":9000")          // want `gin.Engine.Run tcp host=dual-stack wildcard port=9000$`
	r.Run("127.0.0.1:9001") // want `gin.Engine.Run tcp host=loopback "127.0.0.1" port=9001$`

	port, ok := os.LookupEnv("PORT")
	if !ok {
		port = "8080"
	}
	r.Run(":" + port) // want `gin.Engine.Run tcp host=dual-stack wildcard port=8080 env=PORT default=8080$`

	e := echo.New()
	e.Start(":1323") // want `echo.Echo.Start tcp host=dual-stack wildcard port=1323$`

	app := fiber.New()
	app.Listen(":3000") // want `fiber.App.Listen tcp4 host=IPv4 wildcard port=3000$`
	app2 := fiber.New(fiber.Config{Network: "tcp"})
	app2.Listen(":3001") // want `fiber.App.Listen tcp host=dual-stack wildcard port=3001$`

	fasthttp.ListenAndServe(":8081", nil) // want `fasthttp.ListenAndServe tcp4 host=IPv4 wildcard port=8081$`
	fs := &fasthttp.Server{}
	fs.ListenAndServe("[::]:8082") // want `fasthttp.Server.ListenAndServe tcp4 host=IPv4 wildcard "\[::\]" port=8082$`

	d := &dns.Server{Addr: ":5353"}
	d.ListenAndServe() // want `dns.Server.ListenAndServe udp host=dual-stack wildcard port=5353$`
	d2 := &dns.Server{Addr: "fly-global-services:53", Net: "tcp"}
	d2.ListenAndServe() // want `dns.Server.ListenAndServe tcp host=fly-global-services "fly-global-services" port=53$`

	quic.ListenAddr(":4433", nil, nil) // want `quic.ListenAddr udp host=dual-stack wildcard port=4433$`
}
