// Shape: every flag copied from APP_<name> in the environment through
// flag.Set with a computed name, so any flag may end up with any value:
// the default must not stay definite. The same idea, written with
// cobra and viper (each flag set from the env var named after it), is
// in Emyrk/stravacollector@1be6448f9448060b5906d3121ccd6c4be7cacadd
// (cli/server.go, bindFlags; fly.toml at 2223a3d).
package main

import (
	"flag"
	"net/http"
	"os"
)

var addr = flag.String("addr", ":9090", "")

func main() {
	flag.Parse()
	flag.VisitAll(func(f *flag.Flag) {
		if v, ok := os.LookupEnv("APP_" + f.Name); ok {
			flag.Set(f.Name, v)
		}
	})
	http.ListenAndServe(*addr, nil) // want `http.ListenAndServe tcp host=unknown port=0$`
}
