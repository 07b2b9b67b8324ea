package rules

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/flylint-dev/flylint/internal/diag"
	"github.com/flylint-dev/flylint/internal/editdist"
	"github.com/flylint-dev/flylint/internal/fix"
	"github.com/flylint-dev/flylint/internal/flytoml"
	"github.com/flylint-dev/flylint/internal/source"
	"github.com/flylint-dev/flylint/internal/workspace"
)

// Helpers for the rules that read only fly.toml.

// tomlData returns the bytes of the app's fly.toml as read, or nil.
func tomlData(p *Pass) []byte {
	if p.Workspace == nil || p.App == nil {
		return nil
	}
	return p.Workspace.Files[p.App.ConfigPath]
}

// tomlText returns the source text of r in the app's fly.toml.
func tomlText(p *Pass, r source.Range) (string, bool) {
	data := tomlData(p)
	if data == nil || r.File != p.App.ConfigPath || r.Start.Offset < 0 || r.End.Offset > len(data) || r.Start.Offset >= r.End.Offset {
		return "", false
	}
	return string(data[r.Start.Offset:r.End.Offset]), true
}

// isEmptyStringLiteral reports whether r is an empty string literal. flyctl's
// duration patch turns an empty string into no value at all, which is
// different from "0s".
func isEmptyStringLiteral(p *Pass, r source.Range) bool {
	t, ok := tomlText(p, r)
	return ok && (t == `""` || t == `''`)
}

// stringOffsets maps each byte of a one-line string value's decoded
// content to its offset in fly.toml: a literal string maps byte for byte,
// a basic string through its escapes (every byte an escape produces maps
// to its backslash). ok is false when the raw text does not decode to
// decoded, as for a multi-line string.
func stringOffsets(p *Pass, r source.Range, decoded string) (offs []int, ok bool) {
	t, ok := tomlText(p, r)
	if !ok || len(t) < 2 || t[len(t)-1] != t[0] || strings.HasPrefix(t, `"""`) || strings.HasPrefix(t, `'''`) {
		return nil, false
	}
	base := r.Start.Offset + 1
	body := t[1 : len(t)-1]
	switch t[0] {
	case '\'':
		if body != decoded {
			return nil, false
		}
		for i := range body {
			offs = append(offs, base+i)
		}
		return offs, true
	case '"':
	default:
		return nil, false
	}
	var out strings.Builder
	for i := 0; i < len(body); i++ {
		if body[i] != '\\' {
			out.WriteByte(body[i])
			offs = append(offs, base+i)
			continue
		}
		if i+1 >= len(body) {
			return nil, false
		}
		s, n := tomlEscape(body[i+1:])
		if n == 0 {
			return nil, false
		}
		out.WriteString(s)
		for range len(s) {
			offs = append(offs, base+i)
		}
		i += n
	}
	if out.String() != decoded {
		return nil, false
	}
	return offs, true
}

// tomlEscape decodes the escape after a backslash at the start of rest,
// returning its value and how many bytes of rest it takes (0 if invalid).
func tomlEscape(rest string) (string, int) {
	switch e := rest[0]; e {
	case 'b':
		return "\b", 1
	case 't':
		return "\t", 1
	case 'n':
		return "\n", 1
	case 'f':
		return "\f", 1
	case 'r':
		return "\r", 1
	case 'e':
		return "\x1b", 1
	case '"', '\\':
		return string(e), 1
	case 'u', 'U':
		w := 4
		if e == 'U' {
			w = 8
		}
		if 1+w > len(rest) {
			return "", 0
		}
		v, err := strconv.ParseUint(rest[1:1+w], 16, 32)
		if err != nil {
			return "", 0
		}
		return string(rune(v)), 1 + w
	}
	return "", 0
}

// tomlRange returns the range of fly.toml bytes [start, end).
func tomlRange(p *Pass, start, end int) source.Range {
	return source.NewLines(tomlData(p)).Range(p.App.ConfigPath, start, end)
}

// Re-parsing the whole file to prove a fix safe costs a parse per fix;
// these bounds keep a huge or problem-ridden file from making that slow:
// no proof for files over maxVerifyBytes, and at most maxVerifyFixes
// proofs or verifyByteBudget bytes re-parsed per rule and app. Real
// fly.toml files are a few kilobytes and get every fix.
//
// -fix applies the fixes, so there a fix silently not proven would be a
// fix silently not applied: any file flylint reads is proven, within
// fixByteBudget bytes re-parsed per rule and app (about a second for the
// largest fly.toml read, 10 MB, which still gets three fixes), and a fix
// left unproven is reported (Options.Unproven); -fix again proves the
// next ones.
const (
	maxVerifyBytes   = 256 << 10
	maxVerifyFixes   = 50
	verifyByteBudget = 1 << 20
	fixByteBudget    = 32 << 20
)

// fixVerifier proves fixes safe by applying them to fly.toml and parsing
// the result again: a fix is offered only when the file still parses and
// the edited file has fewer problems, none of them new.
type fixVerifier struct {
	p      *Pass
	budget int
	before map[string]int // the original file's problems, tallied once
}

func newFixVerifier(p *Pass) *fixVerifier {
	size := max(len(tomlData(p)), 1)
	n := min(maxVerifyFixes, verifyByteBudget/size)
	switch {
	case p.noFixes:
		n = 0 // the fixes would be dropped unseen
	case p.fixing:
		n = max(fixByteBudget/size, 1)
	}
	return &fixVerifier{p: p, budget: n}
}

// verify reports whether the edits, applied to fly.toml, remove the
// problem at path without adding any other, and keep the file valid.
func (v *fixVerifier) verify(edits []diag.Edit) bool {
	data := tomlData(v.p)
	if data == nil || v.p.App.Config == nil {
		return false
	}
	if v.budget <= 0 || (len(data) > maxVerifyBytes && !v.p.fixing) {
		if v.p.fixing && v.p.unproven != nil {
			v.p.unproven(v.p.App.ConfigPath)
		}
		return false
	}
	v.budget--
	edited, ok := applyTOMLEdits(v.p.App.ConfigPath, data, edits)
	if !ok {
		return false
	}
	cfg, err := flytoml.Parse(v.p.App.ConfigPath, edited)
	if err != nil || cfg == nil {
		return false
	}
	if v.before == nil {
		v.before = problemTally(v.p.App.Config.Problems)
	}
	for k, n := range problemTally(cfg.Problems) {
		if n > v.before[k] {
			return false
		}
	}
	return len(cfg.Problems) < len(v.p.App.Config.Problems)
}

// problemTally counts problems by kind and path, so that a fix that
// trades one problem for another at the same place is rejected.
func problemTally(ps []flytoml.Problem) map[string]int {
	m := map[string]int{}
	for _, pr := range ps {
		m[strconv.Itoa(int(pr.Kind))+" "+pr.Path]++
	}
	return m
}

// applyTOMLEdits applies one fix's edits to file's data with fix.Apply,
// the code `flylint --fix` writes with, so a verified fix is the one that
// is written. ok is false when the edits overlap or leave the file.
func applyTOMLEdits(file string, data []byte, edits []diag.Edit) (_ []byte, ok bool) {
	changed, skipped, err := fix.Apply(map[string][]byte{file: data}, []diag.Fix{{Edits: edits}})
	if err != nil || len(skipped) > 0 {
		return nil, false
	}
	if c, ok := changed[file]; ok {
		return c, true
	}
	return data, true
}

// plainWord reports whether s can be written as a TOML basic string
// without escapes and means the same to every reader: ASCII letters,
// digits, '-', '_' and '.'.
func plainWord(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		allowed := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.'
		if !allowed {
			return false
		}
	}
	return true
}

// replaceStringFix is a fix that replaces a string value with another
// simple word, quoted as in the original.
// replaceBoolFix rewrites the boolean literal at r to to ("true" or
// "false"), when r is written as a bare TOML boolean.
func replaceBoolFix(p *Pass, r source.Range, to, message string) []diag.Fix {
	if t := textAt(p, r); t != "true" && t != "false" {
		return nil
	}
	return []diag.Fix{{Message: message, Edits: []diag.Edit{{Range: r, NewText: to}}}}
}

func replaceStringFix(p *Pass, r source.Range, to, message string) []diag.Fix {
	t, ok := tomlText(p, r)
	if !ok || !plainWord(to) || len(t) < 2 || (t[0] != '"' && t[0] != '\'') {
		return nil
	}
	q := t[:1]
	return []diag.Fix{{Message: message, Edits: []diag.Edit{{Range: r, NewText: q + to + q}}}}
}

// nearestName returns the name among names nearest to s (case, '-' and
// '_' folded, or at most two edits away), or "".
func nearestName(s string, names []string) string {
	fold := func(x string) string { return strings.ReplaceAll(strings.ToLower(x), "-", "_") }
	best, bestD := "", 3
	for _, n := range names {
		if fold(n) == fold(s) {
			return n
		}
		if d := editdist.Distance(s, n); d < bestD {
			best, bestD = n, d
		}
	}
	return best
}

// sectionGroups returns the process groups a section with this processes
// list applies to, as flyctl's Flatten decides it: the names it lists, or
// the default group when it lists none. Only groups that exist count,
// since flyctl builds Machines only for those.
func sectionGroups(cfg *flytoml.Config, processes flytoml.Strings) []string {
	names := cfg.GroupNames()
	var out []string
	for _, g := range cfg.GroupsFor(processes) {
		if slices.Contains(names, g) && !slices.Contains(out, g) {
			out = append(out, g)
		}
	}
	return out
}

// sectionAt is where to report something missing from a section: its
// header, or the file itself when the section has none (an inline table
// always has a key, so this is only a fallback).
func sectionAt(p *Pass, s flytoml.Section) source.Range {
	if s.Header.IsValid() {
		return s.Header
	}
	return source.Range{File: p.App.ConfigPath}
}

// nounPlural returns word with an "s" unless n is 1.
func nounPlural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}

// pairBudget bounds the pairs of sections a rule compares in one app, so
// that a machine-made fly.toml with tens of thousands of services cannot
// make it quadratic; no hand-written file comes near it.
const pairBudget = 1 << 20

// svcProcesses is the processes list of a service's fly.toml section.
func svcProcesses(s *workspace.Service) flytoml.Strings {
	switch {
	case s.HTTP != nil:
		return s.HTTP.Processes
	case s.Service != nil:
		return s.Service.Processes
	}
	return flytoml.Strings{}
}

func svcSection(s *workspace.Service) string {
	if s.HTTP != nil {
		return "[http_service]"
	}
	return "[[services]]"
}

func svcProto(s *workspace.Service) string { return strings.ToUpper(string(s.Proto)) }

func commonGroups(a, b []string) []string {
	var out []string
	for _, x := range a {
		if slices.Contains(b, x) {
			out = append(out, x)
		}
	}
	return out
}

func quoteEach(vs []string) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = fmt.Sprintf("%q", v)
	}
	return out
}

// httpChecks are the HTTP checks a service declares: [[http_service.checks]]
// or [[services.http_checks]].
func httpChecks(s *workspace.Service) []*flytoml.ServiceCheck {
	switch {
	case s.HTTP != nil:
		return s.HTTP.Checks
	case s.Service != nil:
		return s.Service.HTTPChecks
	}
	return nil
}

// fromTigrisBucket reports whether a [[statics]] mapping names a Tigris
// bucket. flyctl treats an empty tigris_bucket as none
// (StaticIsCandidateForTigrisPush tests TigrisBucket != "", flyctl
// ad0172f); a value of another type counts as a bucket, so that nothing
// is reported about a mapping whose source is not known.
func fromTigrisBucket(s *flytoml.Static) bool {
	return s.TigrisBucket.Set && (!s.TigrisBucket.OK || s.TigrisBucket.V != "")
}
