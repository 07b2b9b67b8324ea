// Shape: BindPFlags ties every flag to the key of its name; SetDefault
// comes before the flag's own default in viper's order, and
// AutomaticEnv with a prefix names the variable (API_ADDR).
package main

import (
	"net/http"

	"github.com/spf13/pflag"
	"github.com/spf13/viper"
)

func main() {
	pflag.String("addr", "localhost:9000", "listen address")
	pflag.Parse()
	viper.BindPFlags(pflag.CommandLine)
	viper.SetDefault("addr", ":7000") // want `port value of http.ListenAndServe`
	viper.SetEnvPrefix("api")
	viper.AutomaticEnv()
	http.ListenAndServe(viper.GetString("addr"), nil) // want `http.ListenAndServe tcp host=dual-stack wildcard env=API_ADDR flag=addr whole port=7000 env=API_ADDR default=7000 flag=addr$`
}
