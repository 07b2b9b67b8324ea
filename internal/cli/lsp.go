package cli

import (
	"io"

	"github.com/flylint-dev/flylint/internal/lsp"
)

// serveLSP is `flylint lsp`: a language server on stdin and stdout until
// the editor sends exit. Its exit code is the specification's: 0 after
// shutdown then exit, 1 otherwise.
func serveLSP(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	// vscode-languageclient appends --stdio when told to use stdio; it is
	// the only transport, so the flag is taken and changes nothing.
	if len(args) == 1 && (args[0] == "--stdio" || args[0] == "-stdio") {
		args = nil
	}
	if len(args) > 0 {
		say(stderr, "usage: flylint lsp (a language server on stdin and stdout; the editor starts it)\n")
		return ExitUsage
	}
	if err := lsp.Serve(stdin, stdout, lsp.Options{Version: build().Short(), Log: stderr}); err != nil {
		say(stderr, "flylint lsp: %v\n", err)
		return 1
	}
	return 0
}
