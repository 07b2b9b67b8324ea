package suppress

import (
	"bytes"
	"testing"

	"github.com/pelletier/go-toml/v2/unstable"

	"github.com/flylint-dev/flylint/internal/diag"
)

var seeds = []string{
	"x = 1 # flylint:ignore a,b why\n# flylint:ignore c\ny = \"#\"\n",
	"a = \"\"\"\n# x\n\\\"\"\"\"\" # flylint:ignore r why\n",
	"b = '''\n#'''' # c\n",
	"k = [ # c1\n # c2\n 1, # c3\n { a = 1, # c4\n # c5\n }, [ # c6\n ], ]\n",
	"\"#\".'#' = \"\\\\\" # c\n",
	"FROM x\nRUN <<EOF\n# a\nEOF\n# flylint:ignore b c\n",
	"package p\n//flylint:ignore a b\nvar s = `//x`\n",
	"\x00# flylint:ignore \xff\xfe reason\r\n\r# flylint:ignore a, b, c\n",
	"\uFEFF# flylint:ignore a b\n",
}

// FuzzParse checks that no input panics, that ranges stay in the file,
// and that Apply accepts whatever Parse returns.
func FuzzParse(f *testing.F) {
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, lang := range []Lang{TOML, Dockerfile, Go} {
			ds := Parse("f", data, lang)
			for _, d := range ds {
				if d.Range.Start.Offset > d.Range.End.Offset || d.Range.End.Offset > len(data) || d.Line < d.Range.Start.Line {
					t.Fatalf("lang %d: bad directive %+v", lang, d)
				}
				if len(d.Rules) != len(d.RuleRanges) {
					t.Fatalf("lang %d: rules and ranges differ: %+v", lang, d)
				}
				for i, r := range d.RuleRanges {
					if string(data[r.Start.Offset:r.End.Offset]) != d.Rules[i] {
						t.Fatalf("lang %d: rule %q at %+v", lang, d.Rules[i], r)
					}
				}
			}
			ApplyWith([]diag.Diagnostic{ds0(ds)}, map[string][]Directive{"f": ds}, Options{})
		}
	})
}

// ds0 is a diagnostic on the line the first directive covers.
func ds0(ds []Directive) (r diag.Diagnostic) {
	r.Rule = "a"
	if len(ds) > 0 {
		r.Range = ds[0].Range
		r.Start.Line = ds[0].Line
	}
	return r
}

// FuzzTOMLComments checks the comment scan against go-toml's parser on
// every document the parser accepts.
func FuzzTOMLComments(f *testing.F) {
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		want, ok := parserComments(data)
		if !ok {
			return
		}
		var got []int
		for _, c := range tomlComments(data) {
			got = append(got, c.start)
		}
		if len(got) != len(want) {
			t.Fatalf("scan found comments at %v, parser at %v", got, want)
		}
		for i := range got {
			if got[i] != want[i] {
				t.Fatalf("scan found comments at %v, parser at %v", got, want)
			}
		}
	})
}

func parserComments(data []byte) ([]int, bool) {
	if bytes.HasPrefix(data, []byte("\uFEFF")) {
		return nil, false
	}
	p := &unstable.Parser{KeepComments: true}
	p.Reset(data)
	var offs []int
	var walk func(n *unstable.Node)
	walk = func(n *unstable.Node) {
		for ; n != nil && n.Valid(); n = n.Next() {
			if n.Kind == unstable.Comment {
				offs = append(offs, int(n.Raw.Offset))
			}
			walk(n.Child())
		}
	}
	for p.NextExpression() {
		walk(p.Expression())
	}
	if p.Error() != nil {
		return nil, false
	}
	// Sort: the parser attaches comments to nodes, not in file order.
	for i := 1; i < len(offs); i++ {
		for j := i; j > 0 && offs[j] < offs[j-1]; j-- {
			offs[j], offs[j-1] = offs[j-1], offs[j]
		}
	}
	return offs, true
}
