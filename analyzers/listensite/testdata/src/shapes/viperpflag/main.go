// Shape: a cobra command's pflag (with a shorthand) tied to a viper key
// by BindPFlag, and the key bound to PORT: the command line, then PORT,
// then the flag's default.
package main

import (
	"fmt"
	"net/http"

	"github.com/spf13/cobra"
	"github.com/spf13/viper"
)

var serveCmd = &cobra.Command{
	Use: "serve",
	RunE: func(cmd *cobra.Command, args []string) error {
		return http.ListenAndServe(fmt.Sprintf(":%d", viper.GetInt("port")), nil) // want `http.ListenAndServe tcp host=dual-stack wildcard port=8081 env=PORT default=8081 flag=port short=p$`
	},
}

func init() {
	serveCmd.Flags().IntP("port", "p", 8081, "port to listen on")
	viper.BindPFlag("port", serveCmd.Flags().Lookup("port"))
	viper.BindEnv("port", "PORT")
}

func main() {
	serveCmd.Execute()
}
