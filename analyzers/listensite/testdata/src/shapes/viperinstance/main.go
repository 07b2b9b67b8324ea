// Shape: a viper instance from viper.New(), its defaults set by a
// helper it is passed to, AutomaticEnv with a prefix, the port read
// with the instance's GetString in the function that returns the
// config. Seen in maze1377/manager-vending-machine@36d739f287e87505440c5c2c8a339c678f3b0586
// (config/config.go: viper.New, setDefaults(config), SetEnvPrefix,
// AutomaticEnv, GetString("addr")), not a Fly app (no fly.toml); there a
// config file is also read when one is named, which leaves the address
// unknown (shapes/viperinstanceopaque).
package main

import (
	"net/http"

	"github.com/spf13/viper"
)

type config struct {
	Port string
}

func setDefaults(v *viper.Viper) {
	v.SetDefault("port", "3000") // want `port value of http.ListenAndServe`
	v.SetDefault("log_level", "info")
}

func load() (*config, error) {
	v := viper.New()
	setDefaults(v)
	v.SetEnvPrefix("app")
	v.AutomaticEnv()
	return &config{Port: v.GetString("port")}, nil
}

func main() {
	cfg, err := load()
	if err != nil {
		panic(err)
	}
	http.ListenAndServe(":"+cfg.Port, nil) // want `http.ListenAndServe tcp host=dual-stack wildcard port=3000 env=APP_PORT default=3000$`
}
