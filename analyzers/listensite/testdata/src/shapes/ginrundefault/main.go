// Shape: gin's Run() with no address: $PORT, else ":8080" (gin v1.12.0
// utils.go resolveAddress). Seen on Fly in 0Zeno/qrAPI@923121ba2e8cec2287056527f832a61f101e448e
// (main.go: router.Run(), [env] PORT=8080).
package main

import "github.com/gin-gonic/gin"

func main() {
	router := gin.Default()
	router.Run() // want `gin.Engine.Run tcp host=dual-stack wildcard default port=8080 env=PORT default=8080 documented$`
}
