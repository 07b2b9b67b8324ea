// Shape: main listens on fields of a config loaded in another package.
package main

import (
	"fmt"
	"net/http"

	"shapes/crosspkg/config"
)

func main() {
	cfg := config.Load()
	http.ListenAndServe(fmt.Sprintf("%s:%d", cfg.Host, cfg.Port), nil) // want `http.ListenAndServe tcp host=loopback "localhost" env=HTTP_HOST port=8800 env=HTTP_PORT default=8800$`
}
