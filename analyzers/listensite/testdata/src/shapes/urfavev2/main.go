// Shape: a urfave/cli v2 app whose port flag has an alias, a Value and
// an EnvVars fallback, read in the Action through c.String; the host is
// a second flag read with c.String too.
package main

import (
	"net"
	"net/http"
	"os"

	"github.com/urfave/cli/v2"
)

func serve(c *cli.Context) error {
	return http.ListenAndServe(net.JoinHostPort(c.String("host"), c.String("port")), nil) // want `http.ListenAndServe tcp host=loopback "localhost" flag=host port=3000 env=PORT default=3000 flag=port short=p$`
}

func main() {
	app := &cli.App{
		Name: "krss",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "host", Value: "localhost"}, // want `host value of http.ListenAndServe`
			&cli.StringFlag{
				Name:    "port",
				Aliases: []string{"p"},
				Value:   "3000", // want `port value of http.ListenAndServe`
				EnvVars: []string{"PORT"},
			},
		},
		Action: serve,
	}
	app.Run(os.Args)
}
