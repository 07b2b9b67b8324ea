package dockerfile

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/moby/buildkit/frontend/dockerfile/shell"

	"github.com/flylint-dev/flylint/internal/source"
)

// checkRanges asserts every range the model holds lies inside the file,
// names it, and agrees with its own offsets.
func checkRanges(t testing.TB, path string, data []byte, f *File, img *Image) {
	t.Helper()
	lines := source.NewLines(data)
	check := func(what string, r source.Range) {
		t.Helper()
		if r.File != path {
			t.Errorf("%s: %s range names file %q", path, what, r.File)
		}
		s, e := r.Start, r.End
		if s.Offset < 0 || e.Offset > len(data) || s.Offset > e.Offset {
			t.Fatalf("%s: %s range %+v outside the file (%d bytes)", path, what, r, len(data))
		}
		if lines.Pos(s.Offset) != s || lines.Pos(e.Offset) != e {
			t.Fatalf("%s: %s range %+v disagrees with its offsets", path, what, r)
		}
	}
	cmd := func(what string, in *Instruction) {
		if in == nil {
			return
		}
		check(what, in.Range)
		for _, a := range in.Command.Args {
			check(what+" arg", a.Range)
			got := string(data[a.Range.Start.Offset:a.Range.End.Offset])
			if !in.Command.Shell && a.Range != in.Range && a.Range.Start.Line == a.Range.End.Line && !strings.Contains(got, "\\") && utf8.ValidString(got) && got != a.Text {
				// An exec-form element on one line without escapes (or
				// invalid UTF-8, which decoding replaces) is its own
				// spelling.
				t.Errorf("%s: %s element %q covers %q", path, what, a.Text, got)
			}
		}
		for _, h := range in.Heredocs {
			check(what+" heredoc", h.Range)
		}
	}
	for _, a := range f.MetaArgs {
		check("meta ARG", a.Range)
	}
	for _, p := range f.Problems {
		check("problem", p.Range)
	}
	for _, p := range f.Limits {
		check("limit", p.Range)
	}
	for _, st := range f.Stages {
		check("FROM", st.From)
		for _, a := range st.Args {
			check("ARG", a.Range)
		}
		for _, e := range st.Env {
			check("ENV", e.Range)
		}
		for _, e := range st.Expose {
			check("EXPOSE", e.Range)
		}
		for _, c := range st.Copies {
			check("COPY", c.Range)
		}
		for _, r := range st.Runs {
			cmd("RUN", r)
		}
		cmd("CMD", st.Cmd)
		cmd("ENTRYPOINT", st.Entrypoint)
	}
	if img != nil {
		for _, v := range img.Env {
			check("image ENV", v.Range)
		}
		for _, p := range img.Problems {
			check("image problem", p.Range)
		}
		for _, p := range img.Limits {
			check("image limit", p.Range)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		multiStage,
		"FROM alpine\nCMD [\"a\", \"b\"]\n",
		"# escape=`\nFROM a\nRUN echo `\n  x\nCMD [\"a\", `\n \"b\"]\n",
		"\xEF\xBB\xBFFROM a\r\nENV A=1 \\\r\n  B=\"x y\"\r\nEXPOSE $A 53/udp 1-2/tcp\r\nCMD x \\\r\n# c\r\n\r\n  y\r\n",
		"FROM golang AS b\nRUN <<EOF bash\ngo build -o /x ./cmd/y\nEOF\nCOPY <<-A <<B /d\n\tx\n\tA\ny\nB\nFROM b\nENTRYPOINT [\"/x\"]\n",
		"ARG V\nFROM ${V:-alpine} AS A\nARG P=1\nENV P=$P Q ${P}\nFROM a\nWORKDIR x\nSHELL [\"bash\",\"-c\"]\nCMD a\n",
		"FROM a\nCMD [\"a\\u0041\", \"\\\\\"]\n",
		"FROM a\nRUN \\\n\\\n\n",
		"\\\nFROM a\n",
		"FROM a\nRUN x \\",
		"FROM a\nONBUILD RUN <<EOF\nx\nEOF\n",
		"FROM a\nHEALTHCHECK CMD [\"x\"]\nLABEL a=b\nUSER x\nVOLUME /a\nSTOPSIGNAL 9\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := Parse("Dockerfile", data)
		if err != nil {
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("not a SyntaxError: %v", err)
			}
			r := se.Range
			if r.File != "Dockerfile" || r.Start.Offset < 0 || r.End.Offset > len(data) || r.Start.Offset > r.End.Offset || !r.Start.IsValid() {
				t.Fatalf("syntax error range %+v outside the file (%d bytes)", r, len(data))
			}
			return
		}
		img, err := file.Image("", nil)
		if err != nil {
			t.Fatalf("Image: %v", err)
		}
		checkRanges(t, "Dockerfile", data, file, img)
		for _, st := range file.Stages {
			if st.Name != "" {
				img, err := file.Image(st.Name, map[string]string{"PORT": "1"})
				if err != nil {
					t.Fatalf("Image(%q): %v", st.Name, err)
				}
				checkRanges(t, "Dockerfile", data, file, img)
			}
		}
	})
}

func BenchmarkParse(b *testing.B) {
	data := []byte(multiStage)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		f, err := Parse("Dockerfile", data)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := f.Image("build", nil); err != nil {
			b.Fatal(err)
		}
	}
}

// FuzzLiteral holds literal to buildkit's lexer: a word literal calls
// literal must expand to itself and split like strings.Fields, with either
// escape token and whatever the variables hold.
func FuzzLiteral(f *testing.F) {
	for _, s := range []string{
		"golang:1.22-alpine", "8080", "8080/udp 9090", " a\tb  c ", "node:20 AS build",
		"${PORT:-8080}", "$X", "it's", `"quoted"`, `a\ b`, "a`b", "<<EOF", "€", "",
	} {
		f.Add(s)
	}
	env := newVars()
	env.set("X", "ex")
	env.set("PORT", "1234")
	f.Fuzz(func(t *testing.T, w string) {
		for _, escape := range []rune{'\\', '`'} {
			if !lexable(w) || !literal(w, escape) {
				continue
			}
			lex := shell.NewLex(escape)
			got, _, err := lex.ProcessWord(w, env)
			if err != nil || got != w {
				t.Fatalf("literal(%q, %q) but buildkit expands it to %q (err %v)", w, escape, got, err)
			}
			words, err := lex.ProcessWords(w, env)
			if want := strings.Fields(w); err != nil || !slices.Equal(words, want) {
				t.Fatalf("literal(%q, %q) but buildkit splits it into %q (err %v), not %q", w, escape, words, err, want)
			}
		}
	})
}
