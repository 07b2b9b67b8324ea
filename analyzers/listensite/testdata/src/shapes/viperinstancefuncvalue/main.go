// Shape: a function that sets a viper instance's defaults is called
// directly and also kept as a value in a list of hooks, where it may be
// called with any instance: its settings cannot be tied to one, so the
// port read back is not guessed.
package main

import (
	"net/http"

	"github.com/spf13/viper"
)

func serverDefaults(v *viper.Viper) {
	v.SetDefault("addr", "127.0.0.1:9000")
}

var hooks = []func(*viper.Viper){serverDefaults}

func main() {
	v := viper.New()
	serverDefaults(v)
	for _, h := range hooks {
		h(viper.New())
	}
	http.ListenAndServe(v.GetString("addr"), nil) // want `http.ListenAndServe tcp host=unknown port=0$`
}
