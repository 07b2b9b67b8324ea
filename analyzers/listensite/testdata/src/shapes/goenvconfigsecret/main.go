// Clean shape: go-envconfig reading the address from a map lookuper (a
// secret store the program fills): its default is not what runs.
package main

import (
	"context"
	"net/http"

	"github.com/sethvargo/go-envconfig"
)

type Config struct {
	Addr string `env:"ADDR, default=127.0.0.1:4000"`
}

func main() {
	var c Config
	envconfig.ProcessWith(context.Background(), &envconfig.Config{
		Target:   &c,
		Lookuper: envconfig.MapLookuper(map[string]string{}),
	})
	http.ListenAndServe(c.Addr, nil) // want `http.ListenAndServe tcp host=unknown port=0$`
}
