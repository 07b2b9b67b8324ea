package rules

import (
	"strconv"
	"strings"

	"github.com/flylint-dev/flylint/internal/diag"
	"github.com/flylint-dev/flylint/internal/listen"
)

// hostFix is the fix that rewrites a listener's host: replaceHost for
// start commands and Dockerfiles, goHostFix for Go source.
func hostFix(p *Pass, l listen.Listener, host, why string) []diag.Fix {
	if strings.HasSuffix(l.HostRange.File, ".go") {
		return goHostFix(p, l, host, why)
	}
	return replaceHost(l, host, why)
}

// goHostFix rewrites the Go string literal that holds a listener's whole
// address ("127.0.0.1:8080" → ":8080"), as the Go analyzers' suggested
// fixes do, so -fix repairs Go code too. It offers nothing unless the
// listener's host range is exactly one string literal whose host is the
// one flylint resolved: a constant, a concatenation, a flag or an
// environment variable may be set elsewhere, and editing the text there
// would not change what the program binds.
func goHostFix(p *Pass, l listen.Listener, host, why string) []diag.Fix {
	r := l.HostRange
	if l.Host.Flag != "" || l.Host.Env != "" || !r.IsValid() || p.Workspace == nil {
		return nil
	}
	content := p.Workspace.Files[r.File]
	if r.Start.Offset < 0 || r.Start.Offset >= r.End.Offset || r.End.Offset > len(content) {
		return nil
	}
	lit := string(content[r.Start.Offset:r.End.Offset])
	if len(lit) < 2 || (lit[0] != '"' && lit[0] != '`') {
		return nil
	}
	value, err := strconv.Unquote(lit)
	if err != nil {
		return nil // not one literal: "a" + "b" does not unquote
	}
	i := strings.LastIndexByte(value, ':')
	if i < 0 {
		return nil
	}
	port := value[i+1:]
	if _, err := strconv.Atoi(port); err != nil || strings.ContainsAny(port, "+-") {
		return nil
	}
	bare := func(h string) string { return strings.TrimSuffix(strings.TrimPrefix(h, "["), "]") }
	if bare(value[:i]) != bare(l.Host.Text) {
		return nil
	}
	// Go's idiom for every interface is ":port", dual-stack with network
	// "tcp"; the analyzers suggest the same text.
	if host == "0.0.0.0" {
		host = ""
	}
	return []diag.Fix{{Message: why, Edits: []diag.Edit{{Range: r, NewText: strconv.Quote(host + ":" + port)}}}}
}
