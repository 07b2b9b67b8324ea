package goload

import (
	"strings"

	"golang.org/x/tools/go/packages"
)

// rootGraph returns copies of the packages matched by the patterns whose
// Imports keep only other matched packages. The listensite analyzer has
// facts, so the checker would otherwise run it on every dependency; those
// are loaded from export data, without syntax, and hold nothing for it
// (it skips the standard library and recognises framework APIs by name).
// Facts still flow between the module's own packages, which is where a
// listen address travels through parameters and fields.
func rootGraph(pkgs []*packages.Package) []*packages.Package {
	copies := make(map[string]*packages.Package, len(pkgs))
	for _, p := range pkgs {
		q := *p
		copies[p.ID] = &q
	}
	out := make([]*packages.Package, 0, len(pkgs))
	for _, p := range pkgs {
		q := copies[p.ID]
		q.Imports = map[string]*packages.Package{}
		for path, imp := range p.Imports {
			if c, ok := copies[imp.ID]; ok {
				q.Imports[path] = c
			}
		}
		out = append(out, q)
	}
	return out
}

// dropCompileErrors removes, from packages type-checked from source, the
// compiler output that `go list -export` attaches when a matched package
// does not build ("# path\nfile:line:col: msg"). The type checker reports
// the same problems with exact positions; the go command's copy would only
// repeat them, and would mark as ill-typed a package that type-checks
// but fails a later compiler stage. IllTyped is recomputed to match.
func dropCompileErrors(pkgs []*packages.Package) {
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		if p.TypesInfo != nil {
			kept := p.Errors[:0]
			for _, e := range p.Errors {
				if e.Kind == packages.ListError && isCompilerOutput(e.Msg, p) {
					continue
				}
				kept = append(kept, e)
			}
			p.Errors = kept
			if len(p.Errors) == 0 {
				p.Errors = nil
			}
		}
		ill := len(p.Errors) > 0
		for _, imp := range p.Imports {
			ill = ill || imp.IllTyped
		}
		if p.Types != nil {
			p.IllTyped = ill
		}
	})
}

func isCompilerOutput(msg string, p *packages.Package) bool {
	first, _, _ := strings.Cut(msg, "\n")
	return first == "# "+p.PkgPath || first == "# "+p.ID
}
