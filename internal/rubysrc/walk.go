package rubysrc

import "fmt"

// opener is a construct closed by `end`, or a bracket closed by } or )
// ([ counts as ( ).
type opener struct {
	text string
	at   int // the index of the token that opened it
}

// visitFunc judges token i for a reader. start: i begins a statement;
// afterDot: i follows . &. :: or def, so a keyword there is a method name;
// modifier: i is an if/unless/while/until that makes the statement
// before it conditional (`x = 1 if y`). stack holds what is open around
// i. It returns the index of the last token it consumed (i when none
// beyond it), or an error to stop the walk.
type visitFunc func(i int, start, afterDot, modifier bool, stack []opener) (last int, err error)

// walkStatements follows the statement structure of tokens, which both
// the Rails and the Puma readers judge against: what is open (blocks,
// definitions, conditions, brackets) and where statements start. visit
// sees every token but line ends and ;, before the token's own effect on
// the nesting. A structure walkStatements cannot follow (an end or
// bracket that closes nothing, an endless method, something left open)
// is an error.
func walkStatements(toks []Token, visit visitFunc) error {
	var stack []opener
	stmtStart := true
	loopHead := false // the do of while/until/for belongs to the loop
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		// After . or :: (x.class) or def (def end?) a keyword is a
		// method name.
		afterDot := i > 0 && (toks[i-1].Kind == Op && (toks[i-1].Text == "." || toks[i-1].Text == "&." || toks[i-1].Text == "::") ||
			toks[i-1].Kind == Ident && toks[i-1].Text == "def")
		wasStart := stmtStart
		stmtStart = false
		if t.Kind == Newline || t.Kind == Op && t.Text == ";" {
			stmtStart, loopHead = true, false
			continue
		}
		isCond := t.Kind == Ident && !afterDot && (t.Text == "if" || t.Text == "unless" || t.Text == "while" || t.Text == "until")
		modifier := isCond && !wasStart && i > 0 && endsValue(toks[i-1])
		last, err := visit(i, wasStart, afterDot, modifier, stack)
		if err != nil {
			return err
		}
		if last > i {
			i = last
			continue
		}
		switch {
		case modifier:
		case t.Kind == Ident && !afterDot && t.Text == "def":
			// An endless method (def x = …, def x(a) = …) has no end;
			// refuse the file rather than lose count of ends.
			j := i + 1
			for j < len(toks) && toks[j].Kind != Newline && toks[j].Text != "(" && toks[j].Text != "=" && toks[j].Text != ";" {
				j++
			}
			if j < len(toks) && toks[j].Text == "(" {
				for d := 0; j < len(toks); j++ {
					if toks[j].Text == "(" {
						d++
					} else if toks[j].Text == ")" {
						if d--; d == 0 {
							j++
							break
						}
					}
				}
			}
			if j < len(toks) && toks[j].Kind == Op && toks[j].Text == "=" {
				return &Error{t.Off, "an endless method definition"}
			}
			stack = append(stack, opener{text: "def", at: i})
		case t.Kind == Ident && !afterDot && (t.Text == "class" || t.Text == "module" || t.Text == "begin" || t.Text == "case" || t.Text == "for"):
			stack = append(stack, opener{text: t.Text, at: i})
			loopHead = t.Text == "for"
		case isCond:
			stack = append(stack, opener{text: t.Text, at: i})
			loopHead = t.Text == "while" || t.Text == "until"
		case t.Kind == Ident && !afterDot && t.Text == "do":
			stmtStart = true
			if loopHead {
				loopHead = false
				continue
			}
			stack = append(stack, opener{text: "do", at: i})
		case t.Kind == Ident && !afterDot && t.Text == "end":
			if len(stack) == 0 || stack[len(stack)-1].text == "{" || stack[len(stack)-1].text == "(" {
				return &Error{t.Off, "an end that closes nothing"}
			}
			stack = stack[:len(stack)-1]
		case t.Kind == Op && (t.Text == "{" || t.Text == "(" || t.Text == "["):
			text := t.Text
			if text == "[" {
				text = "("
			}
			stack = append(stack, opener{text: text, at: i})
			stmtStart = t.Text == "{"
		case t.Kind == Op && (t.Text == "}" || t.Text == ")" || t.Text == "]"):
			want := "("
			if t.Text == "}" {
				want = "{"
			}
			if len(stack) == 0 || stack[len(stack)-1].text != want {
				return &Error{t.Off, fmt.Sprintf("a %s that closes nothing", t.Text)}
			}
			stack = stack[:len(stack)-1]
		case t.Kind == Ident && !afterDot && (t.Text == "then" || t.Text == "else" || t.Text == "elsif" || t.Text == "ensure" || t.Text == "rescue" || t.Text == "when" || t.Text == "in"):
			stmtStart = t.Text != "elsif" && t.Text != "when" && t.Text != "in"
		case t.Kind == Op && t.Text == "|" && wasStart:
			// Block parameters |x|: the statement starts after them.
			for j := i + 1; j < len(toks); j++ {
				if toks[j].Kind == Op && toks[j].Text == "|" {
					i = j
					break
				}
			}
			stmtStart = true
		}
	}
	if len(stack) != 0 {
		return &Error{toks[len(toks)-1].Off, fmt.Sprintf("a %s is not closed", stack[len(stack)-1].text)}
	}
	return nil
}
