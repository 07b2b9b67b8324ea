package flyrefs

import (
	"go/ast"
	"go/token"
	"reflect"
	"strconv"

	"golang.org/x/tools/go/analysis"

	"github.com/flylint-dev/flylint/internal/flyaddr"
	"github.com/flylint-dev/flylint/internal/project"
	"github.com/flylint-dev/flylint/internal/source"
)

var Analyzer = &analysis.Analyzer{
	Name:       "flyrefs",
	Doc:        "find references to Fly apps on the private network in string literals",
	URL:        project.Home + "/tree/main/analyzers/flyrefs",
	ResultType: reflect.TypeFor[*Result](),
	Run:        run,
}

// Result lists a package's references, in source order.
type Result struct {
	Refs []Ref
}

// Ref is one reference written in a string literal.
type Ref struct {
	flyaddr.Ref // Start and End are offsets in the literal's value
	// Pos and End span the reference in the source when the literal
	// spells it byte for byte (no escapes before or inside it);
	// otherwise they span the whole literal.
	Pos, End token.Pos
	// Exact is true when Pos..End holds Text exactly, so a fix may edit
	// inside it.
	Exact bool
	// Range is Pos..End as a file position.
	Range source.Range
}

func run(pass *analysis.Pass) (any, error) {
	res := &Result{}
	for _, f := range pass.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			// Most literals name nothing; skip them before unquoting.
			if !flyaddr.Mentions(lit.Value) {
				return true
			}
			value, err := strconv.Unquote(lit.Value)
			if err != nil {
				return true
			}
			for _, m := range flyaddr.Find(value) {
				res.Refs = append(res.Refs, locate(pass.Fset, lit, value, m))
			}
			return true
		})
	}
	return res, nil
}

// locate places a reference found in lit's value in the source. The
// value's offsets match the source's, one past the opening quote, when
// the literal holds the same bytes up to the reference's end: always for
// a raw string, and for an interpreted one without escapes there.
func locate(fset *token.FileSet, lit *ast.BasicLit, value string, m flyaddr.Ref) Ref {
	r := Ref{Ref: m, Pos: lit.Pos(), End: lit.End()}
	body := lit.Value[1 : len(lit.Value)-1]
	if m.End <= len(body) && body[:m.End] == value[:m.End] {
		r.Pos = lit.Pos() + 1 + token.Pos(m.Start)
		r.End = lit.Pos() + 1 + token.Pos(m.End)
		r.Exact = true
	}
	r.Range = source.FromToken(fset, r.Pos, r.End)
	return r
}
