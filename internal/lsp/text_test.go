package lsp

import (
	"bufio"
	"strings"
	"testing"
)

// Incremental changes land where the client means in each encoding: "🚀"
// is 4 bytes, 2 UTF-16 units and 1 UTF-32 unit; positions past a line's
// end clamp to it, lines past the end to the end; CRLF ends one line.
func TestApplyChange(t *testing.T) {
	text := "a🚀b\r\nxyz\n"
	cases := []struct {
		enc  string
		r    Range
		with string
		want string
	}{
		{encUTF16, rng(0, 3, 0, 4), "B", "a🚀B\r\nxyz\n"},
		{encUTF8, rng(0, 5, 0, 6), "B", "a🚀B\r\nxyz\n"},
		{encUTF32, rng(0, 2, 0, 3), "B", "a🚀B\r\nxyz\n"},
		{encUTF16, rng(0, 2, 0, 3), "", "ab\r\nxyz\n"}, // inside the pair: from its start
		{encUTF16, rng(1, 1, 1, 99), "!", "a🚀b\r\nx!\n"},
		{encUTF16, rng(9, 0, 9, 0), "end", "a🚀b\r\nxyz\nend"},
		{encUTF16, rng(0, 4, 1, 0), "", "a🚀bxyz\n"},
	}
	for _, c := range cases {
		got, err := applyChange([]byte(text), TextDocumentContentChangeEvent{Range: &c.r, Text: c.with}, c.enc)
		if err != nil || string(got) != c.want {
			t.Errorf("%s %+v %q: got %q, %v; want %q", c.enc, c.r, c.with, got, err, c.want)
		}
	}
	if _, err := applyChange([]byte(text), TextDocumentContentChangeEvent{Range: &Range{Start: Position{1, 2}, End: Position{0, 0}}}, encUTF16); err == nil {
		t.Error("a range that ends before it starts was applied")
	}
	if got, _ := applyChange([]byte(text), TextDocumentContentChangeEvent{Text: "whole"}, encUTF16); string(got) != "whole" {
		t.Errorf("a change without range: %q, want the new text", got)
	}
	li := newLineIndex([]byte(text))
	if p := li.position(6, encUTF16); p != (Position{0, 4}) {
		t.Errorf("position after 'b' = %+v, want 0:4", p)
	}
}

// The base protocol reader refuses what no client sends instead of
// allocating for it.
func TestReadMessageBounds(t *testing.T) {
	for _, in := range []string{
		"Content-Length: 99999999999\r\n\r\n",
		"Content-Type: x\r\n\r\n{}",
		"Content-Length: -1\r\n\r\n",
		"no colon\r\n\r\n",
		"Content-Length: " + strings.Repeat("1", 2000) + "\r\n\r\n",
	} {
		if _, err := readMessage(bufio.NewReader(strings.NewReader(in))); err == nil {
			t.Errorf("readMessage(%.40q) accepted it", in)
		}
	}
	body, err := readMessage(bufio.NewReader(strings.NewReader("Content-Type: application/vscode-jsonrpc; charset=utf-8\r\nContent-Length: 2\r\n\r\n{}")))
	if err != nil || string(body) != "{}" {
		t.Errorf("readMessage = %q, %v", body, err)
	}
}
