// Package viper is a stub with the shape of spf13/viper's API, for tests.
package viper

func SetDefault(key string, value interface{}) {}
func AutomaticEnv()                            {}
func SetEnvPrefix(in string)                   {}
func SetConfigName(in string)                  {}
func ReadInConfig() error                      { return nil }
func GetString(key string) string              { return "" }
func GetInt(key string) int                    { return 0 }
