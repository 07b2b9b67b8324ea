package client

import "os"

const ordersURL = "http://orders.flycast/api" // want `^http://orders.flycast flycast orders 80 exact$`

var (
	a = `https://billing.flycast:8443/x`                  // want `^https://billing.flycast:8443 flycast billing 8443 exact$`
	b = "\tpostgres://u:p@db.internal:5432/app"           // want `^postgres://u:p@db.internal:5432 internal db 5432 inexact$`
	c = "http://metadata.google.internal/computeMetadata" // a look-alike: nothing
	d = "ops@corp.internal"                               // an e-mail address: nothing
)

func url() string {
	if v := os.Getenv("API"); v != "" {
		return v
	}
	return "http://ord.api.internal:8080" // want `^http://ord.api.internal:8080 internal api 8080 exact$`
}
