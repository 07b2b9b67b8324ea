package listensite

import (
	"bytes"
	"encoding/gob"
	"testing"

	"github.com/flylint-dev/flylint/internal/listen"
	"github.com/flylint-dev/flylint/internal/source"
)

// TestFactRoundTrip: values with symbolic env names, conditions and
// positions travel between packages in gob-encoded facts (go vet
// -vettool runs each package in its own process).
func TestFactRoundTrip(t *testing.T) {
	key := single(Part{Kind: PartParam, Name: "p.getenv", Index: 0})
	def := lit("production")
	at := source.Range{File: "a.go", Start: source.Pos{Line: 3, Col: 2, Offset: 20}, End: source.Pos{Line: 3, Col: 9, Offset: 27}}
	v := Value{Alts: []Alt{{
		Parts: []Part{{Kind: PartLit, Text: "127.0.0.1", At: at}, {Kind: PartEnv, Key: &key, Default: &def}},
		Conds: []Cond{{Var: Part{Kind: PartEnv, Name: "APP_ENV", Default: &def}, Value: "development", Equal: true}},
	}}}
	in := &packageFact{Returns: []Entry{{Key: "p.addr#0", Value: v}}}
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(in); err != nil {
		t.Fatal(err)
	}
	var out packageFact
	if err := gob.NewDecoder(&buf).Decode(&out); err != nil {
		t.Fatal(err)
	}
	got := out.Returns[0].Value
	if !valueEqual(got, v) || got.Alts[0].Parts[0].At != at {
		t.Errorf("round trip: %s, want %s", got, v)
	}
}

// TestMergeLits: literals kept apart for their positions still read as
// one host ("127.0.0" from a struct field, then ".1:80").
func TestMergeLits(t *testing.T) {
	at := source.Range{File: "a.go", Start: source.Pos{Line: 1, Col: 1}, End: source.Pos{Line: 1, Col: 5, Offset: 4}}
	v := concat(Value{Alts: []Alt{{Parts: []Part{{Kind: PartLit, Text: "127.0.0", At: at}}}}}, lit(".1:80"))
	if len(v.Alts[0].Parts) != 2 {
		t.Fatalf("parts = %d: a positioned literal must stay apart", len(v.Alts[0].Parts))
	}
	h, p := splitAlt(v.Alts[0], "tcp", "")
	if h.Text != "127.0.0.1" || h.Class != listen.HostLoopback || p.Number != 80 {
		t.Errorf("host %q (%s) port %d", h.Text, h.Class, p.Number)
	}
	if hr, _ := valueRanges(v.Alts[0]); hr.IsValid() {
		t.Errorf("host range %v: the host is not one literal", hr)
	}
}
