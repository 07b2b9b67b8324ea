package flytoml

import (
	"testing"

	"fmt"

	"github.com/flylint-dev/flylint/internal/source"
)

// span prints a range as "line:col-line:col".
func span(r source.Range) string {
	return fmt.Sprintf("%d:%d-%d:%d", r.Start.Line, r.Start.Col, r.End.Line, r.End.Col)
}

// rangeAt is the range of fly.toml between two offsets of src.
func rangeAt(t *testing.T, src string, start, end int) source.Range {
	t.Helper()
	return source.NewLines([]byte(src)).Range("fly.toml", start, end)
}
