// Package loopbackbind defines an Analyzer that reports Go listeners
// bound to a loopback address in a Fly app.
//
// # Analyzer loopbackbind
//
// loopbackbind: report listeners Fly Proxy cannot reach because they bind loopback
//
// Fly Proxy connects to a Machine on its private IPv4 address, so a
// server bound to 127.0.0.0/8, localhost or ::1 never receives a
// request. The analyzer reports such a listener in a main package when a
// fly.toml is found walking up from the Go file and routes the
// listener's port (or the port is not known), at the literal that
// carries the host. When the address is a string literal it suggests
// the wildcard form: "127.0.0.1:8080" becomes ":8080".
//
// The diagnostic's category is the flylint rule id, loopback-bind.
package loopbackbind
