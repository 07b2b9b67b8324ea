// Shape: viper keys bound to env names with BindEnv, one named
// explicitly (PORT) and one derived from the key and the prefix
// (APP_HOST), with SetDefault values and no AutomaticEnv.
package main

import (
	"net"
	"net/http"

	"github.com/spf13/viper"
)

func init() {
	viper.SetEnvPrefix("app")
	viper.SetDefault("host", "127.0.0.1") // want `host value of http.ListenAndServe`
	viper.SetDefault("port", "8080")      // want `port value of http.ListenAndServe`
	viper.BindEnv("host")
	viper.BindEnv("port", "PORT")
}

func main() {
	http.ListenAndServe(net.JoinHostPort(viper.GetString("host"), viper.GetString("port")), nil) // want `http.ListenAndServe tcp host=loopback "127.0.0.1" env=APP_HOST port=8080 env=PORT default=8080$`
}
