package check

import (
	"slices"

	"golang.org/x/tools/go/analysis"

	"github.com/flylint-dev/flylint/internal/safefile"
	"github.com/flylint-dev/flylint/internal/suppress"
)

// Report reports d unless a //flylint:ignore directive covers its line
// and names its rule (d.Category), as the flylint command would: the
// same parser, the same rule of coverage (the directive's own line when
// it trails code, else the next line that is not a comment). go vet and
// golangci-lint know nothing of flylint's directives, so without this a
// finding silenced for the CLI would still show in the editor.
//
// Unlike the CLI, the analyzers do not report directives that suppress
// nothing: each analyzer sees only its own rule, so none of them can
// tell that a directive is unused.
func Report(pass *analysis.Pass, d analysis.Diagnostic) {
	if ignored(pass, d) {
		return
	}
	pass.Report(d)
}

func ignored(pass *analysis.Pass, d analysis.Diagnostic) bool {
	tf := pass.Fset.File(d.Pos)
	if tf == nil || d.Category == "" {
		return false
	}
	name := tf.Name()
	line := tf.Line(d.Pos)
	content, err := readSource(pass, name)
	if err != nil {
		return false
	}
	for _, dir := range suppress.Parse(name, content, suppress.Go) {
		if dir.Line == line && slices.Contains(dir.Rules, d.Category) {
			return true
		}
	}
	return false
}

// readSource reads a file of the package: through the pass where the
// driver offers that (go vet's does), else from disk. The directives are
// in the bytes the compiler saw, which the AST's comments alone do not
// give in the form suppress parses.
func readSource(pass *analysis.Pass, name string) ([]byte, error) {
	if pass.ReadFile != nil {
		return pass.ReadFile(name)
	}
	// Through the one bounded reader, as every file flylint reads: the
	// repository is not trusted, and a generated Go file can be large.
	return safefile.Read(name, name, maxGoSource)
}

// maxGoSource is the largest Go file whose directives are read; a
// bindata file can run to tens of megabytes, and none holds a directive
// worth more memory than that.
const maxGoSource = 64 << 20
