// Shape: an int port with a literal default, replaced when LookupEnv
// finds the variable (strconv.Atoi), joined as ":"+strconv.Itoa(port).
// Seen in benhoyt/simplelists@225660c657f43133e3b012093a778acfe7c5e1fb
// (main.go: port := 8080, PORT through LookupEnv and Atoi,
// http.ListenAndServe(":"+strconv.Itoa(port), server); fly.toml [env]
// PORT = "8080", built by paketo buildpacks).
package main

import (
	"log"
	"net/http"
	"os"
	"strconv"
)

func main() {
	port := 8080 // want `port value of http\.ListenAndServe$`
	var err error
	if v, ok := os.LookupEnv("PORT"); ok {
		port, err = strconv.Atoi(v)
		if err != nil {
			log.Fatal(err)
		}
	}
	err = http.ListenAndServe(":"+strconv.Itoa(port), http.NotFoundHandler()) // want `http\.ListenAndServe tcp host=dual-stack wildcard port=8080 env=PORT default=8080$`
	log.Fatal(err)
}
