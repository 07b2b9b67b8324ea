package client

import "net/http"

const ordersURL = "https://orders.flycast/api" // want `https://orders.flycast uses https:// to reach orders.flycast, but Flycast is HTTP only`

var (
	feed    = "wss://feed.flycast/live"      // want `wss://feed.flycast uses wss://`
	billing = "https://billing.flycast:8443" // want `https://billing.flycast:8443 uses https://`
	escaped = "\thttps://search.flycast/q"   // want `https://search.flycast uses https://`
	fine    = "http://orders.flycast/api"
	public  = "https://orders.fly.dev/api"
	private = "https://orders.internal:8443/api"
)

func get() (*http.Response, error) { return http.Get(ordersURL) }
