// Shape: a kong CLI struct whose listen address has a default tag and an
// env tag, and whose port flag has a short name and two variables; the
// fields are read after kong.Parse.
package main

import (
	"fmt"
	"net/http"

	"github.com/alecthomas/kong"
)

type CLI struct {
	Host  string `default:"127.0.0.1" env:"HOST" help:"bind host"` // want `host value of http.ListenAndServe`
	Port  int    `short:"p" default:"8080" env:"APP_PORT,PORT"`    // want `port value of http.ListenAndServe`
	Debug bool   `help:"debug mode"`
	Token string `kong:"-"`
}

func main() {
	var cli CLI
	kong.Parse(&cli, kong.Name("api"))
	http.ListenAndServe(fmt.Sprintf("%s:%d", cli.Host, cli.Port), nil) // want `http.ListenAndServe tcp host=loopback "127.0.0.1" env=HOST flag=host port=8080 env=APP_PORT fallback=PORT default=8080 flag=port short=p$`
}
