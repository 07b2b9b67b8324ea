// Shape: main stores the port, from another package's env helper, in a
// field of an App value, and a value-receiver method formats ":%s" from
// that field and listens. Seen in
// amoeba/ac-server-monitor@7467c839d9717c23ddb6b7d7f822edb0d5235fbd
// (app.go: App{Port: lib.Env("PORT", "8080")}, App.Start builds the
// address with fmt.Sprintf and calls http.ListenAndServe; lib/lib.go's
// Env uses LookupEnv; fly.toml sets PORT=8080, internal_port 8080).
package main

import (
	"fmt"
	"net/http"

	"shapes/sappstart/lib"
)

type App struct {
	Port string
	Name string
}

func (a App) Start() {
	addr := fmt.Sprintf(":%s", a.Port)
	http.ListenAndServe(addr, nil) // want `http.ListenAndServe tcp host=dual-stack wildcard port=8080 env=PORT default=8080$`
}

func main() {
	app := App{Port: lib.Env("PORT", "8080"), Name: "monitor"} // want `port value of http.ListenAndServe`
	app.Start()
}
