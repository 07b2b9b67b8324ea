package rubysrc

import "fmt"

// Setting is one literal true/false configuration value.
type Setting struct {
	// Set: an assignment was found. ReadSSL fails unless every mention of
	// the setting is an unconditional literal assignment at the configure
	// block's own level, so Value is what Rails ends up with from this file.
	Set   bool
	Value bool
	// Off and End span the last assignment (`config.force_ssl = true`).
	Off, End int
}

// RedirectOption is what config.ssl_options says about redirects.
type RedirectOption int

const (
	// RedirectDefault: no ssl_options, or a hash without :redirect, so
	// ActionDispatch::SSL redirects every non-SSL request.
	RedirectDefault RedirectOption = iota
	// RedirectOff: redirect: false.
	RedirectOff
	// RedirectOpaque: a redirect hash (whose exclude may match the
	// check's path) or anything not read.
	RedirectOpaque
)

// SSLConfig is what a Rails environment file sets about SSL.
type SSLConfig struct {
	ForceSSL, AssumeSSL Setting
	Redirect            RedirectOption
}

// sslNames are the settings read; any other mention of them, or of the
// middlewares they install, leaves the file unknown.
var sslNames = map[string]bool{"force_ssl": true, "assume_ssl": true, "ssl_options": true}

// indirect are the calls through which a file can set configuration
// this reader does not see: another file's code or a computed name.
var indirect = map[string]bool{
	"require_relative": true, "load": true, "eval": true, "instance_eval": true, "class_eval": true,
	"module_eval": true, "instance_exec": true, "class_exec": true, "send": true, "public_send": true,
	"__send__": true, "instance_variable_set": true, "binding": true,
}

// reorders are the middleware stack calls that can put a middleware
// before ActionDispatch::SSL, which Rails adds near the top of the stack
// (railties v7.1.0 application/default_middleware_stack.rb): one there
// may answer the check's path itself. `use` appends, after SSL.
var reorders = map[string]bool{"insert_before": true, "insert": true, "insert_after": true, "unshift": true,
	"swap": true, "move_before": true, "move_after": true, "move": true}

// MentionsSSL reports whether tokens name a setting or middleware that
// decides Rails' HTTPS redirect, reorder the middleware stack, or read
// other code that might, so a
// file that is not an environment file (config/application.rb, an
// initializer) can be cleared. Its offset is the first such token.
func MentionsSSL(toks []Token) (int, bool) {
	for i, t := range toks {
		// Every generated config/application.rb starts with
		// require_relative "boot", which only sets up Bundler
		// (railties templates config/boot.rb.tt, 7.0 to 8.0).
		if t.Kind == Ident && t.Text == "require_relative" && i+1 < len(toks) && toks[i+1].Kind == String && toks[i+1].Value == "boot" {
			continue
		}
		afterDot := i > 0 && toks[i-1].Kind == Op && (toks[i-1].Text == "." || toks[i-1].Text == "&.")
		if t.Kind == Ident && (sslNames[t.Text] || indirect[t.Text] || afterDot && reorders[t.Text]) ||
			t.Kind == Const && (t.Text == "SSL" || t.Text == "AssumeSSL") ||
			t.Kind == Label && sslNames[t.Text[:len(t.Text)-1]] {
			return t.Off, true
		}
	}
	return 0, false
}

// ReadSSL reads config/environments/<env>.rb: the literal assignments of
// config.force_ssl, config.assume_ssl and config.ssl_options made at the
// top statement level of `Rails.application.configure do … end` (or
// `<App>::Application.configure do … end`). It returns an error when the
// file cannot be read, or when a setting is mentioned anywhere else or in
// any other way (a condition, ENV, a non-literal value), because then
// what Rails ends up with is not known.
func ReadSSL(src []byte) (*SSLConfig, error) {
	toks, err := Tokenize(src)
	if err != nil {
		return nil, err
	}
	r := &sslReader{toks: toks, cfg: &SSLConfig{}}
	if err := r.read(); err != nil {
		return nil, err
	}
	return r.cfg, nil
}

type sslReader struct {
	toks []Token
	cfg  *SSLConfig
	// claimed are the indices of tokens an understood assignment uses.
	claimed map[int]bool
}

func (r *sslReader) unknown(t Token, format string, args ...any) error {
	return &Error{Off: t.Off, Msg: fmt.Sprintf(format, args...)}
}

func (r *sslReader) read() error {
	r.claimed = map[int]bool{}
	toks := r.toks
	err := walkStatements(toks, func(i int, start, afterDot, modifier bool, stack []opener) (int, error) {
		t := toks[i]
		// Only the configure block's own statements count.
		inConfigure := func() bool {
			return len(stack) == 1 && (stack[0].text == "do" || stack[0].text == "{") && r.isConfigure(stack[0].at)
		}
		switch {
		case t.Kind == Ident && !afterDot && indirect[t.Text]:
			return i, r.unknown(t, "%s may set configuration this reader cannot see", t.Text)
		case t.Kind == Const && (t.Text == "SSL" || t.Text == "AssumeSSL"):
			return i, r.unknown(t, "the %s middleware is named directly", t.Text)
		case t.Kind == Ident && i > 0 && (toks[i-1].Text == "." || toks[i-1].Text == "&.") && reorders[t.Text]:
			return i, r.unknown(t, "%s may put a middleware before ActionDispatch::SSL", t.Text)
		case modifier:
			// At the configure level it makes the statement before it
			// conditional.
			if inConfigure() {
				r.taintStatement(i)
			}
		case t.Kind == Ident && t.Text == "config" && !afterDot && start && inConfigure():
			if n := r.assignment(i); n > 0 {
				return i + n - 1, nil
			}
		}
		return i, nil
	})
	if err != nil {
		return err
	}
	for i, t := range toks {
		name := t.Text
		if t.Kind == Label {
			name = name[:len(name)-1]
		}
		if (t.Kind == Ident || t.Kind == Label) && sslNames[name] && !r.claimed[i] {
			return r.unknown(t, "%s is used in a way this reader does not follow", name)
		}
	}
	return nil
}

// isConfigure reports whether the do or { at i opens
// Rails.application.configure or <Const>::Application.configure, the
// whole statement.
func (r *sslReader) isConfigure(i int) bool {
	toks := r.toks
	text := func(j int) string {
		if j < 0 {
			return "\n"
		}
		if toks[j].Kind == Newline {
			return "\n"
		}
		return toks[j].Text
	}
	if text(i-1) != "configure" || text(i-2) != "." {
		return false
	}
	switch {
	case text(i-3) == "application" && text(i-4) == "." && text(i-5) == "Rails":
		return text(i-6) == "\n" || text(i-6) == ";"
	case text(i-3) == "Application" && text(i-4) == "::" && toks[max(i-5, 0)].Kind == Const && i-5 >= 0:
		return text(i-6) == "\n" || text(i-6) == ";"
	}
	return false
}

// taintStatement marks the configure-level statement that ends before
// the modifier at i as conditional: its setting, if any, is unknown.
func (r *sslReader) taintStatement(i int) {
	for j := i - 1; j >= 0; j-- {
		t := r.toks[j]
		if t.Kind == Newline || t.Kind == Op && t.Text == ";" {
			return
		}
		if r.claimed[j] {
			delete(r.claimed, j)
		}
	}
}

// assignment reads `config.<name> = <value>` at i, returning how many
// tokens it used (0 when it is not one of the SSL settings).
func (r *sslReader) assignment(i int) int {
	toks := r.toks
	if i+3 >= len(toks) || toks[i+1].Text != "." || toks[i+2].Kind != Ident || !sslNames[toks[i+2].Text] {
		return 0
	}
	name := toks[i+2].Text
	if toks[i+3].Kind != Op || toks[i+3].Text != "=" {
		return 0 // ||=, .merge!, [] and the like: found unclaimed later
	}
	// The value runs to the statement's end; a line end right after = is
	// a continuation.
	v := i + 4
	for v < len(toks) && toks[v].Kind == Newline {
		v++
	}
	end := v
	depth := 0
	for end < len(toks) {
		t := toks[end]
		if depth == 0 && (t.Kind == Newline || t.Kind == Op && t.Text == ";" || t.Kind == Ident && (t.Text == "end" || t.Text == "if" || t.Text == "unless" || t.Text == "while" || t.Text == "until" || t.Text == "rescue")) {
			break
		}
		if t.Kind == Op {
			switch t.Text {
			case "{", "(", "[":
				depth++
			case "}", ")", "]":
				depth--
			}
		}
		if depth < 0 {
			break
		}
		end++
	}
	if end == v {
		return 0
	}
	val := toks[v:end]
	last := toks[end-1]
	switch name {
	case "force_ssl", "assume_ssl":
		if len(val) != 1 || val[0].Kind != Ident || val[0].Text != "true" && val[0].Text != "false" {
			return 0
		}
		s := &r.cfg.ForceSSL
		if name == "assume_ssl" {
			s = &r.cfg.AssumeSSL
		}
		*s = Setting{Set: true, Value: val[0].Text == "true", Off: toks[i].Off, End: last.End}
	case "ssl_options":
		red, ok := redirectOf(val)
		if !ok {
			return 0
		}
		r.cfg.Redirect = red
	}
	r.claimed[i+2] = true
	return end - i
}

// redirectOf reads a hash literal given to ssl_options: its top-level
// redirect: key decides. ok is false for anything but a plain hash.
func redirectOf(toks []Token) (RedirectOption, bool) {
	var val []Token
	for _, t := range toks {
		if t.Kind != Newline {
			val = append(val, t)
		}
	}
	if len(val) < 2 || val[0].Text != "{" || val[len(val)-1].Text != "}" || val[0].Kind != Op {
		return 0, false
	}
	depth := 0
	red := RedirectDefault
	for i := 1; i < len(val)-1; i++ {
		t := val[i]
		if t.Kind == Op {
			switch t.Text {
			case "{", "(", "[":
				depth++
			case "}", ")", "]":
				depth--
			case "**":
				if depth == 0 {
					return 0, false // a splatted hash may hold :redirect
				}
			}
		}
		if depth != 0 {
			continue
		}
		isKey := t.Kind == Label && t.Text == "redirect:" ||
			t.Kind == Symbol && t.Value == "redirect" && i+1 < len(val) && val[i+1].Text == "=>"
		if t.Kind == String && i+1 < len(val) && val[i+1].Text == "=>" {
			return 0, false
		}
		if !isKey {
			continue
		}
		j := i + 1
		if t.Kind == Symbol {
			j++
		}
		if j+1 < len(val) && val[j].Kind == Ident && val[j].Text == "false" && (val[j+1].Text == "," || j+1 == len(val)-1) {
			red = RedirectOff
		} else {
			red = RedirectOpaque
		}
	}
	return red, true
}
