// Shape: urfave/cli v2 flags bound to package variables through
// Destination, the address built from them after Run parsed the flags.
package main

import (
	"fmt"
	"net/http"
	"os"

	"github.com/urfave/cli/v2"
)

var (
	host string
	port int
)

func main() {
	app := &cli.App{
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "host", Value: "0.0.0.0", EnvVars: []string{"HOST"}, Destination: &host}, // want `host value of http.ListenAndServe`
			&cli.IntFlag{Name: "port", Value: 8080, EnvVars: []string{"PORT"}, Destination: &port},         // want `port value of http.ListenAndServe`
		},
		Action: func(*cli.Context) error {
			return http.ListenAndServe(fmt.Sprintf("%s:%d", host, port), nil) // want `http.ListenAndServe tcp host=dual-stack wildcard "0.0.0.0" env=HOST flag=host port=8080 env=PORT default=8080 flag=port$`
		},
	}
	app.Run(os.Args)
}
