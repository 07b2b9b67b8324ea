// Clean shape: a urfave/cli v2 flag that may come from a file (a mounted
// secret) after its variable: its Value is not what runs, so nothing is
// guessed from it.
package main

import (
	"net/http"
	"os"

	"github.com/urfave/cli/v2"
)

func main() {
	app := &cli.App{
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "addr", Value: "127.0.0.1:9000", EnvVars: []string{"ADDR"}, FilePath: "/run/secrets/addr"},
		},
		Action: func(c *cli.Context) error {
			return http.ListenAndServe(c.String("addr"), nil) // want `http.ListenAndServe tcp host=unknown env=ADDR flag=addr whole port=0 env=ADDR flag=addr$`
		},
	}
	app.Run(os.Args)
}
