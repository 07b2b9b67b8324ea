// Shape: gin over HTTP/3 (RunQUIC is http3.ListenAndServeQUIC in gin
// v1.12.0): a UDP socket, which on Fly must bind fly-global-services.
package main

import "github.com/gin-gonic/gin"

func main() {
	r := gin.Default()
	r.RunQUIC(":4433", "cert.pem", "key.pem") // want `gin.Engine.RunQUIC udp host=dual-stack wildcard port=4433$`
}
