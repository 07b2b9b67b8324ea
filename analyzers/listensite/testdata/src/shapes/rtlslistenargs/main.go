// Shape: crypto/tls.Listen in a constructor whose address arrives in an
// args struct built by the caller as ":"+port, the constructor only
// called when a config switch is on. Seen in
// superfly/wormhole@0234a95c3d85ef0515bc4623b6ae82febd3240aa
// (net/single_port_listener_factory.go NewSharedPortTLSListenerFactory:
// tls.Listen("tcp", args.Address, args.TLSConfig); remote.go builds
// the args with Address ":"+cfg.SharedTLSForwardingPort when
// UseSharedPortForwarding is set; both are viper keys there, defaults
// "443" and false, which viperfile models; plain values here).
package main

import (
	"crypto/tls"
	"fmt"
	"net"
)

type factoryArgs struct {
	TLSConfig *tls.Config
	Address   string
}

type factory struct{ listener net.Listener }

func newFactory(args *factoryArgs) (*factory, error) {
	if args.TLSConfig == nil {
		return nil, fmt.Errorf("must set TLS config")
	}
	l, err := tls.Listen("tcp", args.Address, args.TLSConfig) // want `tls\.Listen tcp host=dual-stack wildcard port=0 partial$`
	if err != nil {
		return nil, err
	}
	return &factory{listener: l}, nil
}

func fromConfig(shared bool, port string) (*factory, error) {
	if !shared {
		return nil, nil
	}
	return newFactory(&factoryArgs{
		Address:   ":" + port,
		TLSConfig: &tls.Config{},
	})
}

func main() {
	if _, err := fromConfig(true, "443"); err != nil { // want `tls\.Listen tcp host=dual-stack wildcard port=443 via$`
		panic(err)
	}
}
