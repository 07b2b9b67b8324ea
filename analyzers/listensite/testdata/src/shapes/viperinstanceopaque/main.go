// Shape: viper instances whose keys may be set where the analysis does
// not look: one handed to a function of the program that reads a
// config file into it, one handed to a function value (which may do
// the same). Neither is guessed from its default.
package main

import (
	"net/http"
	"os"

	"github.com/spf13/viper"
)

func configure(v *viper.Viper) {
	v.SetConfigName("config")
	v.ReadInConfig()
}

var printAddr = func(v *viper.Viper) { os.Stdout.WriteString(v.GetString("addr")) }

func main() {
	a := viper.New()
	a.SetDefault("addr", "127.0.0.1:8080")
	configure(a)
	go http.ListenAndServe(a.GetString("addr"), nil) // want `http.ListenAndServe tcp host=unknown port=0$`

	b := viper.New()
	b.SetDefault("addr", "127.0.0.1:8081")
	printAddr(b)
	http.ListenAndServe(b.GetString("addr"), nil) // want `http.ListenAndServe tcp host=unknown port=0$`
}
