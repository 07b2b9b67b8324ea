package dockerfile

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/parser"

	"github.com/flylint-dev/flylint/internal/listen"
	"github.com/flylint-dev/flylint/internal/source"
)

// Parse reads a Dockerfile. path is used only in positions. It returns
// *SyntaxError (exact line, and column where it can be known) for what
// `docker build` would reject at parse time.
func Parse(path string, data []byte) (f *File, err error) {
	// buildkit is not written for hostile input; a panic in it must not
	// take flylint down. FuzzParse fails on this error, so it is not a
	// place for bugs to hide.
	defer func() {
		if r := recover(); r != nil {
			f, err = nil, fmt.Errorf("%s: internal error reading the Dockerfile: %v", path, r)
		}
	}()
	t := newText(path, data)
	if bytes.HasPrefix(data, []byte("\xff\xfe")) || bytes.HasPrefix(data, []byte("\xfe\xff")) {
		// buildkit would report an unknown instruction made of the BOM
		// and NUL bytes, which hides the real problem: the encoding.
		return nil, &SyntaxError{
			Range:   t.rng(0, 2),
			Message: "The Dockerfile is encoded as UTF-16 (it starts with a UTF-16 byte order mark); docker build reads Dockerfiles as UTF-8 and rejects it. Save it as UTF-8.",
		}
	}
	res, perr := parser.Parse(bytes.NewReader(data))
	if perr != nil {
		return nil, t.parserError(perr)
	}
	f = &File{Path: path, Escape: res.EscapeToken, text: t}
	p := &fileParser{f: f, t: t, escape: byte(res.EscapeToken), names: map[string]*Stage{}}
	for _, n := range res.AST.Children {
		if err := p.node(n); err != nil {
			return nil, err
		}
	}
	if len(f.Stages) == 0 {
		return nil, &SyntaxError{
			Range:   t.rng(0, 0),
			Message: "The Dockerfile has no FROM instruction, so docker build has no stage to build; start it with FROM <image>.",
		}
	}
	if len(p.blankLines) == 0 {
		// buildkit found an empty continuation line that the line
		// reconstruction did not; keep its word and its line.
		for _, w := range res.Warnings {
			if w.Location != nil {
				r := t.linesRange(w.Location.Start.Line, w.Location.Start.Line)
				f.Problems = append(f.Problems, Problem{Range: r, Message: emptyContinuationMessage})
			}
		}
	}
	f.evaluateStages()
	return f, nil
}

const emptyContinuationMessage = "Empty line inside a continued instruction: docker build warns that empty continuation lines will become errors; remove the line or end the instruction before it."

// fileParser holds the state of one pass over buildkit's AST.
type fileParser struct {
	f          *File
	t          *text
	escape     byte
	cur        *Stage
	names      map[string]*Stage // first stage of each name
	blankLines []int
}

// nodeText is one instruction with the map from its logical text to the
// file. exact is false when the rebuilt text differs from buildkit's (it
// should not); positions then fall back to the whole instruction.
type nodeText struct {
	t     *text
	ll    logicalLine
	exact bool
	args  int // start of the arguments in ll.text; -1 when none
	whole source.Range
}

func (nt *nodeText) span(start, end int) source.Range {
	if !nt.exact || start < 0 || end > len(nt.ll.text) || start > end {
		return nt.whole
	}
	return nt.t.logicalRange(&nt.ll, start, end)
}

// argsText is the instruction's arguments as buildkit sees them.
func (nt *nodeText) argsText() string {
	if !nt.exact || nt.args < 0 || nt.args > len(nt.ll.text) {
		return ""
	}
	return strings.TrimRightFunc(nt.ll.text[nt.args:], isSpace)
}

func (p *fileParser) node(n *parser.Node) error {
	cmd, err := instructions.ParseInstruction(n)
	if err != nil {
		return p.t.nodeError(n, err)
	}
	ll := p.t.logical(n.StartLine, p.escape)
	nt := &nodeText{
		t:     p.t,
		ll:    ll,
		exact: ll.text == n.Original,
		args:  argsStart(ll.text, p.escape),
		whole: p.t.linesRange(n.StartLine, n.EndLine),
	}
	for _, b := range ll.blank {
		p.blankLines = append(p.blankLines, b)
		s, _ := p.t.lineContent(b)
		_, e := p.t.lineContent(b)
		p.f.Problems = append(p.f.Problems, Problem{Range: p.t.rng(s, e), Message: emptyContinuationMessage})
	}

	if st, ok := cmd.(*instructions.Stage); ok {
		p.stage(st, nt)
		return nil
	}
	if p.cur == nil {
		if a, ok := cmd.(*instructions.ArgCommand); ok {
			p.f.MetaArgs = append(p.f.MetaArgs, p.args(a, nt)...)
			return nil
		}
		return &SyntaxError{
			Range:   nt.whole,
			Message: fmt.Sprintf("%s comes before any FROM: docker build rejects it (\"no build stage in current context\"); only ARG may precede the first FROM.", strings.ToUpper(n.Value)),
		}
	}
	st := p.cur
	switch c := cmd.(type) {
	case *instructions.ArgCommand:
		args := p.args(c, nt)
		st.Args = append(st.Args, args...)
		st.ops = append(st.ops, op{kind: opArg, args: args})
	case *instructions.EnvCommand:
		st.ops = append(st.ops, op{kind: opEnv, env: p.env(c, nt)})
	case *instructions.ExposeCommand:
		st.ops = append(st.ops, op{kind: opExpose, expose: p.expose(n, nt)})
	case *instructions.WorkdirCommand:
		st.ops = append(st.ops, op{kind: opWorkdir, text: c.Path, rng: nt.whole})
	case *instructions.ShellCommand:
		st.ops = append(st.ops, op{kind: opShell, shell: c.Shell})
	case *instructions.CmdCommand:
		in := p.instruction(n, nt, c.ShellDependantCmdLine, "Dockerfile CMD")
		st.Cmd = in
		st.ops = append(st.ops, op{kind: opCmd, inst: in})
	case *instructions.EntrypointCommand:
		in := p.instruction(n, nt, c.ShellDependantCmdLine, "Dockerfile ENTRYPOINT")
		st.Entrypoint = in
		st.ops = append(st.ops, op{kind: opEntrypoint, inst: in})
	case *instructions.RunCommand:
		st.Runs = append(st.Runs, p.instruction(n, nt, c.ShellDependantCmdLine, "Dockerfile RUN"))
	case *instructions.CopyCommand:
		cp := &Copy{From: c.From, Sources: c.SourcePaths, Dest: c.DestPath, Range: nt.whole}
		st.Copies = append(st.Copies, cp)
		st.ops = append(st.ops, op{kind: opCopy, copy: cp})
	case *instructions.AddCommand:
		cp := &Copy{Sources: c.SourcePaths, Dest: c.DestPath, Range: nt.whole}
		st.Copies = append(st.Copies, cp)
		st.ops = append(st.ops, op{kind: opCopy, copy: cp})
	}
	return nil
}

func (p *fileParser) stage(c *instructions.Stage, nt *nodeText) {
	st := &Stage{
		Index:   len(p.f.Stages),
		Name:    c.Name,
		From:    nt.whole,
		baseRaw: c.BaseName,
	}
	if c.Name != "" {
		if prev, ok := p.names[c.Name]; ok {
			p.f.Problems = append(p.f.Problems, Problem{
				Range:   nt.whole,
				Message: fmt.Sprintf("Stage name %q is already used at line %d: FROM and --target pick the later one; give each stage its own name.", c.Name, prev.From.Start.Line),
			})
		} else {
			p.names[c.Name] = st
		}
	}
	p.f.Stages = append(p.f.Stages, st)
	p.cur = st
}

// args turns an ARG instruction into Args, each with the range of its
// NAME or NAME=default word.
func (p *fileParser) args(c *instructions.ArgCommand, nt *nodeText) []*Arg {
	rest := nt.argsText()
	spans := wordSpans(rest, rune(p.escape))
	out := make([]*Arg, 0, len(c.Args))
	for i, kv := range c.Args {
		a := &Arg{Name: kv.Key, Range: nt.whole}
		want := kv.Key
		if kv.Value != nil {
			a.Default, a.HasDef = *kv.Value, true
			want += "=" + *kv.Value
		}
		if len(spans) == len(c.Args) && rest[spans[i][0]:spans[i][1]] == want {
			a.Range = nt.span(nt.args+spans[i][0], nt.args+spans[i][1])
		}
		out = append(out, a)
	}
	return out
}

// env keeps an ENV instruction's pairs as written; values are expanded
// when a build is evaluated.
func (p *fileParser) env(c *instructions.EnvCommand, nt *nodeText) []envRaw {
	rest := nt.argsText()
	out := make([]envRaw, 0, len(c.Env))
	if len(c.Env) == 1 && c.Env[0].NoDelim {
		// legacy "ENV NAME value": the whole argument text
		return append(out, envRaw{key: c.Env[0].Key, value: c.Env[0].Value, rng: nt.span(nt.args, nt.args+len(rest))})
	}
	spans := wordSpans(rest, rune(p.escape))
	for i, kv := range c.Env {
		r := nt.whole
		if len(spans) == len(c.Env) && rest[spans[i][0]:spans[i][1]] == kv.Key+"="+kv.Value {
			r = nt.span(nt.args+spans[i][0], nt.args+spans[i][1])
		}
		out = append(out, envRaw{key: kv.Key, value: kv.Value, rng: r})
	}
	return out
}

// expose keeps EXPOSE arguments in the order written (buildkit's
// ExposeCommand sorts them), each with its own range.
func (p *fileParser) expose(n *parser.Node, nt *nodeText) []exposeRaw {
	var words []string
	for a := n.Next; a != nil; a = a.Next {
		words = append(words, a.Value)
	}
	rest := nt.argsText()
	spans := wordSpansWhitespace(rest)
	out := make([]exposeRaw, 0, len(words))
	for i, w := range words {
		r := nt.whole
		if len(spans) == len(words) && rest[spans[i][0]:spans[i][1]] == w {
			r = nt.span(nt.args+spans[i][0], nt.args+spans[i][1])
		}
		out = append(out, exposeRaw{text: w, rng: r})
	}
	return out
}

// wordSpansWhitespace mirrors parseStringsWhitespaceDelimited.
func wordSpansWhitespace(s string) [][2]int {
	var spans [][2]int
	start := 0
	for {
		sepStart, sepEnd := whitespaceRun(s, start)
		if sepStart < 0 {
			return append(spans, [2]int{start, len(s)})
		}
		spans = append(spans, [2]int{start, sepStart})
		start = sepEnd
	}
}

// instruction builds a CMD, ENTRYPOINT or RUN with buildkit's text and
// positions computed from the file.
func (p *fileParser) instruction(n *parser.Node, nt *nodeText, cl instructions.ShellDependantCmdLine, origin string) *Instruction {
	in := &Instruction{Range: nt.whole, Command: listen.Command{Shell: cl.PrependShell, Origin: origin}}
	rest := nt.argsText()
	if cl.PrependShell {
		if len(cl.CmdLine) > 0 {
			script := cl.CmdLine[0]
			r := nt.whole
			if rest == script {
				r = nt.span(nt.args, nt.args+len(script))
			}
			in.Command.Args = []listen.Arg{{Text: script, Range: r}}
		}
	} else {
		spans, ok := jsonStringSpans(rest)
		ok = ok && len(spans) == len(cl.CmdLine)
		for i, a := range cl.CmdLine {
			r := nt.whole
			if ok && jsonDecodes(rest[spans[i][0]-1:spans[i][1]+1], a) {
				r = nt.span(nt.args+spans[i][0], nt.args+spans[i][1])
			}
			in.Command.Args = append(in.Command.Args, listen.Arg{Text: a, Range: r})
		}
	}
	in.Heredocs = p.heredocs(n, nt)
	return in
}

func jsonDecodes(quoted, want string) bool {
	var s string
	return json.Unmarshal([]byte(quoted), &s) == nil && s == want
}

// heredocs places each here-document body: bodies follow the instruction
// line in order, each ended by its terminator line.
func (p *fileParser) heredocs(n *parser.Node, nt *nodeText) []Heredoc {
	if len(n.Heredocs) == 0 {
		return nil
	}
	out := make([]Heredoc, 0, len(n.Heredocs))
	line := nt.ll.endLine + 1
	for _, h := range n.Heredocs {
		count := strings.Count(h.Content, "\n")
		hd := Heredoc{Name: h.Name, Content: h.Content, Range: nt.whole}
		if nt.exact && line+count <= n.EndLine {
			s, _ := p.t.lineSpan(line)
			e, _ := p.t.lineSpan(line + count)
			hd.Range = p.t.rng(s, e)
		}
		line += count + 1
		out = append(out, hd)
	}
	return out
}

// parserError turns an error of parser.Parse into a SyntaxError.
func (t *text) parserError(err error) *SyntaxError {
	msg := err.Error()
	switch {
	case strings.Contains(msg, "file with no instructions"):
		return &SyntaxError{
			Range:   t.rng(0, 0),
			Message: "The Dockerfile has no FROM instruction (it is empty or holds only comments and directives), so docker build rejects it; start it with FROM <image>.",
		}
	case strings.Contains(msg, "max allowed size"):
		// bufio.Scanner gives up on a line (newline included) longer than
		// bufio.MaxScanTokenSize; find it rather than trust the count of
		// lines read before it.
		for i := 1; i <= len(t.nl); i++ {
			s, e := t.lineSpan(i)
			if e-s > maxLine {
				_, ce := t.lineContent(i)
				return &SyntaxError{
					Range:   t.rng(s, ce),
					Message: fmt.Sprintf("Line %d is %d bytes long, more than docker build accepts (%d): it rejects the Dockerfile; split the line with %c continuations.", i, ce-s, maxLine-1, '\\'),
				}
			}
		}
	}
	line, end := locationLines(err)
	return &SyntaxError{Range: t.errorRange(line, end), Message: rejects(msg)}
}

const maxLine = 64 * 1024 // bufio.MaxScanTokenSize

// nodeError turns an error of instructions.ParseInstruction into a
// SyntaxError, at the keyword for an unknown instruction.
func (t *text) nodeError(n *parser.Node, err error) *SyntaxError {
	var unknown *instructions.UnknownInstructionError
	if errors.As(err, &unknown) {
		r := t.linesRange(n.StartLine, n.StartLine)
		s := r.Start.Offset
		e := s
		for e < len(t.data) && e-s < len(n.Value) {
			e++
		}
		return &SyntaxError{
			Range:   t.rng(s, e),
			Message: fmt.Sprintf("Unknown instruction %s: docker build rejects the Dockerfile at this line (%s).", printable(n.Value), printable(err.Error())),
		}
	}
	line, end := locationLines(err)
	if line == 0 {
		line, end = n.StartLine, n.EndLine
	}
	return &SyntaxError{Range: t.errorRange(line, end), Message: rejects(err.Error())}
}

// printable quotes s when it holds control bytes or invalid UTF-8 (a
// binary file read as a Dockerfile), so that the message cannot garble a
// terminal or a CI log.
func printable(s string) string {
	if !utf8.ValidString(s) || strings.ContainsFunc(s, unicode.IsControl) {
		return strconv.QuoteToGraphic(s)
	}
	return s
}

func rejects(msg string) string {
	return "docker build rejects this instruction: " + printable(msg) + "."
}

func locationLines(err error) (int, int) {
	var le *parser.LocationError
	if !errors.As(err, &le) || len(le.Locations) == 0 || len(le.Locations[0]) == 0 {
		return 0, 0
	}
	loc := le.Locations[0]
	return loc[0].Start.Line, loc[len(loc)-1].End.Line
}

func (t *text) errorRange(line, end int) source.Range {
	if line < 1 {
		line = 1
	}
	if line > len(t.nl) {
		line = len(t.nl)
	}
	if end < line {
		end = line
	}
	if end > len(t.nl) {
		end = len(t.nl)
	}
	return t.linesRange(line, end)
}
