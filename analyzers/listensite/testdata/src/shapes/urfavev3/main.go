// Shape: a urfave/cli v3 command whose address flag reads two variables
// through Sources: cli.EnvVars, read back with cmd.String in the
// Action closure; an int flag without a Value is its zero.
package main

import (
	"context"
	"fmt"
	"net/http"
	"os"

	"github.com/urfave/cli/v3"
)

func main() {
	cmd := &cli.Command{
		Name: "api",
		Flags: []cli.Flag{
			&cli.StringFlag{
				Name:    "listen",
				Value:   "127.0.0.1:8080", // want `host value of http.ListenAndServe`
				Sources: cli.EnvVars("API_LISTEN", "LISTEN"),
			},
			&cli.IntFlag{Name: "metrics-port", Sources: cli.EnvVars("METRICS_PORT")},
		},
		Action: func(ctx context.Context, cmd *cli.Command) error {
			go http.ListenAndServe(fmt.Sprintf(":%d", cmd.Int("metrics-port")), nil) // want `http.ListenAndServe tcp host=dual-stack wildcard port=0 env=METRICS_PORT flag=metrics-port$`
			return http.ListenAndServe(cmd.String("listen"), nil)                    // want `http.ListenAndServe tcp host=loopback "127.0.0.1" env=API_LISTEN flag=listen whole port=8080 env=API_LISTEN fallback=LISTEN default=8080 flag=listen$`
		},
	}
	cmd.Run(context.Background(), os.Args)
}
