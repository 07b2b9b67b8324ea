package source

import (
	"go/token"
	"testing"
)

func TestFromToken(t *testing.T) {
	fset := token.NewFileSet()
	f := fset.AddFile("main.go", -1, 40)
	f.SetLinesForContent([]byte("package main\n\nconst a = \"x\"\n\n\n\n\n\n\n\n"))
	got := FromToken(fset, f.Pos(24), f.Pos(27))
	want := Range{File: "main.go", Start: Pos{Line: 3, Col: 11, Offset: 24}, End: Pos{Line: 3, Col: 14, Offset: 27}}
	if got != want {
		t.Errorf("FromToken = %+v, want %+v", got, want)
	}
	if r := FromToken(fset, f.Pos(24), token.NoPos); r.End != r.Start || !r.IsValid() {
		t.Errorf("without an end: %+v, want an empty range at the start", r)
	}
	if r := FromToken(fset, token.NoPos, f.Pos(3)); r.IsValid() {
		t.Errorf("without a start: %+v, want an invalid range", r)
	}
}
