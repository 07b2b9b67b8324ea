// Shape: viper reads a config file, which may set the port: the default
// alone does not say where the program listens, so the port stays
// unresolved rather than guessed. Seen in
// superfly/wormhole@0234a95c3d85ef0515bc4623b6ae82febd3240aa
// (config/config.go: ReadInConfig of wormhole.yaml with an env prefix and
// AutomaticEnv, SetDefault("port", "10000"); remote.go listens on
// ":"+port).
package main

import (
	"net"

	"github.com/spf13/viper"
)

func main() {
	viper.SetConfigName("wormhole")
	viper.ReadInConfig()
	viper.SetEnvPrefix("fly")
	viper.AutomaticEnv()
	viper.SetDefault("port", "10000")
	net.Listen("tcp", ":"+viper.GetString("port")) // want `net.Listen tcp host=dual-stack wildcard port=0$`
}
