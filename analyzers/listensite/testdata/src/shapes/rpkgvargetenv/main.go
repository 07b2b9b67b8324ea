// Shape: a package variable initialised by os.Getenv at declaration;
// init only fills the default when it is empty. Seen in
// hyphengolang/flyio@12bb78a92793d2abd1c79728640315fae36a24ad
// (cmd/main.go: var port = os.Getenv("PORT"), init sets "8080" when
// empty, log.Fatalln(http.ListenAndServe(":"+port, mux)); fly.toml
// [env] PORT = "8080", built by paketo buildpacks).
package main

import (
	"log"
	"net/http"
	"os"
)

var port = os.Getenv("PORT")

func init() {
	if port == "" {
		port = "8080" // want `port value of http\.ListenAndServe$`
	}
}

func main() {
	mux := http.NewServeMux()
	log.Fatalln(http.ListenAndServe(":"+port, mux)) // want `http\.ListenAndServe tcp host=dual-stack wildcard port=8080 env=PORT default=8080$`
}
