// Package kong is a vendored stub with the shape of alecthomas/kong v1.6.0's API, for tests.
package kong

type Option interface{ apply() }

type option struct{}

func (option) apply() {}

type Context struct{}

func (c *Context) Run(binds ...interface{}) error { return nil }

type Kong struct{}

func (k *Kong) Parse(args []string) (*Context, error) { return &Context{}, nil }

func Parse(cli interface{}, options ...Option) *Context         { return &Context{} }
func New(grammar interface{}, options ...Option) (*Kong, error) { return &Kong{}, nil }
func Name(name string) Option                                   { return option{} }
func Description(d string) Option                               { return option{} }
func Configuration(loader interface{}, paths ...string) Option  { return option{} }
func DefaultEnvars(prefix string) Option                        { return option{} }
