package exconfig

import (
	"errors"
	"fmt"
	"strings"
)

// NodeKind is the shape of an expression.
type NodeKind int

const (
	NInt NodeKind = iota
	NFloat
	NString // Parts: literal text and interpolations
	NChars
	NSigil
	NAtom
	NBool
	NNil
	NVar    // Name
	NAlias  // Name: "Foo.Bar"
	NCall   // Name(Args), Recv set for Mod.fun / expr.fun
	NList   // Args; a keyword pair is an NPair
	NTuple  // Args
	NMap    // Args (pairs or => entries), opaque to evaluation
	NPair   // Name: Args[0] (a keyword pair, Name is the key)
	NBinary // Args[0] Op Args[1]
	NUnary  // Op Args[0]
	NFn     // fn ... end, opaque
	NAccess // Args[0][Args[1]]
)

// Node is one parsed expression. Start and End are byte offsets.
type Node struct {
	Kind       NodeKind
	Name       string
	Op         string
	Int        int64
	Args       []*Node
	Recv       *Node
	Parts      []Part // NString
	Quoted     bool   // a quoted atom or keyword key, possibly interpolated
	Do, Else   []*Node
	HasDo      bool
	Start, End int
	KeyEnd     int // NPair: end of the key
	SigilMods  string
}

// Part is a piece of a string: Lit, or an interpolated expression.
type Part struct {
	Lit  string
	Expr *Node
}

type parser struct {
	src   []byte
	toks  []token
	i     int
	nlOK  []bool // per nesting level: newlines are whitespace there
	depth int
	// bare counts the calls without parentheses being read: a do block
	// belongs to the outermost of them (`if System.get_env("X") do`).
	bare int
}

// Parse reads a whole file into its top-level expressions.
func Parse(src []byte) ([]*Node, error) {
	if len(src) > MaxFileLen {
		return nil, &Error{0, fmt.Sprintf("file larger than %d bytes", MaxFileLen)}
	}
	count := 0
	toks, _, err := lex(src, 0, len(src), &count, 0, false)
	if err != nil {
		return nil, err
	}
	return parseTokens(src, toks, len(src), 0)
}

// parseTokens parses toks, which the lexer read from src up to end.
func parseTokens(src []byte, toks []token, end, depth int) ([]*Node, error) {
	toks = append(toks, token{kind: tEOF, start: end, end: end})
	p := &parser{src: src, toks: toks, depth: depth}
	return p.block(func(t token) bool { return t.kind == tEOF })
}

type parseError struct{ e *Error }

func (p *parser) fail(off int, format string, a ...any) {
	panic(parseError{&Error{off, fmt.Sprintf(format, a...)}})
}

func (p *parser) skipNL() bool { return len(p.nlOK) > 0 && p.nlOK[len(p.nlOK)-1] }

func (p *parser) peek() token {
	for p.toks[p.i].kind == tNewline && p.skipNL() {
		p.i++
	}
	return p.toks[p.i]
}

func (p *parser) next() token {
	t := p.peek()
	if t.kind != tEOF {
		p.i++
	}
	return t
}

func (p *parser) eatNL() {
	for p.toks[p.i].kind == tNewline {
		p.i++
	}
}

func (p *parser) isOp(t token, s string) bool { return t.kind == tOp && t.text == s }
func isKw(t token, s string) bool             { return t.kind == tIdent && t.text == s }

func (p *parser) expect(s string) token {
	t := p.next()
	if !p.isOp(t, s) {
		p.fail(t.start, "expected %q", s)
	}
	return t
}

func (p *parser) push(nl bool) {
	p.enter()
	p.nlOK = append(p.nlOK, nl)
}

func (p *parser) pop() {
	p.depth--
	p.nlOK = p.nlOK[:len(p.nlOK)-1]
}

// enter counts one level of recursion: the parser recurses per bracket,
// operand and block, and the input is untrusted.
func (p *parser) enter() {
	p.depth++
	if p.depth > MaxNesting {
		p.fail(p.toks[p.i].start, "nested deeper than %d", MaxNesting)
	}
}

func (p *parser) block(stop func(token) bool) (out []*Node, err error) {
	defer func() {
		if r := recover(); r != nil {
			pe, ok := r.(parseError)
			if !ok {
				panic(r)
			}
			err = pe.e
		}
	}()
	return p.stmts(stop), nil
}

// stmts reads expressions separated by newlines until stop.
func (p *parser) stmts(stop func(token) bool) []*Node {
	return p.stmtsSep(stop, false)
}

// stmtsSep reads statements; in a fn, commas separate a clause's
// parameters, and "->" may open a clause with none.
func (p *parser) stmtsSep(stop func(token) bool, fn bool) []*Node {
	p.push(false)
	saved := p.bare
	p.bare = 0
	defer func() { p.bare = saved; p.pop() }()
	var out []*Node
	for {
		p.eatNL()
		t := p.peek()
		if stop(t) {
			return out
		}
		if t.kind == tEOF {
			p.fail(t.start, "unexpected end of file")
		}
		if fn && p.isOp(t, "->") {
			p.next()
			continue
		}
		out = append(out, p.expr(0))
		t = p.peek()
		if fn && p.isOp(t, ",") {
			p.next()
			continue
		}
		if t.kind != tNewline && !stop(t) {
			p.fail(t.start, "unexpected %s", describe(t))
		}
	}
}

func describe(t token) string {
	switch t.kind {
	case tEOF:
		return "end of file"
	case tNewline:
		return "newline"
	case tKwKey:
		return fmt.Sprintf("%q", t.text+":")
	}
	return fmt.Sprintf("%q", t.text)
}

// binary operators: precedence (higher binds tighter) and right
// associativity, from Elixir's operator table
// (https://hexdocs.pm/elixir/1.18/operators.html).
var binOps = map[string]struct {
	prec  int
	right bool
}{
	"->": {1, true}, "<-": {2, false}, "\\\\": {2, false}, "when": {3, true}, "::": {4, true}, "|": {5, true},
	"=>": {6, true}, "=": {7, true}, "||": {8, false}, "|||": {8, false}, "or": {8, false},
	"&&": {9, false}, "&&&": {9, false}, "and": {9, false},
	"==": {10, false}, "!=": {10, false}, "=~": {10, false}, "===": {10, false}, "!==": {10, false},
	"<": {11, false}, ">": {11, false}, "<=": {11, false}, ">=": {11, false},
	"|>": {12, false}, "<<<": {12, false}, ">>>": {12, false}, "<<~": {12, false}, "~>>": {12, false},
	"<~": {12, false}, "~>": {12, false}, "<~>": {12, false},
	"in": {13, false}, "^^^": {14, false}, "//": {15, true},
	"++": {16, true}, "--": {16, true}, "+++": {16, true}, "---": {16, true}, "..": {16, true}, "<>": {16, true},
	"+": {17, false}, "-": {17, false}, "*": {18, false}, "/": {18, false},
}

const (
	precUnary   = 19
	precCapture = 6 // & binds looser than everything but the clause operators
)

func (p *parser) binOp(t token) (string, bool) {
	switch t.kind {
	case tOp:
		if _, ok := binOps[t.text]; ok {
			return t.text, true
		}
	case tIdent:
		switch t.text {
		case "when", "or", "and", "in":
			return t.text, true
		case "not":
			// "not in"
			if n := p.toks[p.i+1]; n.kind == tIdent && n.text == "in" {
				return "not in", true
			}
		}
	}
	return "", false
}

func (p *parser) expr(minPrec int) *Node {
	p.enter()
	defer func() { p.depth-- }()
	left := p.unary()
	for {
		t := p.peek()
		if t.kind == tNewline {
			// A pipeline may lead with |> on the next line.
			j := p.i
			for p.toks[j].kind == tNewline {
				j++
			}
			if p.isOp(p.toks[j], "|>") && binOps["|>"].prec >= minPrec {
				p.i = j
				t = p.toks[j]
			}
		}
		op, ok := p.binOp(t)
		if !ok {
			return left
		}
		info := binOps[op]
		if op == "not in" {
			info = binOps["in"]
		}
		if info.prec < minPrec {
			return left
		}
		p.next()
		if op == "not in" {
			p.next()
		}
		p.eatNL()
		next := info.prec + 1
		if info.right {
			next = info.prec
		}
		right := p.expr(next)
		left = &Node{Kind: NBinary, Op: op, Args: []*Node{left, right}, Start: left.Start, End: right.End}
	}
}

func (p *parser) unary() *Node {
	t := p.peek()
	switch {
	case t.kind == tOp && (t.text == "-" || t.text == "+" || t.text == "!" || t.text == "^" || t.text == "@"),
		t.kind == tIdent && t.text == "not":
		p.next()
		p.push(true)
		x := p.unary()
		p.pop()
		return &Node{Kind: NUnary, Op: t.text, Args: []*Node{x}, Start: t.start, End: x.End}
	case t.kind == tOp && t.text == "&":
		p.next()
		p.push(true)
		x := p.expr(precCapture + 1)
		p.pop()
		return &Node{Kind: NUnary, Op: "&", Args: []*Node{x}, Start: t.start, End: x.End}
	}
	return p.postfix(p.primary())
}

// startsArg reports whether t, preceded by a space after a name, starts
// the first argument of a call without parentheses (`config :app, ...`,
// `raise "..."`, `import_config "prod.exs"`).
func (p *parser) startsArg(t token) bool {
	if !t.space {
		return false
	}
	switch t.kind {
	case tIdent:
		switch t.text {
		case "do", "end", "else", "after", "catch", "rescue", "when", "and", "or", "in":
			return false
		case "not":
			n := p.toks[p.i+1]
			return n.kind != tIdent || n.text != "in"
		}
		return true
	case tAlias, tAtom, tKwKey, tInt, tFloat, tString, tChars, tSigil:
		return true
	case tOp:
		switch t.text {
		case "[", "{", "%{", "%", "!", "@", "&", "^":
			return true
		case "-", "+":
			// `f -1` is a call, `a - 1` a subtraction: Elixir looks at the
			// space after the sign.
			n := p.toks[p.i+1]
			return n.start == t.end
		}
	}
	return false
}

func (p *parser) postfix(x *Node) *Node {
	for {
		t := p.toks[p.i]
		switch {
		case p.isOp(t, ".") && !t.space:
			p.i++
			n := p.next()
			switch n.kind {
			case tIdent:
				c := &Node{Kind: NCall, Name: n.text, Recv: x, Start: x.Start, End: n.end}
				if a := p.toks[p.i]; p.isOp(a, "(") && !a.space {
					p.parenArgs(c)
				} else if p.startsArg(p.toks[p.i]) {
					p.bareArgs(c)
				}
				p.doBlock(c)
				x = c
			case tAlias:
				if x.Kind != NAlias {
					p.fail(n.start, "unexpected alias after '.'")
				}
				x = &Node{Kind: NAlias, Name: x.Name + "." + n.text, Start: x.Start, End: n.end}
			case tOp:
				if n.text != "(" {
					p.fail(n.start, "unexpected %s after '.'", describe(n))
				}
				// fun.(args): an anonymous function call.
				p.i--
				c := &Node{Kind: NCall, Name: "", Recv: x, Start: x.Start}
				p.parenArgs(c)
				x = c
			default:
				p.fail(n.start, "unexpected %s after '.'", describe(n))
			}
		case p.isOp(t, "[") && !t.space:
			p.i++
			p.push(true)
			k := p.expr(0)
			e := p.expect("]")
			p.pop()
			x = &Node{Kind: NAccess, Args: []*Node{x, k}, Start: x.Start, End: e.end}
		default:
			return x
		}
	}
}

func (p *parser) primary() *Node {
	t := p.next()
	n := &Node{Start: t.start, End: t.end}
	switch t.kind {
	case tInt:
		n.Kind, n.Int = NInt, t.intVal
	case tFloat:
		n.Kind = NFloat
	case tAtom:
		n.Kind, n.Name, n.Quoted = NAtom, t.text, t.quoted
		if t.quoted {
			n.Parts = p.parts(t)
			n.Name = litText(n.Parts)
		}
	case tString:
		n.Kind, n.Parts = NString, p.parts(t)
	case tChars:
		n.Kind, n.Parts = NChars, p.parts(t)
	case tSigil:
		n.Kind, n.Name, n.Parts, n.SigilMods = NSigil, t.text, p.parts(t), t.sigilMods()
	case tAlias:
		n.Kind, n.Name = NAlias, t.text
	case tKwKey:
		p.fail(t.start, "keyword %q outside a list or call", t.text+":")
	case tIdent:
		switch t.text {
		case "true", "false":
			n.Kind, n.Name = NBool, t.text
			return n
		case "nil":
			n.Kind = NNil
			return n
		case "fn":
			n.Kind = NFn
			n.Do = p.stmtsSep(func(t token) bool { return isKw(t, "end") }, true)
			n.End = p.next().end
			return n
		case "do", "end", "else", "after", "catch", "rescue":
			p.fail(t.start, "unexpected %q", t.text)
		}
		n.Kind, n.Name = NVar, t.text
		if a := p.toks[p.i]; p.isOp(a, "(") && !a.space {
			n.Kind = NCall
			p.parenArgs(n)
		} else if p.startsArg(p.toks[p.i]) {
			n.Kind = NCall
			p.bareArgs(n)
		}
		if p.doBlock(n) {
			n.Kind = NCall
		}
	case tOp:
		switch t.text {
		case "(":
			p.push(true)
			if p.isOp(p.peek(), ")") {
				p.fail(t.start, "empty parentheses")
			}
			x := p.expr(0)
			e := p.expect(")")
			p.pop()
			x.Start, x.End = t.start, e.end
			return x
		case "[":
			n.Kind = NList
			n.Args, n.End = p.items("]")
		case "{":
			n.Kind = NTuple
			n.Args, n.End = p.items("}")
		case "%{":
			n.Kind = NMap
			n.Args, n.End = p.items("}")
		case "%":
			// %Struct{...}
			a := p.next()
			if a.kind != tAlias {
				p.fail(a.start, "expected a struct name after %%")
			}
			for p.isOp(p.toks[p.i], ".") {
				p.i++
				if b := p.next(); b.kind != tAlias {
					p.fail(b.start, "expected a struct name")
				}
			}
			p.expect("{")
			n.Kind = NMap
			n.Args, n.End = p.items("}")
		default:
			p.fail(t.start, "unexpected %s", describe(t))
		}
	default:
		p.fail(t.start, "unexpected %s", describe(t))
	}
	return n
}

func litText(ps []Part) string {
	var b strings.Builder
	for _, p := range ps {
		b.WriteString(p.Lit)
	}
	return b.String()
}

// parts parses a string token's interpolations.
func (p *parser) parts(t token) []Part {
	out := make([]Part, 0, len(t.parts()))
	for _, sp := range t.parts() {
		if !sp.interp {
			out = append(out, Part{Lit: sp.lit})
			continue
		}
		// The lexer read the interpolation's tokens when it read the
		// string; only the nesting limit, which counts the parser's
		// depth here as well, is checked again.
		if p.depth+1 > MaxNesting {
			p.fail(sp.start, "interpolation nested deeper than %d", MaxNesting)
		}
		body, err := parseTokens(p.src, sp.toks, sp.end, p.depth+1)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) {
				e = &Error{sp.start, err.Error()}
			}
			panic(parseError{e})
		}
		var x *Node
		switch len(body) {
		case 0:
			x = &Node{Kind: NNil, Start: sp.start, End: sp.end}
		case 1:
			x = body[0]
		default:
			x = &Node{Kind: NFn, Start: sp.start, End: sp.end} // several expressions: opaque
		}
		out = append(out, Part{Expr: x})
	}
	return out
}

// items reads list, tuple or map entries up to close; keyword pairs may
// close the sequence.
func (p *parser) items(close string) ([]*Node, int) {
	p.push(true)
	saved := p.bare
	p.bare = 0
	defer func() { p.bare = saved; p.pop() }()
	var out []*Node
	for {
		t := p.peek()
		if p.isOp(t, close) {
			p.next()
			return out, t.end
		}
		out = append(out, p.arg())
		t = p.peek()
		if p.isOp(t, ",") {
			p.next()
			continue
		}
		if !p.isOp(t, close) {
			p.fail(t.start, "expected ',' or %q, got %s", close, describe(t))
		}
	}
}

// arg is one argument or item: an expression or a keyword pair.
func (p *parser) arg() *Node {
	t := p.peek()
	if t.kind == tKwKey {
		p.next()
		p.eatNL()
		v := p.expr(binOps["|"].prec + 1)
		k := &Node{Kind: NPair, Name: t.text, Quoted: t.quoted, Args: []*Node{v}, Start: t.start, End: v.End, KeyEnd: t.end}
		if t.quoted {
			// "key": a quoted key; its text is the literal.
			k.Name = strings.TrimSuffix(strings.Trim(string(p.src[t.start:t.end]), ":"), `"`)
			k.Name = strings.TrimPrefix(k.Name, `"`)
		}
		return k
	}
	return p.expr(binOps["|"].prec)
}

func (p *parser) parenArgs(c *Node) {
	p.next() // (
	c.Args, c.End = p.items(")")
	c.Args = kwLast(c.Args)
}

// kwLast turns trailing keyword pairs of a call into the one keyword
// list argument they are: config(:app, Mod, [url: ..., http: ...]).
func kwLast(args []*Node) []*Node {
	i := len(args)
	for i > 0 && args[i-1].Kind == NPair {
		i--
	}
	if i == len(args) {
		return args
	}
	kw := &Node{Kind: NList, Args: append([]*Node(nil), args[i:]...), Start: args[i].Start, End: args[len(args)-1].End}
	return append(args[:i:i], kw)
}

// bareArgs reads the arguments of a call without parentheses: they run
// to the end of the line, a comma carrying them over.
func (p *parser) bareArgs(c *Node) {
	p.push(false)
	p.bare++
	defer func() { p.bare--; p.pop() }()
	for {
		a := p.arg()
		c.Args = append(c.Args, a)
		c.End = a.End
		if t := p.peek(); !p.isOp(t, ",") {
			c.Args = kwLast(c.Args)
			return
		}
		p.next()
		p.eatNL()
	}
}

// doBlock reads `do ... [else ...] end` (or the clause operators inside
// case/cond/fn, which stay part of the statements), reporting whether
// one followed.
func (p *parser) doBlock(c *Node) bool {
	t := p.toks[p.i]
	if !isKw(t, "do") || p.bare > 0 {
		return false
	}
	p.i++
	c.HasDo = true
	stop := func(t token) bool {
		return isKw(t, "end") || isKw(t, "else") || isKw(t, "after") || isKw(t, "rescue") || isKw(t, "catch")
	}
	c.Do = p.stmts(stop)
	for {
		t := p.next()
		switch {
		case isKw(t, "end"):
			c.End = t.end
			return true
		case isKw(t, "else"):
			c.Else = p.stmts(stop)
		default:
			// after/rescue/catch: read, not kept.
			p.stmts(stop)
		}
	}
}
