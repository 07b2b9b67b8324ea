package tomlscan

import "testing"

func TestSkipTrivia(t *testing.T) {
	for _, c := range []struct {
		text string
		from int
		want int
	}{
		{"", 0, 0},
		{"x", 0, 0},
		{" \t\r\n,x", 0, 5},
		{"# a comment, ] } \n  x", 0, 20}, // brackets in a comment do not count
		{"1, # one\n 2", 1, 10},           // from after an element to the next
		{"  # never ends", 0, 14},         // a comment to the end of the text
		{"[1]", 3, 3},                     // at the end already
		{"a  ", 1, 3},                     // blanks to the end
	} {
		if got := SkipTrivia([]byte(c.text), c.from); got != c.want {
			t.Errorf("SkipTrivia(%q, %d) = %d, want %d", c.text, c.from, got, c.want)
		}
	}
}

func TestClose(t *testing.T) {
	for _, c := range []struct {
		text  string
		from  int
		close byte
		want  int
	}{
		{"[1]", 2, ']', 3},
		{"[1, # last\n]x", 2, ']', 12}, // trailing comma, comment and newline
		{"{a = 1 }", 6, '}', 8},
		{"[1 x", 2, ']', 3}, // not the bracket: stop before it
		{"[1", 2, ']', 2},   // the text ends first
		{"[1}", 2, ']', 2},  // the other kind of bracket
	} {
		if got := Close([]byte(c.text), c.from, c.close); got != c.want {
			t.Errorf("Close(%q, %d, %q) = %d, want %d", c.text, c.from, c.close, got, c.want)
		}
	}
}
