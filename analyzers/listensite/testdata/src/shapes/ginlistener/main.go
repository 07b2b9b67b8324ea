// Shape: gin served on a listener the program opens (RunListener), and
// on a Unix socket (RunUnix), which no network reaches and is no site.
package main

import (
	"net"

	"github.com/gin-gonic/gin"
)

func main() {
	r := gin.Default()
	go r.RunUnix("/run/app.sock")
	ln, err := net.Listen("tcp", "127.0.0.1:9000") // want `net.Listen tcp host=loopback "127.0.0.1" port=9000$`
	if err != nil {
		panic(err)
	}
	r.RunListener(ln)
}
