// Shape: a cobra command whose RunE closure listens on an address bound
// to a local variable by cmd.Flags().StringVarP.
package main

import (
	"net/http"

	"github.com/spf13/cobra"
)

func main() {
	var addr string
	cmd := &cobra.Command{
		Use: "serve",
		RunE: func(cmd *cobra.Command, args []string) error {
			return http.ListenAndServe(addr, nil) // want `http.ListenAndServe tcp host=loopback "localhost" flag=addr short=a whole port=8000 flag=addr short=a$`
		},
	}
	cmd.Flags().StringVarP(&addr, "addr", "a", "localhost:8000", "listen address") // want `host value of http.ListenAndServe`
	cmd.Execute()
}
