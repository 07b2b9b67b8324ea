// Shape (must not fold): only the development branch reads the port
// from the environment; in production it is always 80. That is not
// "DEV_PORT with default 80".
package main

import (
	"net/http"
	"os"
)

func main() {
	port := "80"
	if os.Getenv("MODE") == "dev" {
		port = os.Getenv("DEV_PORT")
	}
	http.ListenAndServe(":"+port, nil) // want `http.ListenAndServe tcp host=dual-stack wildcard port=0 alts=\["":80 if MODE!="dev"; "":0 if MODE=="dev"\]$`
}
