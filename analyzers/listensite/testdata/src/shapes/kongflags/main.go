// Shape: a kong subcommand (the default one) whose struct carries the
// listen address with default and env tags, read in the command's Run
// method that kong's Context.Run calls. Seen in
// casassg/wedding@33fefe4b39244d8e22f9d94147d1849924096224
// (backend/cmd/server/main.go: kong.Parse then ctx.Run; serve.go: the
// serve command's Port has env:"PORT" default:"8080" and Run listens on
// ":"+Port; backend/fly.toml). The host field, the port's short name and
// second variable, and the skipped fields are this fixture's own, kept
// to cover those tags.
package main

import (
	"fmt"
	"net/http"

	"github.com/alecthomas/kong"
)

type ServeCmd struct {
	Host  string `default:"127.0.0.1" env:"HOST" help:"bind host"` // want `host value of http.ListenAndServe`
	Port  int    `short:"p" default:"8080" env:"APP_PORT,PORT"`    // want `port value of http.ListenAndServe`
	Debug bool   `help:"debug mode"`
	Token string `kong:"-"`
}

func (c *ServeCmd) Run() error {
	return http.ListenAndServe(fmt.Sprintf("%s:%d", c.Host, c.Port), nil) // want `http.ListenAndServe tcp host=loopback "127.0.0.1" env=HOST flag=host port=8080 env=APP_PORT fallback=PORT default=8080 flag=port short=p$`
}

type CLI struct {
	Serve ServeCmd `cmd:"" default:"1" help:"serve"`
}

func main() {
	var cli CLI
	ctx := kong.Parse(&cli, kong.Name("api"))
	ctx.Run()
}
