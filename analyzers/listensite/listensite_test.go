package listensite_test

import (
	"fmt"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/flylint-dev/flylint/analyzers/listensite"
	"github.com/flylint-dev/flylint/internal/listen"
)

// sites reports every listen site the core analyzer found, described
// compactly, so that `// want` comments pin the resolved listener.
var sites = &analysis.Analyzer{
	Name:     "sites",
	Doc:      "report listensite's result, for tests",
	Requires: []*analysis.Analyzer{listensite.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		res := pass.ResultOf[listensite.Analyzer].(*listensite.Result)
		for _, s := range res.Sites {
			if s.Pos.IsValid() {
				pass.Reportf(s.Pos, "%s", describe(s))
			}
		}
		return nil, nil
	},
}

func describe(s *listensite.Site) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s host=%s", s.Origin, s.Network, s.Host.Class)
	h := s.Host
	if h.Text != "" {
		fmt.Fprintf(&b, " %q", h.Text)
	}
	if h.Env != "" {
		b.WriteString(" env=" + h.Env)
	}
	if h.Flag != "" {
		b.WriteString(" flag=" + h.Flag)
	}
	if h.FlagShort != "" {
		b.WriteString(" short=" + h.FlagShort)
	}
	if h.WholeAddr {
		b.WriteString(" whole")
	}
	if h.Fly {
		b.WriteString(" fly")
	}
	if h.Default {
		b.WriteString(" default")
	}
	p := s.Port
	fmt.Fprintf(&b, " port=%d", p.Number)
	if p.Env != "" {
		b.WriteString(" env=" + p.Env)
	}
	if p.Fallback != "" {
		b.WriteString(" fallback=" + p.Fallback)
	}
	if p.Env != "" && p.Default != 0 {
		fmt.Fprintf(&b, " default=%d", p.Default)
	}
	if p.Required {
		b.WriteString(" required")
	}
	if p.Flag != "" {
		b.WriteString(" flag=" + p.Flag)
	}
	if p.FlagShort != "" {
		b.WriteString(" short=" + p.FlagShort)
	}
	if p.IsDefault {
		b.WriteString(" documented")
	}
	if s.App != "" {
		b.WriteString(" app=" + s.App)
	}
	if s.Partial {
		b.WriteString(" partial")
	}
	if s.Via.IsValid() {
		b.WriteString(" via")
	}
	if len(s.Alternatives) > 0 {
		var alts []string
		for _, a := range s.Alternatives {
			alt := fmt.Sprintf("%q:%d", a.Host.Text, a.Port.Number)
			var conds []string
			for _, c := range a.When {
				op := "!="
				if c.Equal {
					op = "=="
				}
				name := c.Env
				if c.Flag != "" {
					flag := c.Flag
					if c.FlagNegation != "" {
						flag += "/" + c.FlagNegation
					}
					name = "-" + flag + ">" + name
				}
				if c.HasDefault {
					name += "|" + c.Default
				}
				conds = append(conds, fmt.Sprintf("%s%s%q", name, op, c.Value))
			}
			if len(conds) > 0 {
				alt += " if " + strings.Join(conds, " && ")
			}
			alts = append(alts, alt)
		}
		b.WriteString(" alts=[" + strings.Join(alts, "; ") + "]")
	}
	return b.String()
}

func TestSites(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), sites,
		"basic", "values", "servers", "frameworks", "interproc/...")
}

// TestResult checks the Result itself: proto, ranges and the literal
// a fix would rewrite.
func TestResult(t *testing.T) {
	results := analysistest.Run(t, analysistest.TestData(), listensite.Analyzer, "result")
	if len(results) != 1 {
		t.Fatalf("got %d results", len(results))
	}
	res := results[0].Result.(*listensite.Result)
	if len(res.Sites) != 5 {
		t.Fatalf("got %d sites, want 5", len(res.Sites))
	}
	s := res.Sites[0]
	if s.Proto != listen.TCP || s.Port.Number != 5500 || s.Host.Class != listen.HostDualStack || s.Origin != "http.Server.ListenAndServe" {
		t.Errorf("site 0 = %+v", s.Listener)
	}
	if s.Range.Start.Line != 16 || s.Range.Start.Col != 2 || s.Range.End.Col != 22 {
		t.Errorf("site 0 range = %+v", s.Range.End)
	}
	// The Addr value: fmt.Sprintf(":%v", Port) in the composite literal.
	if s.HostRange.Start.Line != 15 || s.HostRange.Start.Col != 28 || s.HostRange.End.Col != 52 {
		t.Errorf("site 0 host range = %+v", s.HostRange.End)
	}
	s = res.Sites[1]
	if s.Host.Text != "127.0.0.1" || s.HostRange.Start.Line != 19 || s.HostRange.Start.Col != 12 || !s.ArgIsLit || s.ArgLit != "127.0.0.1:8200" {
		t.Errorf("site 1 = %+v lit=%q", s.HostRange, s.ArgLit)
	}
}
