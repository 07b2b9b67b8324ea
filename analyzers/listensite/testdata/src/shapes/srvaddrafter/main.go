// Shape: http.Server fields set after construction.
package main

import (
	"net/http"
	"os"
)

func main() {
	srv := &http.Server{Handler: http.NotFoundHandler()}
	srv.Addr = ":" + os.Getenv("PORT") // want `host value of http.Server.ListenAndServe`
	srv.ListenAndServe()               // want `http.Server.ListenAndServe tcp host=dual-stack wildcard port=0 env=PORT required$`
}
