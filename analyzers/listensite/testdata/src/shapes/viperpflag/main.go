// Shape: a cobra command's persistent pflags tied to viper keys by
// BindPFlag, with an env prefix and AutomaticEnv: the command line, then
// MEMOS_PORT, then the flag's default. Seen in
// usememos/memos@8a3cd77bfbbbf97b0c534fe7e1065536c0e1c5d2 (cmd/memos/main.go:
// --addr and --port persistent flags bound to viper, env prefix "memos",
// AutomaticEnv; server/server.go listens on addr:port; fly.toml sets
// MEMOS_PORT).
package main

import (
	"fmt"
	"net/http"

	"github.com/spf13/cobra"
	"github.com/spf13/viper"
)

var rootCmd = &cobra.Command{
	Use: "memos",
	Run: func(cmd *cobra.Command, args []string) {
		http.ListenAndServe(fmt.Sprintf("%s:%d", viper.GetString("addr"), viper.GetInt("port")), nil) // want `http.ListenAndServe tcp host=dual-stack wildcard env=MEMOS_ADDR flag=addr port=8081 env=MEMOS_PORT default=8081 flag=port$`
	},
}

func init() {
	viper.SetDefault("port", 8081)                                  // want `port value of http.ListenAndServe`
	rootCmd.PersistentFlags().String("addr", "", "address to bind") // want `host value of http.ListenAndServe`
	rootCmd.PersistentFlags().Int("port", 8081, "port to listen on")
	viper.BindPFlag("addr", rootCmd.PersistentFlags().Lookup("addr"))
	viper.BindPFlag("port", rootCmd.PersistentFlags().Lookup("port"))
	viper.SetEnvPrefix("memos")
	viper.AutomaticEnv()
}

func main() {
	rootCmd.Execute()
}
