// Shape: echo's StartServer with a custom http.Server for its timeouts;
// the server's Addr is where echo listens.
package main

import (
	"net/http"
	"os"
	"time"

	"github.com/labstack/echo/v4"
)

func main() {
	e := echo.New()
	port := os.Getenv("PORT")
	if port == "" {
		port = "1323" // want `port value of echo.Echo.StartServer`
	}
	s := &http.Server{
		Addr:        "localhost:" + port, // want `host value of echo.Echo.StartServer`
		ReadTimeout: 30 * time.Second,
	}
	_ = e.StartServer(s) // want `echo.Echo.StartServer tcp host=loopback "localhost" port=1323 env=PORT default=1323$`
}
