// Shape: go-envconfig with a nested server struct under prefix=SERVER_,
// the listen address joined from its fields.
package main

import (
	"context"
	"fmt"
	"net/http"

	"github.com/sethvargo/go-envconfig"
)

type ServerConfig struct {
	Host string `env:"HOST, default=0.0.0.0"` // want `host value of http.ListenAndServe`
	Port int    `env:"PORT, default=9000"`    // want `port value of http.ListenAndServe`
}

type Config struct {
	Server *ServerConfig `env:", prefix=SERVER_"`
}

func main() {
	var c Config
	envconfig.MustProcess(context.Background(), &c)
	http.ListenAndServe(fmt.Sprintf("%s:%d", c.Server.Host, c.Server.Port), nil) // want `http.ListenAndServe tcp host=dual-stack wildcard "0.0.0.0" env=SERVER_HOST port=9000 env=SERVER_PORT default=9000$`
}
