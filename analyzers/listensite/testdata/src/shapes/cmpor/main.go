// Shape: cmp.Or picks the first non-empty of env vars and a literal
// default (Go 1.22+); the finding about the port stands at the default.
// Seen in Merlness/personalwebsite@062d88a5ac64f1e7109c2c94b3055e768d3be179
// (cmd/capture-api/main.go: the http.Server's Addr is ":" plus cmp.Or of
// $PORT and "8080"; deployed with fly.capture-api.toml, internal_port
// 8080). The second listen below is that one-variable form.
package main

import (
	"cmp"
	"net/http"
	"os"
)

func main() {
	port := cmp.Or(os.Getenv("APP_PORT"), os.Getenv("PORT"), "9000") // want `port value of http.ListenAndServe`
	go http.ListenAndServe(":"+port, nil)                            // want `http.ListenAndServe tcp host=dual-stack wildcard port=9000 env=APP_PORT fallback=PORT default=9000$`

	srv := &http.Server{Addr: ":" + cmp.Or(os.Getenv("PORT"), "8080")} // want `host value of http.Server.ListenAndServe` `port value of http.Server.ListenAndServe`
	srv.ListenAndServe()                                               // want `http.Server.ListenAndServe tcp host=dual-stack wildcard port=8080 env=PORT default=8080$`
}
