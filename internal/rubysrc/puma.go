package rubysrc

import (
	"fmt"
	"strconv"
)

// PumaBind is one `port` or `bind` call at the top level of a Puma
// configuration file. Puma's DSL (puma/puma v6.6.0 lib/puma/dsl.rb)
// appends every call to :binds: `bind url` adds url, and
// `port p, host = default_host` adds tcp://host:p.
type PumaBind struct {
	// Off and End span the whole statement.
	Off, End int
	// URL is set for `bind "<url>"`: the literal URL.
	URL string
	// For `port`: the port is Port, or read from the variable Env, which
	// falls back to Port when HasDefault (ENV.fetch("PORT") { 3000 },
	// ENV.fetch("PORT", 3000), ENV["PORT"] || 3000).
	Port       int
	Env        string
	HasDefault bool
	// Host is the host argument of `port`, "" when absent (Puma's
	// default host then applies).
	Host string
	// ValueOff and ValueEnd span the port argument.
	ValueOff, ValueEnd int
}

// PumaConfig is what a Puma configuration file says about where Puma
// listens. No Binds means the file adds none, so the defaults stand.
type PumaConfig struct {
	Binds []PumaBind
}

// pumaOpaque are the DSL methods and Ruby calls that change the binds in
// a way this reader does not follow (dsl.rb v6.6.0: ssl_bind,
// bind_to_activated_sockets, clear_binds!, set_default_host, load), or
// run code it cannot see.
var pumaOpaque = map[string]bool{
	"ssl_bind": true, "bind_to_activated_sockets": true, "clear_binds!": true, "set_default_host": true,
	"_load_from": true, "def": true, "define_method": true, "method_missing": true, "alias_method": true, "alias": true,
}

// pumaPlugins are the plugins known to add no bind: Puma's own
// tmp_restart (lib/puma/plugin/tmp_restart.rb, v6.6.0), which only
// watches tmp/restart.txt, and solid_queue's (rails/solid_queue
// lib/puma/plugin/solid_queue.rb), which starts a supervisor process;
// Rails 8 generates both. A plugin may add binds through its config hook.
var pumaPlugins = map[string]bool{"tmp_restart": true, "solid_queue": true}

// isEnvName reports whether s is a plain environment variable name.
func isEnvName(s string) bool {
	for i, c := range s {
		switch {
		case c == '_', c >= 'A' && c <= 'Z', c >= 'a' && c <= 'z':
		case c >= '0' && c <= '9' && i > 0:
		default:
			return false
		}
	}
	return s != ""
}

// ReadPuma reads a Puma configuration file (config/puma.rb): the
// unconditional `port` and `bind` calls at its top level. It returns an
// error when a bind may be made any other way: inside a condition,
// block or method, with an argument it does not read, through another
// file (load, require_relative, eval), or by a DSL method whose effect
// on the binds it does not model.
func ReadPuma(src []byte) (*PumaConfig, error) {
	toks, err := Tokenize(src)
	if err != nil {
		return nil, err
	}
	cfg := &PumaConfig{}
	err = walkStatements(toks, func(i int, start, afterDot, _ bool, stack []opener) (int, error) {
		t := toks[i]
		switch {
		case t.Kind == Ident && !afterDot && (indirect[t.Text] || pumaOpaque[t.Text]):
			return i, &Error{t.Off, fmt.Sprintf("%s may change where Puma listens in a way this reader does not follow", t.Text)}
		case t.Kind == Const && t.Text == "ENV" && !afterDot && envWrite(toks[i+1:]):
			// ENV["PORT"] = … before `port ENV.fetch("PORT")` changes
			// what it reads.
			return i, &Error{t.Off, "the file changes the environment"}
		case t.Kind == Ident && !afterDot && t.Text == "plugin":
			if i+1 >= len(toks) || (toks[i+1].Kind != Symbol && toks[i+1].Kind != String) || !pumaPlugins[toks[i+1].Value] {
				return i, &Error{t.Off, "a plugin this reader does not know may add binds"}
			}
		case t.Kind == Ident && !afterDot && (t.Text == "port" || t.Text == "bind"):
			if !start || len(stack) > 0 {
				return i, &Error{t.Off, fmt.Sprintf("%s is called inside a condition, block or expression", t.Text)}
			}
			end := i + 1
			for end < len(toks) && toks[end].Kind != Newline && (toks[end].Kind != Op || toks[end].Text != ";") {
				end++
			}
			b, err := pumaCall(toks[i:end])
			if err != nil {
				return i, err
			}
			cfg.Binds = append(cfg.Binds, b)
			return end - 1, nil
		}
		return i, nil
	})
	if err != nil {
		return nil, err
	}
	return cfg, nil
}

// pumaCall reads one `port …` or `bind …` statement, toks[0] being the
// method name and the statement ending with the last token.
func pumaCall(toks []Token) (PumaBind, error) {
	name := toks[0]
	b := PumaBind{Off: name.Off, End: toks[len(toks)-1].End}
	args := toks[1:]
	// port(3000) and port 3000 are the same call.
	if len(args) >= 2 && args[0].Kind == Op && args[0].Text == "(" && !args[0].SpaceBefore && args[len(args)-1].Text == ")" {
		args = args[1 : len(args)-1]
	}
	fail := func(why string) (PumaBind, error) {
		return PumaBind{}, &Error{name.Off, fmt.Sprintf("%s %s", name.Text, why)}
	}
	if len(args) == 0 {
		return fail("has no argument")
	}
	if name.Text == "bind" {
		if len(args) != 1 || args[0].Kind != String || args[0].Interp {
			return fail("is given something other than a literal URL")
		}
		b.URL, b.ValueOff, b.ValueEnd = args[0].Value, args[0].Off, args[0].End
		return b, nil
	}
	// Split off a host argument: port <value>, "<host>".
	if n := len(args); n >= 3 && args[n-2].Kind == Op && args[n-2].Text == "," {
		if args[n-1].Kind != String || args[n-1].Interp {
			return fail("is given a host that is not a literal string")
		}
		b.Host = args[n-1].Value
		args = args[:n-2]
	}
	b.ValueOff, b.ValueEnd = args[0].Off, args[len(args)-1].End
	if !pumaPortValue(args, &b) {
		return fail("is given a value this reader does not follow")
	}
	return b, nil
}

// pumaPortValue reads a port argument: a literal, or one environment
// variable in the forms Rails generates (railties
// generators/rails/app/templates/config/puma.rb.tt: 7.0/7.1
// `ENV.fetch("PORT") { 3000 }`, 7.2/8.0 `ENV.fetch("PORT", 3000)`) and
// `ENV["PORT"] || 3000`. Puma converts it with Integer() (dsl.rb), which
// accepts a numeric string as well as a number.
func pumaPortValue(a []Token, b *PumaBind) bool {
	text := func(i int) string {
		if i < len(a) {
			return a[i].Text
		}
		return ""
	}
	lit := func(i int) (int, bool) {
		if i >= len(a) {
			return 0, false
		}
		switch a[i].Kind {
		case Number:
			n, err := strconv.Atoi(a[i].Text)
			return n, err == nil
		case String:
			if a[i].Interp {
				return 0, false
			}
			n, err := strconv.Atoi(a[i].Value)
			return n, err == nil
		}
		return 0, false
	}
	envName := func(i int) bool {
		if i < len(a) && a[i].Kind == String && !a[i].Interp && isEnvName(a[i].Value) {
			b.Env = a[i].Value
			return true
		}
		return false
	}
	if n, ok := lit(0); ok && len(a) == 1 {
		b.Port = n
		return true
	}
	if text(0) != "ENV" || a[0].Kind != Const {
		return false
	}
	switch {
	case text(1) == "." && text(2) == "fetch" && text(3) == "(" && envName(4):
		switch {
		case text(5) == ")" && len(a) == 6:
			return true // no default: Puma fails when it is unset
		case text(5) == ")" && text(6) == "{" && len(a) == 9 && text(8) == "}":
			n, ok := lit(7)
			b.Port, b.HasDefault = n, ok
			return ok
		case text(5) == "," && text(7) == ")" && len(a) == 8:
			n, ok := lit(6)
			b.Port, b.HasDefault = n, ok
			return ok
		}
	case text(1) == "[" && envName(2) && text(3) == "]":
		switch {
		case len(a) == 4:
			return true
		case text(4) == "||" && len(a) == 6:
			n, ok := lit(5)
			b.Port, b.HasDefault = n, ok
			return ok
		}
	}
	return false
}

// envWrite reports whether the tokens after ENV write to it:
// ENV[…] = …, or a method that changes it.
func envWrite(rest []Token) bool {
	if len(rest) == 0 {
		return false
	}
	if rest[0].Text == "." && len(rest) > 1 {
		switch rest[1].Text {
		case "store", "update", "replace", "merge!", "delete", "clear", "[]=":
			return true
		}
		return false
	}
	if rest[0].Text != "[" {
		return false
	}
	for j, d := 0, 0; j < len(rest); j++ {
		switch rest[j].Text {
		case "[":
			d++
		case "]":
			if d--; d == 0 {
				return j+1 < len(rest) && rest[j+1].Kind == Op && (rest[j+1].Text == "=" || rest[j+1].Text == "||=")
			}
		}
	}
	return false
}
