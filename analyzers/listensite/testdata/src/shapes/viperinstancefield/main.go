// Shape: a viper instance embedded in the app's own config type, kept
// in a package-level variable built in init from a defaults map, with
// a key bound to an env name (MustBindEnv); the port is read through
// the promoted GetInt in another function. The package variable made
// in init is seen in kunarc/image-retrieval@667bbaf92edf8d2e62e71e2cab4dea004d5070f7
// (internal/config/config.go: Config = viper.New(), SetDefault of
// service.port), not a Fly app (no fly.toml).
package main

import (
	"fmt"
	"net/http"

	"github.com/spf13/viper"
)

type appConfig struct {
	*viper.Viper
}

var conf *appConfig

func newConfig() *appConfig {
	v := viper.New()
	v.SetDefault("host", "0.0.0.0")
	v.SetDefault("port", 1323) // want `port value of http.ListenAndServe`
	return &appConfig{Viper: v}
}

func init() {
	conf = newConfig()
	conf.MustBindEnv("port", "PORT")
}

func addr() string {
	return fmt.Sprintf(":%d", conf.GetInt("port"))
}

func main() {
	http.ListenAndServe(addr(), nil) // want `http.ListenAndServe tcp host=dual-stack wildcard port=1323 env=PORT default=1323$`
}
