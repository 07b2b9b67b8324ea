package flytoml

import (
	"bytes"
	"sort"

	"github.com/flylint-dev/flylint/internal/source"
)

var bom = []byte("\xef\xbb\xbf")

// Parse reads one fly.toml. path is used only in positions
// (source.Range.File).
//
// It returns a *SyntaxError, placed at the offending text, when data is
// not valid TOML (including a key or table defined twice). Otherwise every
// present key has Set, Key and Value; OK and V are set when the value can
// be read with flyctl's coercions, and Problems lists unknown keys, values
// flyctl cannot decode and values it coerces.
func Parse(path string, data []byte) (*Config, error) {
	b := &builder{data: data, file: path, lines: source.NewLines(data)}
	cfg := &Config{Path: path}
	if bytes.HasPrefix(data, []byte("\xff\xfe")) || bytes.HasPrefix(data, []byte("\xfe\xff")) {
		// The TOML parser would stop at the BOM's first byte with "invalid
		// character", which hides the real problem: the encoding.
		return nil, &SyntaxError{
			Range:   b.rng(0, 2),
			Message: "the file is UTF-16 (it starts with a UTF-16 byte order mark), and TOML must be UTF-8; save it as UTF-8",
		}
	}
	if bytes.HasPrefix(data, bom) {
		// Offsets stay those of the file, BOM included, so that fixes and
		// columns match what editors show.
		b.base = len(bom)
		cfg.Problems = append(cfg.Problems, Problem{
			Kind: ProblemRejected, Code: CodeBOM, Range: b.rng(0, len(bom)),
			Message: "fly.toml starts with a UTF-8 byte order mark, which flyctl's TOML reader rejects as an invalid character. Save the file as UTF-8 without a BOM.",
		})
	}
	if err := b.build(); err != nil {
		return nil, err
	}
	d := &decoder{cfg: cfg}
	d.top(b.root)
	// Readers run section by section; report in file order.
	sort.SliceStable(cfg.Problems, func(i, j int) bool {
		return cfg.Problems[i].Range.Start.Offset < cfg.Problems[j].Range.Start.Offset
	})
	return cfg, nil
}
