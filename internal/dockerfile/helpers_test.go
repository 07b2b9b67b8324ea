package dockerfile

import (
	"fmt"
	"testing"

	"github.com/flylint-dev/flylint/internal/source"
)

// span prints a range as "line:col-line:col", the form tests compare.
func span(r source.Range) string {
	return fmt.Sprintf("%d:%d-%d:%d", r.Start.Line, r.Start.Col, r.End.Line, r.End.Col)
}

func mustParse(t testing.TB, src string) *File {
	t.Helper()
	f, err := Parse("Dockerfile", []byte(src))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return f
}

func mustImage(t testing.TB, f *File, target string, args map[string]string) *Image {
	t.Helper()
	img, err := f.Image(target, args)
	if err != nil {
		t.Fatalf("Image(%q): %v", target, err)
	}
	return img
}

// textAt is the file text a range covers.
func textAt(src string, r source.Range) string {
	if r.Start.Offset < 0 || r.End.Offset > len(src) || r.Start.Offset > r.End.Offset {
		return fmt.Sprintf("<bad range %v>", r)
	}
	return src[r.Start.Offset:r.End.Offset]
}

type argWant struct {
	text, span, file string // file: the bytes the range covers
}

func checkArgs(t *testing.T, src string, in *Instruction, shell bool, want []argWant) {
	t.Helper()
	if in == nil {
		t.Fatal("instruction is nil")
	}
	if in.Command.Shell != shell {
		t.Errorf("Shell = %v, want %v", in.Command.Shell, shell)
	}
	if len(in.Command.Args) != len(want) {
		t.Fatalf("got %d args %+v, want %d", len(in.Command.Args), in.Command.Args, len(want))
	}
	for i, w := range want {
		a := in.Command.Args[i]
		if a.Text != w.text {
			t.Errorf("arg %d text = %q, want %q", i, a.Text, w.text)
		}
		if got := span(a.Range); got != w.span {
			t.Errorf("arg %d (%q) at %s, want %s", i, w.text, got, w.span)
		}
		if got := textAt(src, a.Range); got != w.file {
			t.Errorf("arg %d covers %q, want %q", i, got, w.file)
		}
	}
}
