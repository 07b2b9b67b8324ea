// Shape: nested viper keys (server.port) with AutomaticEnv and an env
// key replacer turning dots into underscores: SERVER_PORT.
package main

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/spf13/viper"
)

func main() {
	viper.SetDefault("server.host", "0.0.0.0") // want `host value of http.ListenAndServe`
	viper.SetDefault("server.port", 3000)      // want `port value of http.ListenAndServe`
	viper.SetEnvKeyReplacer(strings.NewReplacer(".", "_"))
	viper.AutomaticEnv()
	addr := fmt.Sprintf("%s:%d", viper.GetString("server.host"), viper.GetInt("server.port"))
	http.ListenAndServe(addr, nil) // want `http.ListenAndServe tcp host=dual-stack wildcard "0.0.0.0" env=SERVER_HOST port=3000 env=SERVER_PORT default=3000$`
}
