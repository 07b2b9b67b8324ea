package flytoml

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/flylint-dev/flylint/internal/source"
)

// decoder reads the tree into a Config the way flyctl does and records
// what flyctl would reject, coerce or ignore.
type decoder struct {
	cfg *Config
	// experimentalMetrics is [experimental] metrics_port/metrics_path,
	// which flyctl uses when there is no [metrics].
	experimentalMetrics *Metrics
	// root is the file's top-level table.
	root *table
}

func (d *decoder) report(p Problem) { d.cfg.Problems = append(d.cfg.Problems, p) }

// rejected is what the messages say about a value flyctl cannot decode:
// its loader then falls back to an empty config and `fly deploy` and
// `fly config validate` fail.
const rejected = "flyctl cannot decode it and rejects the whole fly.toml"

// typeProblem reports a value of the wrong type. hint, if any, says how to
// write it.
func (d *decoder) typeProblem(e *entry, path, want, consequence, hint string) {
	msg := fmt.Sprintf("%s must be %s, not %s; %s.", keyAsWritten(path), want, describe(e.val), consequence)
	if hint != "" {
		msg += " " + hint
	}
	d.report(Problem{Kind: ProblemType, Path: path, Range: e.val.rng, Message: msg})
}

// describe names a value's type for messages, quoting short scalars.
func describe(v *value) string {
	article := map[Kind]string{
		KindString: "a string", KindInt: "an integer", KindFloat: "a float", KindBool: "a boolean",
		KindDatetime: "a date", KindArray: "an array", KindTable: "a table",
	}[v.kind]
	switch v.kind {
	case KindString:
		if len(v.text) <= 40 {
			return fmt.Sprintf("%s (%q)", article, v.text)
		}
	case KindInt, KindFloat, KindBool:
		if len(v.text) <= 40 {
			return fmt.Sprintf("%s (%s)", article, v.text)
		}
	}
	return article
}

func fieldOf[T any](e *entry) Field[T] {
	return Field[T]{Set: true, Kind: e.val.kind, Key: e.key, Value: e.val.rng}
}

func (d *decoder) str(e *entry, path string) Field[string] {
	if e == nil {
		return Field[string]{}
	}
	f := fieldOf[string](e)
	if e.val.kind != KindString {
		hint := ""
		if isScalar(e.val) {
			hint = fmt.Sprintf("Quote it: %s = %q.", e.name, e.val.text)
		}
		d.typeProblem(e, path, "a string", rejected, hint)
		return f
	}
	f.V, f.OK = e.val.text, true
	return f
}

// text reads a value flyctl turns into a string with fmt's %v (env
// values, vm memory, mount initial_size).
func (d *decoder) text(e *entry, path string) Field[string] {
	if e == nil {
		return Field[string]{}
	}
	f := fieldOf[string](e)
	s, ok := scalarText(e.val)
	if !ok {
		d.typeProblem(e, path, "a string", "flyctl would use Go's printed form of it", "")
		return f
	}
	f.V, f.OK = s, true
	return f
}

// scalarText is a scalar as flyctl prints it with %v.
func scalarText(v *value) (string, bool) {
	switch v.kind {
	case KindString:
		return v.text, true
	case KindInt:
		return strconv.FormatInt(v.i, 10), true
	case KindFloat:
		return strconv.FormatFloat(v.f, 'g', -1, 64), true
	case KindBool, KindDatetime:
		return v.text, true
	}
	return "", false
}

func isScalar(v *value) bool { return v.kind != KindArray && v.kind != KindTable }

// integer reads an int field. Floats with no fraction pass, as they do
// through flyctl's JSON round trip; strings do not.
func (d *decoder) integer(e *entry, path string) Field[int] {
	if e == nil {
		return Field[int]{}
	}
	f := fieldOf[int](e)
	if n, ok := intOf(e.val); ok {
		f.V, f.OK = n, true
		return f
	}
	hint := ""
	if e.val.kind == KindString {
		if n, err := strconv.Atoi(strings.TrimSpace(e.val.text)); err == nil {
			hint = fmt.Sprintf("Remove the quotes: %s = %d.", e.name, n)
		}
	}
	d.typeProblem(e, path, "an integer", rejected, hint)
	return f
}

func intOf(v *value) (int, bool) {
	switch v.kind {
	case KindInt:
		return int(v.i), true
	case KindFloat:
		if v.f == math.Trunc(v.f) && math.Abs(v.f) < 1<<53 {
			return int(v.f), true
		}
	}
	return 0, false
}

// port reads [[services]] internal_port and ports.port, which flyctl's
// patches convert from strings and floats before decoding.
func (d *decoder) port(e *entry, path string) Field[int] {
	if e == nil {
		return Field[int]{}
	}
	f := fieldOf[int](e)
	switch e.val.kind {
	case KindInt:
		f.V, f.OK = int(e.val.i), true
	case KindFloat:
		if !math.IsNaN(e.val.f) && !math.IsInf(e.val.f, 0) && math.Abs(e.val.f) < 1<<53 {
			f.V, f.OK = int(e.val.f), true
		} else {
			d.typeProblem(e, path, "an integer", rejected, "")
		}
	case KindString:
		n, err := strconv.Atoi(e.val.text)
		if err != nil {
			d.typeProblem(e, path, "an integer", rejected, "")
			return f
		}
		f.V, f.OK = n, true
		d.report(Problem{Kind: ProblemCoerced, Code: CodePortAsString, Path: path, Range: e.val.rng,
			Message: fmt.Sprintf("%s is the string %q; flyctl converts it to the number %d, but other tools may not. Remove the quotes: %s = %d.",
				keyAsWritten(path), e.val.text, n, e.name, n)})
	default:
		d.typeProblem(e, path, "an integer", rejected, "")
	}
	return f
}

func (d *decoder) boolean(e *entry, path string) Field[bool] {
	if e == nil {
		return Field[bool]{}
	}
	f := fieldOf[bool](e)
	if e.val.kind != KindBool {
		hint := ""
		if e.val.kind == KindString && (e.val.text == "true" || e.val.text == "false") {
			hint = fmt.Sprintf("Remove the quotes: %s = %s.", e.name, e.val.text)
		}
		d.typeProblem(e, path, "a boolean (true or false)", rejected, hint)
		return f
	}
	f.V, f.OK = e.val.b, true
	return f
}

func (d *decoder) float(e *entry, path string) Field[float64] {
	if e == nil {
		return Field[float64]{}
	}
	f := fieldOf[float64](e)
	switch e.val.kind {
	case KindInt:
		f.V, f.OK = float64(e.val.i), true
	case KindFloat:
		f.V, f.OK = e.val.f, true
	default:
		d.typeProblem(e, path, "a number", rejected, "")
	}
	return f
}

// autostop reads auto_stop_machines: a boolean, or "off", "stop" or
// "suspend" (fly-go's MachineAutostop).
func (d *decoder) autostop(e *entry, path string) Field[string] {
	if e == nil {
		return Field[string]{}
	}
	f := fieldOf[string](e)
	switch {
	case e.val.kind == KindBool && e.val.b:
		f.V, f.OK = "stop", true
	case e.val.kind == KindBool:
		f.V, f.OK = "off", true
	case e.val.kind == KindString && (e.val.text == "off" || e.val.text == "stop" || e.val.text == "suspend"):
		f.V, f.OK = e.val.text, true
	default:
		d.typeProblem(e, path, `"off", "stop", "suspend", true or false`, rejected, "")
	}
	return f
}

// durationUnit says how flyctl reads a bare number for one duration key.
type durationUnit struct {
	unit time.Duration
	// patched: flyctl's patches convert the key before decoding, and drop
	// values of other types instead of failing.
	patched bool
}

var (
	// Check intervals, timeouts and grace periods in [[services]] checks and
	// [checks] go through patches.go's _castDuration in milliseconds.
	inMillis = durationUnit{time.Millisecond, true}
	// kill_timeout goes through _castDuration in seconds.
	inSeconds = durationUnit{time.Second, true}
	// Everything else decodes straight into fly-go's Duration, which takes
	// a bare number as nanoseconds.
	inNanos = durationUnit{time.Nanosecond, false}
)

func (d *decoder) duration(e *entry, path string, u durationUnit) Duration {
	if e == nil {
		return Duration{}
	}
	f := fieldOf[time.Duration](e)
	v := e.val
	switch v.kind {
	case KindString:
		if v.text == "" {
			// _castDuration turns "" into no value at all.
			f.OK = true
			return f
		}
		dur, err := time.ParseDuration(v.text)
		if err != nil {
			d.typeProblem(e, path, `a duration such as "10s" or "1m30s"`, rejected, "")
			return f
		}
		f.V, f.OK = dur, true
	case KindInt, KindFloat:
		n := v.i
		if v.kind == KindFloat {
			n = int64(v.f)
		}
		f.V, f.OK = time.Duration(n)*u.unit, true
		if !u.patched && n != 0 {
			d.report(Problem{Kind: ProblemCoerced, Code: CodeNanoseconds, Path: path, Range: v.rng,
				Message: fmt.Sprintf("%s = %s is read by flyctl as %s nanoseconds (%v), because only check durations in [[services]] and [checks] take bare numbers as milliseconds. Write a duration string such as %s = \"10s\".",
					path, v.text, v.text, f.V, e.name)})
		}
	default:
		consequence := rejected
		if u.patched {
			consequence = "flyctl ignores it"
		}
		d.typeProblem(e, path, `a duration such as "10s"`, consequence, "")
	}
	return f
}

// strings reads a list of strings. loneString allows one string, which
// flyctl turns into a one-element list ([experimental] cmd and friends).
func (d *decoder) strings(e *entry, path string, loneString bool) Strings {
	if e == nil {
		return Strings{}
	}
	s := Strings{Field: fieldOf[[]string](e)}
	v := e.val
	switch {
	case v.kind == KindString && loneString:
		s.V, s.OK = []string{v.text}, true
		s.Elems = []source.Range{v.rng}
	case v.kind == KindArray:
		list := make([]string, 0, len(v.elems))
		for _, el := range v.elems {
			if el.kind != KindString {
				d.typeProblem(&entry{name: e.name, key: e.key, val: el}, path,
					"a list of strings", rejected, "Quote every element.")
				return Strings{Field: fieldOf[[]string](e)}
			}
			list = append(list, el.text)
			s.Elems = append(s.Elems, el.rng)
		}
		s.V, s.OK = list, true
	default:
		hint := ""
		if v.kind == KindString {
			hint = fmt.Sprintf("Write a list: %s = [%q].", e.name, v.text)
		}
		d.typeProblem(e, path, "a list of strings", rejected, hint)
	}
	return s
}

// tables returns the tables of a key that holds one table or an array of
// them: flyctl's ensureArrayOfMap accepts both where single says so.
func (d *decoder) tables(e *entry, path string, single bool) []*value {
	if e == nil {
		return nil
	}
	v := e.val
	if v.kind == KindTable && single {
		return []*value{v}
	}
	if v.kind != KindArray {
		want := "an array of tables ([[" + path + "]])"
		if single {
			want = "a table or an array of tables"
		}
		d.typeProblem(e, path, want, rejected, "")
		return nil
	}
	for _, el := range v.elems {
		if el.kind != KindTable {
			d.typeProblem(&entry{name: e.name, key: e.key, val: el}, path, "an array of tables", rejected, "")
			return nil
		}
	}
	return v.elems
}

// table returns a key's table, or reports that it is not one.
func (d *decoder) table(e *entry, path string) *value {
	if e == nil {
		return nil
	}
	if e.val.kind != KindTable {
		d.typeProblem(e, path, "a table (["+path+"] or an inline { ... })", rejected, "")
		return nil
	}
	return e.val
}

// sectionOf is where a table starts: a header, or the key of a dotted or
// inline table. e is the key holding v, if any: an inline table inside an
// array has no key of its own and starts at its brace.
func sectionOf(e *entry, v *value) Section {
	if e != nil && v.inline && e.val == v {
		return Section{Header: e.key}
	}
	return Section{Header: v.rng}
}

// checkKeys reports keys the schema does not know and checks the types of
// the ones no reader models.
func (d *decoder) checkKeys(t *table, path string, known schema) {
	for _, e := range t.entries {
		p := joinPath(path, e.name)
		sp, ok := known[e.name]
		if !ok {
			d.unknown(e, p, path, known)
			continue
		}
		switch sp.t {
		case expString:
			d.str(e, p)
		case expInt:
			d.integer(e, p)
		case expFloat:
			d.float(e, p)
		case expBool:
			d.boolean(e, p)
		case expStrings:
			d.strings(e, p, false)
		case expMap:
			d.table(e, p)
		case expTable:
			if v := d.table(e, p); v != nil {
				d.checkKeys(v.tbl, p, sp.sub)
			}
		case expTables:
			for i, v := range d.tables(e, p, true) {
				d.checkKeys(v.tbl, indexPath(p, i, e), sp.sub)
			}
		}
	}
}

func (d *decoder) unknown(e *entry, path, section string, known schema) {
	if section != "" && d.misplacedTopLevel(e, path, section) {
		return
	}
	s := suggest(e.name, known)
	where := "at the top level"
	if section != "" {
		where = "in " + sectionAsWritten(section)
	}
	msg := fmt.Sprintf("%q is not a key flyctl knows %s, so it has no effect.", e.name, where)
	if s != "" {
		msg += fmt.Sprintf(" Did you mean %q?", s)
	}
	if e.name == "port" && strings.Contains(section, "checks") && !strings.HasPrefix(section, "checks") {
		msg += " Checks inside a service always probe the service's internal_port; use a top-level [checks.<name>] for another port."
	}
	d.report(Problem{Kind: ProblemUnknownKey, Path: path, Range: e.key, Message: msg, Suggestion: s})
}

// misplacedTopLevel reports a top-level key (kill_signal,
// primary_region, ...) written after a table header: TOML puts every key
// below a header into that table, so flyctl never sees it where it
// belongs. It returns false, reporting nothing, for other keys.
func (d *decoder) misplacedTopLevel(e *entry, path, section string) bool {
	if _, top := topKeys[e.name]; !top || e.val.kind == KindTable || e.val.kind == KindArray && e.val.headers {
		return false
	}
	if d.root.get(e.name) != nil {
		// Also set at the top level: this one is a duplicate, not a
		// misplaced setting; the plain unknown-key message fits.
		return false
	}
	first, ok := d.firstHeader()
	if !ok || first.Line >= e.key.Start.Line {
		return false
	}
	d.report(Problem{Kind: ProblemUnknownKey, Code: CodeMisplacedTopLevel, Path: path, Range: e.key,
		MoveTo: source.Pos{Line: first.Line, Col: 1},
		Message: fmt.Sprintf("%q is a top-level key, but it is written below the header of %s, so TOML puts it in that table and flyctl never reads it: the setting has no effect. Move it above the first table header (line %d).",
			e.name, sectionAsWritten(section), first.Line)})
	return true
}

// firstHeader is where the file's first table header ([x] or [[x]]) is.
func (d *decoder) firstHeader() (source.Pos, bool) {
	var first source.Pos
	for _, e := range d.root.entries {
		v := e.val
		var at source.Range
		switch {
		case v.kind == KindTable && !v.inline && e.kind == entryTable:
			at = v.rng
		case v.kind == KindArray && v.headers && len(v.elems) > 0:
			at = v.elems[0].rng
		default:
			continue
		}
		if at.Start.IsValid() && (!first.IsValid() || at.Start.Line < first.Line) {
			first = at.Start
		}
	}
	return first, first.IsValid()
}

// sectionAsWritten names a table as the file writes its header, from the
// indexed path the decoder uses: "services[0].ports[1]" is
// [[services.ports]], "http_service.concurrency" is
// [http_service.concurrency].
func sectionAsWritten(path string) string {
	name, array := unindexed(path)
	if array {
		return "[[" + name + "]]"
	}
	return "[" + name + "]"
}

// keyAsWritten names a key for messages: the key and, below the top
// level, the table it is in as written ("port in [[services.ports]]").
func keyAsWritten(path string) string {
	i := strings.LastIndexByte(path, '.')
	if i < 0 || strings.ContainsRune(path[i:], ']') {
		return path
	}
	return path[i+1:] + " in " + sectionAsWritten(path[:i])
}

// unindexed drops the [i] of each array element from path, and says
// whether its last table is an array element.
func unindexed(path string) (string, bool) {
	var b strings.Builder
	array := false
	for j := 0; j < len(path); j++ {
		if path[j] == '[' {
			k := strings.IndexByte(path[j:], ']')
			if k < 0 {
				break
			}
			array = true
			j += k
			continue
		}
		if path[j] == '.' {
			array = false
		}
		b.WriteByte(path[j])
	}
	return b.String(), array
}

func joinPath(a, b string) string {
	if a == "" {
		return b
	}
	return a + "." + b
}

// indexPath names the i-th table of an array, or the table itself when the
// key holds a single table.
func indexPath(path string, i int, e *entry) string {
	if e.val.kind == KindTable {
		return path
	}
	return fmt.Sprintf("%s[%d]", path, i)
}
