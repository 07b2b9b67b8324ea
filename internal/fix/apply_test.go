package fix

import (
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/flylint-dev/flylint/internal/diag"
	"github.com/flylint-dev/flylint/internal/source"
)

// ed makes an edit of file replacing bytes [start, end) with text.
func ed(file string, start, end int, text string) diag.Edit {
	return diag.Edit{
		Range:   source.Range{File: file, Start: source.Pos{Line: 1, Col: start + 1, Offset: start}, End: source.Pos{Line: 1, Col: end + 1, Offset: end}},
		NewText: text,
	}
}

func fx(msg string, edits ...diag.Edit) diag.Fix { return diag.Fix{Message: msg, Edits: edits} }

func strs(m map[string][]byte) map[string]string {
	out := map[string]string{}
	for k, v := range m {
		out[k] = string(v)
	}
	return out
}

func msgs(fs []diag.Fix) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Message)
	}
	return out
}

func TestApply(t *testing.T) {
	tests := []struct {
		name        string
		files       map[string]string
		fixes       []diag.Fix
		want        map[string]string
		wantSkipped []string
	}{
		{"replace",
			map[string]string{"f": "port = 8000\n"},
			[]diag.Fix{fx("p", ed("f", 7, 11, "8080"))},
			map[string]string{"f": "port = 8080\n"}, nil},
		{"insertion",
			map[string]string{"f": "[http_service]\n"},
			[]diag.Fix{fx("i", ed("f", 15, 15, "  internal_port = 8080\n"))},
			map[string]string{"f": "[http_service]\n  internal_port = 8080\n"}, nil},
		{"deletion",
			map[string]string{"f": "a = 1\nforce_https = true\nb = 2\n"},
			[]diag.Fix{fx("d", ed("f", 6, 25, ""))},
			map[string]string{"f": "a = 1\nb = 2\n"}, nil},
		{"overlap: first wins",
			map[string]string{"f": "0123456789"},
			[]diag.Fix{
				fx("first", ed("f", 2, 5, "X")),
				fx("second", ed("f", 4, 6, "Y")),
				fx("third", ed("f", 5, 7, "Z")), // touches first's end: fine
			},
			map[string]string{"f": "01XZ789"}, []string{"second"}},
		{"fix applies whole or not at all",
			map[string]string{"a": "aaaa", "b": "bbbb"},
			[]diag.Fix{
				fx("one", ed("a", 0, 2, "X")),
				fx("two", ed("b", 0, 1, "Y"), ed("a", 1, 3, "Z")), // b part would fit
			},
			map[string]string{"a": "Xaa"}, []string{"two"}},
		{"multiple files",
			map[string]string{"fly.toml": "internal_port = 3000\n", "Dockerfile": "EXPOSE 3000\n", "main.go": "unchanged"},
			[]diag.Fix{fx("both", ed("fly.toml", 16, 20, "8080"), ed("Dockerfile", 7, 11, "8080"))},
			map[string]string{"fly.toml": "internal_port = 8080\n", "Dockerfile": "EXPOSE 8080\n"}, nil},
		{"two insertions at one offset conflict",
			map[string]string{"f": "ab"},
			[]diag.Fix{fx("x", ed("f", 1, 1, "X")), fx("y", ed("f", 1, 1, "Y"))},
			map[string]string{"f": "aXb"}, []string{"y"}},
		{"insertion inside a replacement conflicts",
			map[string]string{"f": "abcd"},
			[]diag.Fix{fx("r", ed("f", 1, 3, "R")), fx("i", ed("f", 2, 2, "I")), fx("j", ed("f", 3, 3, "J"))},
			map[string]string{"f": "aRJd"}, []string{"i"}},
		{"insertion at a replacement's start goes first",
			map[string]string{"f": "abcd"},
			[]diag.Fix{fx("r", ed("f", 1, 3, "R")), fx("i", ed("f", 1, 1, "I"))},
			map[string]string{"f": "aIRd"}, nil},
		{"identical edits are one",
			map[string]string{"f": "host = \"127.0.0.1\""},
			[]diag.Fix{fx("a", ed("f", 8, 17, "0.0.0.0")), fx("b", ed("f", 8, 17, "0.0.0.0"))},
			map[string]string{"f": "host = \"0.0.0.0\""}, nil},
		{"edits of one fix overlapping each other",
			map[string]string{"f": "abcd"},
			[]diag.Fix{fx("bad", ed("f", 0, 2, "X"), ed("f", 1, 3, "Y")), fx("ok", ed("f", 3, 4, "D"))},
			map[string]string{"f": "abcD"}, []string{"bad"}},
		{"edits given out of order",
			map[string]string{"f": "abcdef"},
			[]diag.Fix{fx("two", ed("f", 4, 5, "E"), ed("f", 0, 1, "A"))},
			map[string]string{"f": "AbcdEf"}, nil},
		{"crlf content",
			map[string]string{"f": "[http_service]\r\n  internal_port = 3000\r\n  force_https = true\r\n"},
			[]diag.Fix{fx("p", ed("f", 34, 38, "8080")), fx("d", ed("f", 40, 62, ""))},
			map[string]string{"f": "[http_service]\r\n  internal_port = 8080\r\n"}, nil},
		{"no-op edit leaves the file unchanged",
			map[string]string{"f": "abc"},
			[]diag.Fix{fx("same", ed("f", 0, 1, "a")), fx("empty")},
			map[string]string{}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string][]byte{}
			for k, v := range tt.files {
				files[k] = []byte(v)
			}
			changed, skipped, err := Apply(files, tt.fixes)
			if err != nil {
				t.Fatal(err)
			}
			if got := strs(changed); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("changed = %q, want %q", got, tt.want)
			}
			if got := msgs(skipped); !reflect.DeepEqual(got, tt.wantSkipped) {
				t.Errorf("skipped = %q, want %q", got, tt.wantSkipped)
			}
			for k, v := range tt.files {
				if string(files[k]) != v {
					t.Errorf("input %s modified", k)
				}
			}
		})
	}
}

func TestApplyErrors(t *testing.T) {
	files := map[string][]byte{"f": []byte("abc")}
	for name, f := range map[string]diag.Fix{
		"unknown file": fx("x", ed("g", 0, 1, "")),
		"past the end": fx("x", ed("f", 2, 4, "")),
		"reversed":     fx("x", ed("f", 2, 1, "")),
		"negative":     fx("x", ed("f", -1, 1, "")),
	} {
		changed, skipped, err := Apply(files, []diag.Fix{fx("fine", ed("f", 0, 1, "A")), f})
		if err == nil || changed != nil || skipped != nil {
			t.Errorf("%s: Apply = %v, %v, %v; want only an error", name, changed, skipped, err)
		}
	}
	if _, _, err := Apply(files, []diag.Fix{fx("end", ed("f", 3, 3, "!"))}); err != nil {
		t.Errorf("insertion at end of file: %v", err)
	}
}

func TestApplyMany(t *testing.T) {
	// One edit per line of a large file: linear enough to be quick.
	var b strings.Builder
	var fixes []diag.Fix
	for i := 0; i < 2000; i++ {
		off := b.Len()
		b.WriteString("x = 1\n")
		fixes = append(fixes, fx("f", ed("f", off+4, off+5, "2")))
	}
	changed, skipped, err := Apply(map[string][]byte{"f": []byte(b.String())}, fixes)
	if err != nil || len(skipped) != 0 || string(changed["f"]) != strings.Repeat("x = 2\n", 2000) {
		t.Fatalf("err %v skipped %d", err, len(skipped))
	}
}

// FuzzApply checks that any set of in-range edits applies without
// panicking and that an applied fix's text ends up in the output.
func FuzzApply(f *testing.F) {
	f.Add([]byte("port = 8000\r\n"), []byte{7, 4, 1, 0, 3, 2})
	f.Add([]byte(""), []byte{0, 0, 0, 0, 0, 0})
	f.Fuzz(func(t *testing.T, content, spec []byte) {
		n := len(content)
		var fixes []diag.Fix
		for i := 0; i+2 < len(spec) && len(fixes) < 50; i += 3 {
			s := 0
			if n > 0 {
				s = int(spec[i]) % (n + 1)
			}
			e := min(n, s+int(spec[i+1])%4)
			fixes = append(fixes, fx(strconv.Itoa(i), ed("f", s, e, strings.Repeat("Z", int(spec[i+2])%3))))
		}
		changed, skipped, err := Apply(map[string][]byte{"f": content}, fixes)
		if err != nil {
			t.Fatal(err)
		}
		if len(skipped) > len(fixes) {
			t.Fatal("skipped more than given")
		}
		if out, ok := changed["f"]; ok && string(out) == string(content) {
			t.Fatal("unchanged file reported as changed")
		}
	})
}
