// Shape: viper instances reached through a map and a slice, which the
// analysis does not follow: the instance read from the map is unknown,
// and a config file read through the slice may fill any instance, so
// the one read directly is not guessed from its default either.
package main

import (
	"net/http"

	"github.com/spf13/viper"
)

func main() {
	m := map[string]*viper.Viper{"c": viper.New()}
	m["c"].SetDefault("addr", "127.0.0.1:8082")
	go http.ListenAndServe(m["c"].GetString("addr"), nil) // want `http.ListenAndServe tcp host=unknown port=0$`

	d := viper.New()
	d.SetDefault("addr", "127.0.0.1:8083")
	all := []*viper.Viper{d}
	all[0].ReadInConfig()
	http.ListenAndServe(d.GetString("addr"), nil) // want `http.ListenAndServe tcp host=unknown port=0$`
}
