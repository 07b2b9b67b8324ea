// Package sixpnonly defines an Analyzer that reports proxied ports
// bound only to the 6PN private address.
//
// # Analyzer sixpnonly
//
// sixpnonly: report proxied ports bound only to fly-local-6pn
//
// A listener on fly-local-6pn, an fdaa: address or $FLY_PRIVATE_IP
// is reachable over Fly's private IPv6 network only. Fly Proxy connects
// over the Machine's private IPv4 address, so when fly.toml routes that
// port to the process, every request fails. The analyzer reports a TCP
// listener of that kind when the nearest fly.toml routes its port and no
// other listener in the package serves the same port on a reachable
// address.
//
// The diagnostic's category is the flylint rule id, proxied-port-6pn-only.
package sixpnonly
