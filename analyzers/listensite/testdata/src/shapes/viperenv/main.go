// Shape: viper defaults with AutomaticEnv and an env prefix; the host
// and port are read back with GetString and GetInt.
package main

import (
	"fmt"
	"net/http"

	"github.com/spf13/viper"
)

func init() {
	viper.SetEnvPrefix("app")
	viper.SetDefault("host", "127.0.0.1") // want `host value of http.ListenAndServe`
	viper.SetDefault("Port", 8080)        // want `port value of http.ListenAndServe`
	viper.AutomaticEnv()
}

func main() {
	addr := fmt.Sprintf("%s:%d", viper.GetString("host"), viper.GetInt("port"))
	http.ListenAndServe(addr, nil) // want `http.ListenAndServe tcp host=loopback "127.0.0.1" env=APP_HOST port=8080 env=APP_PORT default=8080$`
}
