// Shape: a package-level port bound in init to a root command's
// persistent flag, read by a subcommand's Run closure.
package main

import (
	"fmt"
	"net/http"

	"github.com/spf13/cobra"
)

var (
	port int
	host string
)

var rootCmd = &cobra.Command{Use: "app"}

var serveCmd = &cobra.Command{
	Use: "serve",
	Run: func(cmd *cobra.Command, args []string) {
		http.ListenAndServe(fmt.Sprintf("%s:%d", host, port), nil) // want `http.ListenAndServe tcp host=dual-stack wildcard "0.0.0.0" flag=host port=4000 flag=port$`
	},
}

func init() {
	rootCmd.PersistentFlags().IntVar(&port, "port", 4000, "port")
	rootCmd.PersistentFlags().StringVar(&host, "host", "0.0.0.0", "host") // want `host value of http.ListenAndServe`
	rootCmd.AddCommand(serveCmd)
}

func main() {
	rootCmd.Execute()
}
