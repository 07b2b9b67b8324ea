package cli

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

// `flylint lsp` speaks LSP on standard input and output: initialize is
// answered with the server's capabilities, and shutdown then exit ends
// it with 0 as the specification asks; exit alone is 1.
func TestLSPSubcommand(t *testing.T) {
	frame := func(s string) string { return fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(s), s) }
	in := frame(`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}`) +
		frame(`{"jsonrpc":"2.0","id":2,"method":"shutdown"}`) +
		frame(`{"jsonrpc":"2.0","method":"exit"}`)
	var out, errb bytes.Buffer
	code := RunIO([]string{"lsp"}, strings.NewReader(in), &out, &errb)
	if code != 0 || !strings.Contains(out.String(), `"positionEncoding":"utf-16"`) || !strings.Contains(out.String(), `"name":"flylint","version":"`+build().Short()+`"`) {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out.String(), errb.String())
	}
	out.Reset()
	code = RunIO([]string{"lsp"}, strings.NewReader(frame(`{"jsonrpc":"2.0","method":"exit"}`)), &out, &errb)
	if code != 1 {
		t.Errorf("exit without shutdown: exit code %d, want 1", code)
	}
	if code := RunIO([]string{"lsp", "--stdio"}, strings.NewReader(frame(`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}`)+frame(`{"jsonrpc":"2.0","id":2,"method":"shutdown"}`)+frame(`{"jsonrpc":"2.0","method":"exit"}`)), &out, &errb); code != 0 {
		t.Errorf("lsp --stdio (vscode-languageclient's): exit %d, want 0", code)
	}
	if code := RunIO([]string{"lsp", "--tcp"}, strings.NewReader(""), &out, &errb); code != ExitUsage {
		t.Errorf("lsp with arguments: exit %d, want %d", code, ExitUsage)
	}
}
