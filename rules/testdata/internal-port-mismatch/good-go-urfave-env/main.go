package main

import (
	"net/http"
	"os"

	"github.com/urfave/cli/v2"
)

func main() {
	app := &cli.App{
		Name: "api",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "port", Aliases: []string{"p"}, Value: "8080", EnvVars: []string{"PORT"}},
		},
		Action: func(c *cli.Context) error {
			return http.ListenAndServe(":"+c.String("port"), nil)
		},
	}
	app.Run(os.Args)
}
