// Shape: the port from os.LookupEnv, a literal used when the variable is
// unset; the host a literal unless a second LookupEnv'd variable is both
// set and "development", then loopback. The two are joined into an
// http.Server literal's Addr. Seen in
// edjw/fly-go-example@20a5b0c0812d2d4488d782de8ff7e5cf8040a230 (app.go:
// PORT and GOENVIRONMENT read with LookupEnv, "0.0.0.0" unless
// GOENVIRONMENT is "development"; fly.toml sets PORT=8080, internal_port
// 8080). Undecided here, as in envbranch: the port holds on every path,
// the host does not; the first alternative is the path where
// GOENVIRONMENT is unset, the other two where it is set.
package main

import (
	"net/http"
	"os"
)

func main() {
	port, havePort := os.LookupEnv("PORT")
	mode, haveMode := os.LookupEnv("GOENVIRONMENT")
	host := "0.0.0.0"
	if haveMode && mode == "development" {
		host = "127.0.0.1"
	}
	if !havePort {
		port = "8080" // want `port value of http.Server.ListenAndServe`
	}
	srv := &http.Server{Addr: host + ":" + port} // want `host value of http.Server.ListenAndServe`
	srv.ListenAndServe()                         // want `http.Server.ListenAndServe tcp host=unknown port=8080 env=PORT default=8080 alts=\["0.0.0.0":8080; "0.0.0.0":8080 if GOENVIRONMENT!="development"; "127.0.0.1":8080 if GOENVIRONMENT=="development"\]$`
}
