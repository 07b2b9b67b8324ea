package listen

import (
	"strings"

	"github.com/flylint-dev/flylint/internal/source"
)

// match is a recognised server with its arguments.
type match struct {
	s     *server
	prog  word   // the word that names the program, for default ranges
	sc    *scope // the environment the program sees
	args  []word // options and operands, subcommand removed
	all   []word // the whole final argv
	hits  []hit  // options the entry knows, in order
	reads []string
}

// hit is one recognised option and its value.
type hit struct {
	kind   string // "host", "port", "addr"
	name   string
	val    word
	hasVal bool
	rng    source.Range // the option and its value
}

func (m *match) read(name string) {
	if name != "" {
		m.reads = append(m.reads, name)
	}
}

// flag returns the value of the last occurrence of an option.
func (m *match) flag(names ...string) (word, bool) {
	var out word
	found := false
	for i := 0; i < len(m.args); i++ {
		t := m.args[i].value()
		for _, n := range names {
			switch {
			case t == n && i+1 < len(m.args):
				out, found = m.args[i+1], true
			case strings.HasPrefix(t, n+"="):
				out, found = m.args[i].slice(len(n)+1), true
			}
		}
	}
	return out, found
}

func (s *server) kind(name string) string {
	switch {
	case contains(s.addrFlags, name):
		return "addr"
	case contains(s.hostFlags, name):
		return "host"
	case contains(s.portFlags, name):
		return "port"
	case contains(s.opaque, name):
		return "opaque"
	case contains(s.valued, name):
		return "valued"
	}
	return ""
}

// parse reads options the way argparse, click and most CLIs do:
// "--opt value", "--opt=value", and for argparse/click "-p8000". Options
// the entry does not know are skipped; their arity is unknown, which only
// matters for operands, so entries with operands list theirs in valued.
func (s *server) parse(args []word) (hits []hit, operands []word, opaque bool) {
	for i := 0; i < len(args); i++ {
		w := args[i]
		t := w.value()
		if t == "--" {
			operands = append(operands, args[i+1:]...)
			break
		}
		if len(t) < 2 || t[0] != '-' || w.opaque {
			operands = append(operands, w)
			continue
		}
		name, eq := t, -1
		if j := strings.IndexByte(t, '='); j > 0 && !w.hasRefs(0, j) {
			name, eq = t[:j], j
		}
		k := s.kind(name)
		glued := false
		if k == "" && s.glued && eq < 0 && len(t) > 2 && t[1] != '-' && !w.hasRefs(0, 2) {
			if k2 := s.kind(t[:2]); k2 != "" {
				name, k, glued = t[:2], k2, true
			}
		}
		switch k {
		case "":
			continue
		case "valued", "opaque":
			if k == "opaque" {
				opaque = true
			}
			if eq < 0 && !glued {
				i++
			}
			continue
		}
		h := hit{kind: k, name: name, rng: w.rng}
		// A host flag that may stand alone (vite --host) takes no value
		// when an option follows it.
		standsAlone := s.bareHost != "" && k == "host" && i+1 < len(args) && strings.HasPrefix(args[i+1].value(), "-")
		switch {
		case eq > 0:
			h.val, h.hasVal = w.slice(eq+1), true
		case glued:
			h.val, h.hasVal = w.slice(2), true
		case i+1 < len(args) && !standsAlone:
			h.val, h.hasVal = args[i+1], true
			h.rng = joinRange(w.rng, args[i+1].rng)
			i++
			// redis-server --bind takes every address up to the next option.
			if s.name == "redis-server" && k == "host" {
				hits = append(hits, h)
				for i+1 < len(args) && !strings.HasPrefix(args[i+1].value(), "-") {
					i++
					hits = append(hits, hit{kind: k, name: name, val: args[i], hasVal: true, rng: args[i].rng})
				}
				continue
			}
		}
		hits = append(hits, h)
	}
	return hits, operands, opaque
}

// serve interprets a recognised server's arguments into listeners.
func (in *interp) serve(m *match) Result {
	s := m.s
	res := Result{Known: true, Program: s.name, Argv: argvOf(m.all), Config: s.configs}
	unknown := Result{Program: res.Program, Argv: res.Argv}
	hits, operands, opaque := s.parse(m.args)
	if s.operandOpaque && len(operands) > 0 {
		return unknown // a config file decides
	}
	if s.argsEnv != "" {
		m.read(s.argsEnv)
		if v, ok := m.sc.env(s.argsEnv); ok {
			envHits, _, envOpaque := s.parse(splitArgs(v))
			opaque = opaque || envOpaque
			// The command line is parsed after the variable and wins.
			if hasKind(hits, "addr") {
				envHits = dropKind(envHits, "addr")
			}
			hits = append(envHits, hits...)
		}
	}
	m.hits = hits
	var addrs []hit
	var host, port *hit
	for i := range hits {
		switch h := &hits[i]; h.kind {
		case "addr":
			if h.hasVal {
				addrs = append(addrs, *h)
			}
		case "host":
			host = h
		case "port":
			port = h
		}
	}
	if s.posAddr && len(operands) > 0 {
		addrs = append(addrs, hit{kind: "addr", name: "", val: operands[0], hasVal: true, rng: operands[0].rng})
	}
	if s.posPort && len(operands) > 0 && port == nil {
		port = &hit{kind: "port", val: operands[0], hasVal: true, rng: operands[0].rng}
	}
	if opaque && len(addrs) == 0 && host == nil && port == nil {
		return unknown
	}
	if s == phpBuiltin && len(addrs) == 0 {
		return unknown
	}
	proto := s.proto
	if proto == "" {
		proto = TCP
	}
	if len(addrs) > 0 {
		for _, a := range addrs {
			l, ok, isUnix := m.addrListener(a)
			if isUnix {
				continue
			}
			if !ok {
				return unknown
			}
			l.Proto = proto
			res.Listeners = append(res.Listeners, l)
		}
		res.Reads = dedupe(m.reads)
		return res
	}
	hostHits := []*hit{host}
	if s.name == "redis-server" {
		hostHits = nil
		for i := range hits {
			if hits[i].kind == "host" {
				hostHits = append(hostHits, &hits[i])
			}
		}
		if len(hostHits) == 0 {
			hostHits = []*hit{nil}
		}
	}
	for _, hh := range hostHits {
		l := Listener{Proto: proto, Origin: res.Program, Program: res.Program, Range: m.prog.rng}
		l.Port = m.portOf(port)
		if port != nil {
			if r, ok := port.val.sub(0, len(port.val.tmpl)); ok {
				l.PortRange = r
			}
		}
		l.Host = m.hostOf(hh)
		if hh != nil {
			l.Range = hh.rng
			if hh.hasVal && !l.Host.Default {
				if r, ok := hh.val.sub(0, len(hh.val.tmpl)); ok {
					l.HostRange = r
				}
			}
		}
		res.Listeners = append(res.Listeners, l)
	}
	res.Reads = dedupe(m.reads)
	return res
}

// hostOf works out the host from a host option, the entry's variable or
// its default.
func (m *match) hostOf(h *hit) Host {
	s := m.s
	if h != nil && h.hasVal {
		out := m.hostIn(&h.val, 0, len(h.val.tmpl))
		out.Flag = h.name
		return out
	}
	if h != nil && s.bareHost != "" {
		return Host{Class: ClassifyHost(s.bareHost, s.runtime), Text: s.bareHost, Flag: h.name}
	}
	if s.hostEnv != "" {
		m.read(s.hostEnv)
		if v, ok := m.sc.env(s.hostEnv); ok && v.Value != "" {
			if v.Origin == "command" {
				return Host{Class: m.classify(v.Value), Text: v.Value}
			}
			return Host{Class: m.classify(v.Value), Text: v.Value, Env: s.hostEnv}
		}
	}
	def := s.defHost
	if s.hostDefault != nil {
		def = s.hostDefault(m)
	}
	if s.name == "gunicorn" {
		if v, ok := m.sc.env("PORT"); ok && v.Value != "" {
			def = "0.0.0.0"
		}
	}
	return Host{Class: ClassifyHost(def, s.runtime), Text: def, Default: true, Env: s.hostEnv}
}

// portOf works out the port from a port option, the entry's variable or
// its default.
func (m *match) portOf(h *hit) Port {
	s := m.s
	if h != nil && h.hasVal {
		p := m.portIn(&h.val, 0, len(h.val.tmpl))
		p.Flag = h.name
		return p
	}
	if s.portEnv != "" {
		m.read(s.portEnv)
		if v, ok := m.sc.env(s.portEnv); ok && v.Value != "" {
			if v.Origin == "command" {
				// Set by the command itself: as good as written out.
				return Port{Number: atoiPort(v.Value)}
			}
			return Port{Number: atoiPort(v.Value), Env: s.portEnv, EnvSet: true, Default: s.defPort}
		}
		return Port{Number: s.defPort, Env: s.portEnv, Default: s.defPort, IsDefault: true}
	}
	return Port{Number: s.defPort, IsDefault: true}
}

// addrListener builds a listener from a host:port option value. isUnix
// is true for a unix socket, which is no TCP listener.
func (m *match) addrListener(a hit) (l Listener, ok, isUnix bool) {
	s := m.s
	w := &a.val
	l = Listener{Origin: m.originName(), Program: m.originName(), Range: a.rng}
	if w.opaque {
		return l, false, false
	}
	if rf, only := w.onlyRef(0, len(w.tmpl)); only {
		// The whole address is one variable: HOST:PORT comes from it.
		m.read(rf.name)
		l.Host = Host{Class: HostUnknown, Text: "$" + rf.name, Env: rf.name, WholeAddr: true, Flag: a.name}
		l.Port = Port{Env: rf.name, Flag: a.name}
		val := rf.value
		if val == "" {
			l.Port.Required = true
			return l, true, false
		}
		sub := word{tmpl: val}
		inner, ok, isUnix := m.addrListener(hit{val: sub, hasVal: true, rng: a.rng, name: a.name})
		if !ok || isUnix {
			return l, ok, isUnix
		}
		l.Host.Class, l.Host.Text = inner.Host.Class, inner.Host.Text
		l.Port.Number = inner.Port.Number
		l.Port.EnvSet = rf.set
		return l, true, false
	}
	ad, valid := splitAddr(w.tmpl)
	if !valid {
		return l, false, false
	}
	if ad.unix {
		return l, true, true
	}
	if ad.h1 > ad.h0 {
		l.Host = m.hostIn(w, ad.h0, ad.h1)
		if s.name == "manage.py runserver" && w.tmpl[ad.h0:ad.h1] == "0" {
			l.Host.Class, l.Host.Text = HostIPv4Wildcard, "0.0.0.0"
		}
		if r, ok := w.sub(ad.h0, ad.h1); ok {
			l.HostRange = r
		}
	} else if ad.hasPort && ad.h0 == ad.h1 && !ad.hostOnly && (ad.p0 == 0 || w.tmpl[ad.p0-1] != ':') {
		// A bare port ("8000"): the host is the server's default.
		l.Host = Host{Class: ClassifyHost(s.defHost, s.runtime), Text: s.defHost, Default: true}
	} else {
		l.Host = Host{Class: ClassifyHost("", s.runtime), Text: ""}
	}
	l.Host.Flag = a.name
	switch {
	case ad.hasPort:
		l.Port = m.portIn(w, ad.p0, ad.p1)
		if r, ok := w.sub(ad.p0, ad.p1); ok {
			l.PortRange = r
		}
	case ad.implied != "":
		l.Port = Port{Number: atoiPort(ad.implied)}
	default:
		l.Port = Port{Number: s.defPort, IsDefault: true}
	}
	l.Port.Flag = a.name
	return l, true, false
}

func (m *match) originName() string { return m.s.name }

// hostIn resolves the host written as w.tmpl[i:j].
func (m *match) hostIn(w *word, i, j int) Host {
	if rf, ok := w.onlyRef(i, j); ok {
		m.read(rf.name)
		h := Host{Env: rf.name}
		switch {
		case rf.value != "":
			h.Text, h.Class = rf.value, m.classify(rf.value)
		case rf.name == "FLY_PRIVATE_IP":
			// Fly sets it in every Machine; flylint never sees it.
			h.Text, h.Class = "$FLY_PRIVATE_IP", Host6PN
		default:
			h.Text, h.Class = "$"+rf.name, HostUnknown
		}
		return h
	}
	text := w.valueOf(i, j)
	if w.hasRefs(i, j) {
		for _, r := range w.tmpl[i:j] {
			if rf, ok := w.refAt(r); ok {
				m.read(rf.name)
				if rf.value == "" {
					return Host{Class: HostUnknown, Text: text}
				}
			}
		}
	}
	if strings.Contains(text, "$") {
		// Written in exec form, so passed literally: no shell expands it.
		return Host{Class: HostUnknown, Text: text}
	}
	return Host{Class: m.classify(text), Text: text}
}

func (m *match) classify(h string) HostClass {
	if strings.TrimSpace(h) == "*" {
		return m.s.star
	}
	return ClassifyHost(h, m.s.runtime)
}

// portIn resolves the port written as w.tmpl[i:j].
func (m *match) portIn(w *word, i, j int) Port {
	if rf, ok := w.onlyRef(i, j); ok {
		m.read(rf.name)
		p := Port{Env: rf.name}
		switch {
		case rf.set && rf.env != "":
			p.EnvSet = true
			p.Number = atoiPort(rf.env)
		case rf.hasDef:
			p.Default = atoiPort(rf.def)
			p.Number = p.Default
		default:
			p.Required = true
		}
		return p
	}
	for _, r := range w.tmpl[i:j] {
		if rf, ok := w.refAt(r); ok {
			m.read(rf.name)
		}
	}
	return Port{Number: atoiPort(w.valueOf(i, j))}
}

// splitArgs splits a variable holding arguments the way gunicorn does
// (shlex): whitespace, with single and double quotes grouping.
func splitArgs(v Var) []word {
	var out []word
	var cur strings.Builder
	in, quote := false, byte(0)
	flush := func() {
		if in {
			out = append(out, word{tmpl: cur.String(), rng: v.Range})
		}
		cur.Reset()
		in = false
	}
	s := v.Value
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0 && c == quote:
			quote = 0
		case quote != 0:
			cur.WriteByte(c)
		case c == '\'' || c == '"':
			quote, in = c, true
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			flush()
		case c == '\\' && i+1 < len(s):
			i++
			cur.WriteByte(s[i])
			in = true
		default:
			cur.WriteByte(c)
			in = true
		}
	}
	flush()
	return out
}

func hasKind(hs []hit, k string) bool {
	for _, h := range hs {
		if h.kind == k {
			return true
		}
	}
	return false
}

func dropKind(hs []hit, k string) []hit {
	var out []hit
	for _, h := range hs {
		if h.kind != k {
			out = append(out, h)
		}
	}
	return out
}
