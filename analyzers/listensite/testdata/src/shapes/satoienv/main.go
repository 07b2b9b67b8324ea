// Shape: an int port with a literal default, replaced when $PORT is set
// (LookupEnv) by its strconv.Atoi value, then written back with
// strconv.Itoa after ":". Seen in
// benhoyt/simplelists@225660c657f43133e3b012093a778acfe7c5e1fb (main.go:
// port := 8080, LookupEnv("PORT") and Atoi, http.ListenAndServe(":"+
// strconv.Itoa(port), ...); fly.toml sets PORT=8080, internal_port 8080).
package main

import (
	"net/http"
	"os"
	"strconv"
)

func main() {
	port := 8080 // want `port value of http.ListenAndServe`
	var err error
	if v, ok := os.LookupEnv("PORT"); ok {
		port, err = strconv.Atoi(v)
		if err != nil {
			os.Exit(1)
		}
	}
	http.ListenAndServe(":"+strconv.Itoa(port), nil) // want `http.ListenAndServe tcp host=dual-stack wildcard port=8080 env=PORT default=8080$`
}
