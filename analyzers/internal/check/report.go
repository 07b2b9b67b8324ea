package check

import (
	"go/token"
	"path/filepath"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/flylint-dev/flylint/analyzers/listensite"
	"github.com/flylint-dev/flylint/internal/source"
)

// Sites returns the listen sites a pass may report on (those with a
// position in its files), each with the app governing its file.
func Sites(pass *analysis.Pass) []Located {
	res, _ := pass.ResultOf[listensite.Analyzer].(*listensite.Result)
	if res == nil {
		return nil
	}
	var out []Located
	for _, s := range res.Sites {
		if !s.Pos.IsValid() {
			continue
		}
		f := pass.Fset.File(s.Pos)
		if f == nil {
			continue
		}
		out = append(out, Located{Site: s, App: FindApp(filepath.Dir(f.Name()))})
	}
	return out
}

// Located is a site and the fly.toml app it belongs to (nil: none).
type Located struct {
	*listensite.Site
	App *App
}

// HostPos is where to report a problem with the host: the literal that
// carries it when that is in this package, else the argument, else the
// call.
func HostPos(pass *analysis.Pass, s *listensite.Site) (token.Pos, token.Pos) {
	if !s.Via.IsValid() {
		if p, e := PosOf(pass, s.HostRange); p.IsValid() {
			return p, e
		}
	}
	if s.ArgPos.IsValid() {
		return s.ArgPos, s.ArgEnd
	}
	return s.Pos, s.End
}

// CallRelated points back at the listen call when a finding stands
// elsewhere (at the literal that writes the value, from HostPos): the
// reader sees both where the value is written and where it is used.
func CallRelated(s *listensite.Site, pos token.Pos) []analysis.RelatedInformation {
	if !s.Pos.IsValid() || (pos >= s.Pos && pos < s.End) {
		return nil
	}
	return []analysis.RelatedInformation{{Pos: s.Pos, End: s.End, Message: s.Origin + " listens here"}}
}

// PosOf maps a range in one of the pass's files back to positions.
func PosOf(pass *analysis.Pass, r source.Range) (token.Pos, token.Pos) {
	if !r.IsValid() {
		return token.NoPos, token.NoPos
	}
	for _, f := range pass.Files {
		tf := pass.Fset.File(f.Pos())
		if tf == nil || tf.Name() != r.File || r.End.Offset > tf.Size() {
			continue
		}
		return tf.Pos(r.Start.Offset), tf.Pos(r.End.Offset)
	}
	return token.NoPos, token.NoPos
}

// Literal returns the text of the string literal at the host position,
// when the address is written as one there, so a fix can rewrite it.
func Literal(s *listensite.Site) (string, bool) {
	if s.Via.IsValid() {
		return "", false
	}
	if s.ArgIsLit && s.Raw != nil && s.HostRange == s.Raw.ArgRange {
		return s.ArgLit, true
	}
	// A flag's default: the raw value is one flag part.
	if r := s.Raw; r != nil && len(r.Addr.Alts) == 1 && len(r.Addr.Alts[0].Parts) == 1 {
		p := r.Addr.Alts[0].Parts[0]
		if p.Kind == listensite.PartFlag && p.Default != nil && p.DefaultRange == s.HostRange {
			if len(p.Default.Alts) == 1 && len(p.Default.Alts[0].Parts) == 1 && p.Default.Alts[0].Parts[0].Kind == listensite.PartLit {
				return p.Default.Alts[0].Parts[0].Text, true
			}
		}
	}
	return "", false
}

// ReplaceHost returns a fix that rewrites the address literal old
// ("127.0.0.1:8080") to host+":"+port, or nil when old has no port.
func ReplaceHost(pass *analysis.Pass, s *listensite.Site, old, host, message string) []analysis.SuggestedFix {
	i := strings.LastIndexByte(old, ':')
	if i < 0 {
		return nil
	}
	pos, end := PosOf(pass, s.HostRange)
	if !pos.IsValid() {
		return nil
	}
	return []analysis.SuggestedFix{{
		Message:   message,
		TextEdits: []analysis.TextEdit{{Pos: pos, End: end, NewText: []byte(strconv.Quote(host + old[i:]))}},
	}}
}

// PortText names a site's port for messages.
func PortText(s *listensite.Site) string {
	switch {
	case s.Port.Number > 0:
		return strconv.Itoa(s.Port.Number)
	case s.Port.Env != "":
		return "$" + s.Port.Env
	case s.Port.Flag != "":
		return "-" + s.Port.Flag
	}
	return "its port"
}
