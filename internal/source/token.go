package source

import "go/token"

// FromToken is the range pos..end of a Go file set, for diagnostics at Go
// positions. It is not valid when pos is not; an end that is missing or in
// another file makes an empty range at pos.
func FromToken(fset *token.FileSet, pos, end token.Pos) Range {
	if !pos.IsValid() {
		return Range{}
	}
	tf := fset.File(pos)
	if tf == nil {
		return Range{}
	}
	p, q := fset.Position(pos), fset.Position(end)
	if !end.IsValid() || tf != fset.File(end) {
		q = p
	}
	return Range{
		File:  p.Filename,
		Start: Pos{Line: p.Line, Col: p.Column, Offset: p.Offset},
		End:   Pos{Line: q.Line, Col: q.Column, Offset: q.Offset},
	}
}
