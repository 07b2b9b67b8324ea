// Package cobra is a stub with the shape of spf13/cobra's API, for tests.
package cobra

import "github.com/spf13/pflag"

type Command struct {
	Use  string
	RunE func(cmd *Command, args []string) error
	Run  func(cmd *Command, args []string)
}

func (c *Command) Flags() *pflag.FlagSet           { return &pflag.FlagSet{} }
func (c *Command) PersistentFlags() *pflag.FlagSet { return &pflag.FlagSet{} }
func (c *Command) AddCommand(cmds ...*Command)     {}
func (c *Command) Execute() error                  { return nil }
