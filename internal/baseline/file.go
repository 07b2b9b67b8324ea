package baseline

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/flylint-dev/flylint/internal/outfile"
	"github.com/flylint-dev/flylint/internal/safefile"
)

// MaxSize bounds the baseline flylint reads: a quarter of a million
// findings fit, and parsing it stays within a CI runner's memory.
const MaxSize = 64 << 20

// Marshal encodes b as indented JSON ending in a newline: one finding
// per few lines, so a baseline diffs well under version control.
func (b *Baseline) Marshal() []byte {
	out := *b
	if out.Findings == nil {
		out.Findings = []Entry{} // "findings": [] rather than null
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // messages quote <app> and & as written
	enc.SetIndent("", "  ")
	// Encoding strings, ints and slices of them cannot fail.
	_ = enc.Encode(out)
	return buf.Bytes()
}

// Write writes b to path atomically: a reader sees the old baseline or
// the new one, never half a file. A device or FIFO is written through.
func Write(path string, b *Baseline) error {
	return outfile.Write(path, b.Marshal(), outfile.Output)
}

// Parse decodes a baseline and checks that this flylint can use it.
func Parse(data []byte) (*Baseline, error) {
	var b Baseline
	// Unknown fields are allowed: a later flylint may add some, and the
	// version says whether the ones read here still mean the same.
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&b); err != nil {
		return nil, fmt.Errorf("not a flylint baseline: %w", err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, errors.New("not a flylint baseline: data after the JSON object")
	}
	switch {
	case b.Tool == "":
		return nil, fmt.Errorf("not a flylint baseline: no \"tool\": %q", Tool)
	case b.Tool != Tool:
		return nil, fmt.Errorf("not a flylint baseline: tool is %q, want %q", b.Tool, Tool)
	}
	if b.Version != Version {
		return nil, fmt.Errorf("baseline version %d is not supported (this flylint reads version %d); write it again with -write-baseline", b.Version, Version)
	}
	for i, e := range b.Findings {
		if e.Rule == "" || e.Fingerprint == "" {
			return nil, fmt.Errorf("not a flylint baseline: finding %d has no rule or fingerprint", i+1)
		}
	}
	return &b, nil
}

// Read reads and parses the baseline at path. A FIFO, a device or a file
// over MaxSize is refused before anything is read into memory.
func Read(path string) (*Baseline, error) {
	data, err := safefile.Read(path, path, MaxSize)
	var big *safefile.TooLargeError
	if errors.As(err, &big) {
		return nil, fmt.Errorf("larger than %d bytes", MaxSize)
	}
	if err != nil {
		return nil, err
	}
	return Parse(data)
}
