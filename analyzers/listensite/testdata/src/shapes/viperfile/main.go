// Shape: viper reads a config file, which may set the address: the
// default alone does not say where the program listens, so the site
// stays unresolved rather than guessed.
package main

import (
	"net/http"

	"github.com/spf13/viper"
)

func main() {
	viper.SetConfigName("config")
	viper.SetDefault("addr", "127.0.0.1:8080")
	viper.ReadInConfig()
	http.ListenAndServe(viper.GetString("addr"), nil) // want `http.ListenAndServe tcp host=unknown port=0$`
}
