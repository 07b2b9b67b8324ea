// Shape: gin's RunTLS with the address from a constant; an empty address
// is net/http's default, ":443" for RunTLS and ":80" for Run("") (gin
// v1.12.0 gin.go: both build an http.Server with Addr set to it).
package main

import "github.com/gin-gonic/gin"

const httpsAddr = "127.0.0.1:8443"

func main() {
	r := gin.Default()
	go r.RunTLS(httpsAddr, "cert.pem", "key.pem") // want `gin.Engine.RunTLS tcp host=loopback "127.0.0.1" port=8443$`
	go r.Run("")                                  // want `gin.Engine.Run tcp host=dual-stack wildcard port=80$`
	r.RunTLS("", "cert.pem", "key.pem")           // want `gin.Engine.RunTLS tcp host=dual-stack wildcard port=443$`
}
