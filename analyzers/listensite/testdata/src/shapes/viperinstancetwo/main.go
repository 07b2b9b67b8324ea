// Shape: two viper configurations in one program: the global one reads
// a config file (so its keys stay unknown), and a viper.New() instance
// for the HTTP server has only defaults and env. Each instance keeps its
// own settings: the file read by the global one does not touch the
// instance, and the instance's default does not leak into the global.
package main

import (
	"net/http"

	"github.com/spf13/viper"
)

func main() {
	viper.SetConfigName("config")
	viper.SetDefault("metrics_addr", ":9091")
	viper.ReadInConfig()

	srv := viper.New()
	srv.SetDefault("addr", ":8080") // want `port value of http.ListenAndServe`
	srv.BindEnv("addr", "LISTEN_ADDR")

	go http.ListenAndServe(viper.GetString("metrics_addr"), nil) // want `http.ListenAndServe tcp host=unknown port=0$`
	http.ListenAndServe(srv.GetString("addr"), nil)              // want `http.ListenAndServe tcp host=dual-stack wildcard env=LISTEN_ADDR whole port=8080 env=LISTEN_ADDR default=8080$`
}
