package rules

import (
	"fmt"
	"slices"
	"strings"

	"github.com/flylint-dev/flylint/internal/diag"
	"github.com/flylint-dev/flylint/internal/flytoml"
)

// The compression values flyctl accepts are flytoml.Compressions
// (internal/flag/validation/compression.go at flyctl ad0172f: the same
// check guards the --compression flag). Depot's builder maps levels 0–9
// onto zstd's own range, which is why the range is so narrow.

var InvalidBuildCompression = Register(&Rule{
	ID:       "invalid-build-compression",
	Severity: diag.Error,
	Title:    "[build] compression or compression_level is not a value flyctl accepts",
	Since:    "0.2.0",
	Why: "`[build] compression` is not `\"gzip\"` or `\"zstd\"`, or `compression_level` is outside 0–9, so flyctl rejects the fly.toml before it builds anything.\n\n" +
		"These two keys choose how the image's layers are compressed when flyctl builds it. flyctl validates them exactly as it validates its `--compression` and `--compression-level` flags: " +
		"the compression must be `gzip` or `zstd` (or left out), and the level an integer from 0 to 9, the range Fly's remote builder supports. Leave both out to take the builder's default.",
	ExampleFile: "fly.toml",
	Bad: `[build]
  compression = "brotli"
  compression_level = 19`,
	Good: `[build]
  compression = "zstd"
  compression_level = 9`,
	URLs: []string{
		"https://github.com/superfly/flyctl/blob/master/internal/flag/validation/compression.go",
		"https://github.com/superfly/flyctl/blob/master/internal/appconfig/validation.go",
	},
	Tags: []string{"flyctl"},
	Check: func(p *Pass) {
		cfg := p.App.Config
		if cfg == nil || cfg.Build == nil {
			return
		}
		b := cfg.Build
		if c := b.Compression; c.OK && c.V != "" && !slices.Contains(flytoml.Compressions, c.V) {
			d := diag.Diagnostic{Range: c.Value, Message: fmt.Sprintf(
				"compression = %q is not a compression flyctl builds with, so it rejects the fly.toml (\"Invalid value '%s' for compression\"). Write \"gzip\" or \"zstd\", or remove the key to take the builder's default.",
				c.V, c.V)}
			if to := strings.ToLower(strings.TrimSpace(c.V)); to != c.V && slices.Contains(flytoml.Compressions, to) {
				d.Fixes = replaceStringFix(p, c.Value, to, fmt.Sprintf("Write %q", to))
			}
			p.Report(d)
		}
		if l := b.CompressionLevel; l.OK && (l.V < 0 || l.V > 9) {
			p.Reportf(l.Value,
				"compression_level = %d is outside 0–9, the levels Fly's builder supports, so flyctl rejects the fly.toml (\"Invalid value '%d' for compression level\"). Use a level from 0 (fastest) to 9 (smallest), or remove the key.",
				l.V, l.V)
		}
	},
})
