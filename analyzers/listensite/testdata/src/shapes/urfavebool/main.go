// Shape: a urfave/cli v2 bool flag with an env fallback (DEBUG) picks a
// loopback host in the Action.
package main

import (
	"net/http"
	"os"

	"github.com/urfave/cli/v2"
)

func main() {
	app := &cli.App{
		Flags: []cli.Flag{&cli.BoolFlag{Name: "debug", EnvVars: []string{"DEBUG"}}},
		Action: func(c *cli.Context) error {
			addr := ":8080"
			if c.Bool("debug") {
				addr = "localhost:8080"
			}
			return http.ListenAndServe(addr, nil) // want `http.ListenAndServe tcp host=unknown port=8080 alts=\["":8080 if -debug>DEBUG\|false!="true"; "localhost":8080 if -debug>DEBUG\|false=="true"\]$`
		},
	}
	app.Run(os.Args)
}
