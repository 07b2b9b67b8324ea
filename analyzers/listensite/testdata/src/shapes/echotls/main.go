// Shape: echo over TLS, certificates from files or from Let's Encrypt.
package main

import "github.com/labstack/echo/v4"

func main() {
	e := echo.New()
	go e.StartAutoTLS(":443")                         // want `echo.Echo.StartAutoTLS tcp host=dual-stack wildcard port=443$`
	e.StartTLS("0.0.0.0:8443", "cert.pem", "key.pem") // want `echo.Echo.StartTLS tcp host=dual-stack wildcard "0.0.0.0" port=8443$`
}
