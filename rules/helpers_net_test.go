package rules

import (
	"testing"

	"github.com/flylint-dev/flylint/internal/source"
	"github.com/flylint-dev/flylint/internal/workspace"
)

func TestRefPort(t *testing.T) {
	tests := []struct {
		ref  workspace.Ref
		want int
	}{
		{workspace.Ref{Scheme: "http", Port: 80}, 80},
		{workspace.Ref{Scheme: "http", Port: 8080}, 8080},
		{workspace.Ref{Scheme: "postgres"}, 5432},
		{workspace.Ref{Scheme: "mongodb+srv"}, 0},
		{workspace.Ref{}, 0},
	}
	for _, tt := range tests {
		if got := refPort(&tt.ref); got != tt.want {
			t.Errorf("refPort(%+v) = %d, want %d", tt.ref, got, tt.want)
		}
	}
}

func TestSubRange(t *testing.T) {
	lines := source.NewLines([]byte(`X = "https://a.flycast"`))
	r := source.Range{File: "f", Start: lines.Pos(5), End: lines.Pos(22)}
	got, ok := subRange(r, 0, 5)
	if !ok || got.Start.Col != 6 || got.End.Col != 11 || got.End.Offset != 10 {
		t.Errorf("subRange = %+v, %v; want columns 6-11", got, ok)
	}
	if _, ok := subRange(r, 10, 20); ok {
		t.Errorf("subRange past the end succeeded")
	}
}

// The fix helpers read file bytes at offsets from the workspace;
// whatever the text and range, they must not panic.
func FuzzFixRanges(f *testing.F) {
	f.Add([]byte(`A = "http://api.internal:8080"`), "http://api.internal:8080", 5, 29)
	f.Add([]byte("\xff\x00api.internal."), "api.internal", 2, 14)
	f.Add([]byte(""), "x@y.flycast", -3, 99)
	f.Fuzz(func(t *testing.T, data []byte, text string, start, end int) {
		r := source.Range{File: "f", Start: source.Pos{Line: 1, Col: start + 1, Offset: start}, End: source.Pos{Line: 1, Col: end + 1, Offset: end}}
		ws := &workspace.Workspace{Files: map[string][]byte{"f": data}}
		exactText(ws, r, text)
		if sub, ok := subRange(r, start, end); ok && (sub.End.Offset-sub.Start.Offset != end || sub.End.Line != r.Start.Line) {
			t.Errorf("subRange(%v, %d, %d) = %v: not %d bytes on line %d", r, start, end, sub, end, r.Start.Line)
		}
	})
}
