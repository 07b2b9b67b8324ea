// Package viper is a stub with the shape of spf13/viper's API, for tests.
package viper

import (
	"strings"

	"github.com/spf13/pflag"
)

func SetDefault(key string, value interface{})     {}
func AutomaticEnv()                                {}
func SetEnvPrefix(in string)                       {}
func SetConfigName(in string)                      {}
func ReadInConfig() error                          { return nil }
func GetString(key string) string                  { return "" }
func GetInt(key string) int                        { return 0 }
func BindEnv(input ...string) error                { return nil }
func SetEnvKeyReplacer(r *strings.Replacer)        {}
func BindPFlag(key string, flag *pflag.Flag) error { return nil }
func BindPFlags(flags *pflag.FlagSet) error        { return nil }
func AllowEmptyEnv(allowEmptyEnv bool)             {}
