package rules

import (
	"strings"
	"testing"

	"github.com/flylint/flylint/source"
	"github.com/flylint/flylint/workspace"
)

// refIn builds a reference written as text inside line, the way the
// workspace records one found in fly.toml.
func refIn(line, text, kind string) (*workspace.Workspace, *workspace.Ref) {
	data := []byte(line)
	at := strings.Index(line, text)
	lines := source.NewLines(data)
	r := source.Range{File: "fly.toml", Start: lines.Pos(at), End: lines.Pos(at + len(text))}
	ws := &workspace.Workspace{Files: map[string][]byte{"fly.toml": data}}
	return ws, &workspace.Ref{Text: text, Kind: kind, Range: r}
}

func TestIsFlyRef(t *testing.T) {
	tests := []struct {
		line, text, kind string
		want             bool
	}{
		{`A = "http://api.internal:8080"`, "http://api.internal:8080", "internal", true},
		{`A = "api.internal"`, "api.internal", "internal", true},
		{`A = "http://ord.api.internal:8080"`, "http://ord.api.internal:8080", "internal", true},
		{`A = "top2.nearest.of.api.internal"`, "top2.nearest.of.api.internal", "internal", true},
		{`A = "web.process.api.internal"`, "web.process.api.internal", "internal", true},
		{`A = "148e21a8.vm.api.internal"`, "148e21a8.vm.api.internal", "internal", true},
		{`A = "postgres://u:p@db.flycast:5432/x"`, "postgres://u:p@db.flycast:5432", "flycast", true},
		{`A = "http://api.internal."`, "http://api.internal", "internal", true},
		{`A = "api.internal, api.internal.example.com"`, "api.internal", "internal", true},
		// Other networks' names and longer names.
		{`A = "postgres://u:p@host.docker.internal:5432"`, "postgres://u:p@host.docker.internal:5432", "internal", false},
		{`A = "host.containers.internal"`, "host.containers.internal", "internal", false},
		{`A = "http://metadata.google.internal"`, "http://metadata.google.internal", "internal", false},
		{`A = "https://billing.corp.internal"`, "https://billing.corp.internal", "internal", false},
		{`A = "https://api.internal.example.com"`, "https://api.internal", "internal", false},
		{`A = "api.internal-lb:80"`, "api.internal", "internal", false},
		{`A = "_apps.internal"`, "apps.internal", "internal", false},
		{`A = "ops@corp.internal"`, "ops@corp.internal", "internal", false},
		{`A = "x.db.flycast"`, "x.db.flycast", "flycast", false},
		{`A = "internal"`, "internal", "internal", false},
	}
	for _, tt := range tests {
		ws, r := refIn(tt.line, tt.text, tt.kind)
		if got := isFlyRef(ws, r); got != tt.want {
			t.Errorf("isFlyRef(%q in %q) = %v, want %v", tt.text, tt.line, got, tt.want)
		}
	}
}

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

// The reference filter reads file bytes at offsets the workspace
// computed; whatever the text and range, it must not panic.
func FuzzIsFlyRef(f *testing.F) {
	f.Add([]byte(`A = "http://api.internal:8080"`), "http://api.internal:8080", 5, 29, "internal")
	f.Add([]byte(`A = "_apps.internal"`), "apps.internal", 6, 19, "internal")
	f.Add([]byte("\xff\x00api.internal."), "api.internal", 2, 14, "internal")
	f.Add([]byte(""), "x@y.flycast", -3, 99, "flycast")
	f.Fuzz(func(t *testing.T, data []byte, text string, start, end int, kind string) {
		r := source.Range{File: "f", Start: source.Pos{Line: 1, Col: start + 1, Offset: start}, End: source.Pos{Line: 1, Col: end + 1, Offset: end}}
		ws := &workspace.Workspace{Files: map[string][]byte{"f": data}}
		ref := &workspace.Ref{Text: text, Kind: kind, Range: r, Target: "x"}
		isFlyRef(ws, ref)
		refHost(ref)
		exactText(ws, r, text)
		if sub, ok := subRange(r, start, end); ok && (sub.End.Offset-sub.Start.Offset != end || sub.End.Line != r.Start.Line) {
			t.Errorf("subRange(%v, %d, %d) = %v: not %d bytes on line %d", r, start, end, sub, end, r.Start.Line)
		}
		nameContinues(ws, ref)
	})
}
