package dockerfile

import (
	"errors"
	"strings"
	"testing"
)

func TestSyntaxErrors(t *testing.T) {
	long := "FROM a\nRUN " + strings.Repeat("x", 70000) + "\n"
	tests := []struct {
		name, src, span, msg string
	}{
		{"empty", "", "1:1-1:1", "no FROM instruction"},
		{"only comments", "# syntax=docker/dockerfile:1\n# hello\n\n", "1:1-1:1", "no FROM instruction"},
		{"only ARG", "ARG A=1\n", "1:1-1:1", "no FROM instruction"},
		{"unknown instruction", "FROM a\n  FORM b\n", "2:3-2:7", "Unknown instruction FORM"},
		{"before FROM", "RUN echo\nFROM a\n", "1:1-1:9", "before any FROM"},
		{"env without value", "FROM a\nENV A\n", "2:1-2:6", "ENV must have two arguments"},
		{"json not strings", "FROM a\nCMD [\"a\", 1]\n", "2:1-2:13", "arrays must be comprised of strings"},
		{"from args", "FROM a b\n", "1:1-1:9", "FROM requires either one or three arguments"},
		{"bad stage name", "FROM a AS 1x\n", "1:1-1:13", "invalid name for build stage"},
		{"unterminated heredoc", "FROM a\nRUN <<EOF\necho\n", "2:1-3:5", "unterminated heredoc"},
		{"unknown flag", "FROM a\nCOPY --nope=1 a b\n", "2:1-2:18", "unknown flag: --nope"},
		{"continued unknown", "FROM a\nRUN x\nWAT \\\n  y\n", "3:1-3:4", "Unknown instruction WAT"},
		{"long line", long, "2:1-2:70005", "more than docker build accepts"},
		{"duplicate directive", "# escape=`\n# escape=\\\nFROM a\n", "1:1-1:11", "only one escape parser directive"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Parse("Dockerfile", []byte(tt.src))
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("got %v, %v; want a *SyntaxError", f, err)
			}
			if got := span(se.Range); got != tt.span {
				t.Errorf("at %s, want %s (%s)", got, tt.span, se.Message)
			}
			if !strings.Contains(se.Message, tt.msg) {
				t.Errorf("message %q lacks %q", se.Message, tt.msg)
			}
			if se.Range.File != "Dockerfile" || !strings.HasPrefix(se.Error(), "Dockerfile:") {
				t.Errorf("Error() = %q", se.Error())
			}
		})
	}
}
