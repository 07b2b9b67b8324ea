package fix

import (
	"bytes"
	"fmt"
	"path/filepath"
)

// Diff returns a unified diff of old and new, with three lines of
// context and "a/" and "b/" headers, as `git diff` prints it; nil when
// they are equal. Lines keep their terminators, so a CRLF file diffs as
// CRLF and a last line without a newline is marked as diff(1) marks it.
//
// The line diff is Myers' O(ND) algorithm, written here because the
// module graph has no maintained diff package to import (x/tools keeps
// its diff internal). Past maxD differences it stops looking for the
// shortest script and replaces the rest as a block: still a correct
// diff, and bounded in time and memory on any input.
func Diff(path string, old, new []byte) []byte {
	if bytes.Equal(old, new) {
		return nil
	}
	a, b := splitLines(old), splitLines(new)
	ops := lineOps(a, b)

	var out bytes.Buffer
	p := filepath.ToSlash(path)
	fmt.Fprintf(&out, "--- a/%s\n+++ b/%s\n", p, p)
	for _, h := range hunks(ops, 3) {
		writeHunk(&out, h, a, b)
	}
	return out.Bytes()
}

func splitLines(b []byte) []string {
	var lines []string
	for len(b) > 0 {
		i := bytes.IndexByte(b, '\n') + 1
		if i == 0 {
			i = len(b)
		}
		lines = append(lines, string(b[:i]))
		b = b[i:]
	}
	return lines
}

type opKind byte

const (
	opEq  opKind = ' '
	opDel opKind = '-'
	opIns opKind = '+'
)

// op is one line of the edit script: a line of a (opEq, opDel) or of b
// (opIns), by index.
type op struct {
	kind opKind
	a, b int // indices into a and b; for opEq both, else the one that applies (and the position in the other)
}

const maxD = 1000

// lineOps returns the edit script turning a into b.
func lineOps(a, b []string) []op {
	// Common prefix and suffix first: fixes touch a few lines of a file,
	// so this leaves Myers almost nothing to do.
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	var ops []op
	for i := 0; i < pre; i++ {
		ops = append(ops, op{opEq, i, i})
	}
	ops = append(ops, myers(a[pre:len(a)-suf], b[pre:len(b)-suf], pre, pre)...)
	for i := 0; i < suf; i++ {
		ops = append(ops, op{opEq, len(a) - suf + i, len(b) - suf + i})
	}
	return ops
}

// myers diffs a and b, whose first lines are at indices ao and bo of the
// whole files.
func myers(a, b []string, ao, bo int) []op {
	n, m := len(a), len(b)
	// Lines as small ints: comparing ints beats comparing strings in the
	// inner loop.
	ids := map[string]int{}
	ai, bi := make([]int, n), make([]int, m)
	for i, l := range a {
		if _, ok := ids[l]; !ok {
			ids[l] = len(ids)
		}
		ai[i] = ids[l]
	}
	for i, l := range b {
		if _, ok := ids[l]; !ok {
			ids[l] = len(ids)
		}
		bi[i] = ids[l]
	}

	max := n + m
	off := max + 1
	v := make([]int, 2*max+3)
	var trace [][]int
	found := -1
	for d := 0; d <= max && d <= maxD; d++ {
		trace = append(trace, append([]int(nil), v[off-d-1:off+d+2]...))
		for k := -d; k <= d; k += 2 {
			var x int
			if k == -d || (k != d && v[off+k-1] < v[off+k+1]) {
				x = v[off+k+1]
			} else {
				x = v[off+k-1] + 1
			}
			y := x - k
			for x < n && y < m && ai[x] == bi[y] {
				x++
				y++
			}
			v[off+k] = x
			if x >= n && y >= m {
				found = d
				break
			}
		}
		if found >= 0 {
			break
		}
	}
	if found < 0 {
		// Too different: delete all of a, insert all of b.
		ops := make([]op, 0, n+m)
		for i := range a {
			ops = append(ops, op{opDel, ao + i, bo})
		}
		for j := range b {
			ops = append(ops, op{opIns, ao + n, bo + j})
		}
		return ops
	}

	// Walk the trace back from (n, m). trace[d] holds v as it was before
	// step d, for k in [-d-1, d+1].
	var rev []op
	x, y := n, m
	for d := found; d > 0; d-- {
		prev := trace[d]
		get := func(k int) int { return prev[k+d+1] }
		k := x - y
		var pk int
		if k == -d || (k != d && get(k-1) < get(k+1)) {
			pk = k + 1
		} else {
			pk = k - 1
		}
		px := get(pk)
		py := px - pk
		for x > px && y > py {
			x--
			y--
			rev = append(rev, op{opEq, ao + x, bo + y})
		}
		if x == px {
			y--
			rev = append(rev, op{opIns, ao + x, bo + y})
		} else {
			x--
			rev = append(rev, op{opDel, ao + x, bo + y})
		}
	}
	for x > 0 && y > 0 {
		x--
		y--
		rev = append(rev, op{opEq, ao + x, bo + y})
	}
	ops := make([]op, len(rev))
	for i, o := range rev {
		ops[len(rev)-1-i] = o
	}
	return ops
}

// hunks groups ops into hunks with ctx lines of context, merging hunks
// whose context would touch.
func hunks(ops []op, ctx int) [][]op {
	var out [][]op
	i := 0
	for i < len(ops) {
		for i < len(ops) && ops[i].kind == opEq {
			i++
		}
		if i == len(ops) {
			break
		}
		start := max(0, i-ctx)
		end := i
		for {
			for end < len(ops) && ops[end].kind != opEq {
				end++
			}
			eq := end
			for eq < len(ops) && ops[eq].kind == opEq {
				eq++
			}
			if eq == len(ops) || eq-end > 2*ctx {
				end = min(end+ctx, eq)
				break
			}
			end = eq
		}
		out = append(out, ops[start:end])
		i = end
	}
	return out
}

func writeHunk(out *bytes.Buffer, h []op, a, b []string) {
	// Where the hunk starts in each file, and how many lines it spans.
	as, bs := h[0].a, h[0].b
	var al, bl int
	for _, o := range h {
		switch o.kind {
		case opEq:
			al++
			bl++
		case opDel:
			al++
		case opIns:
			bl++
		}
	}
	fmt.Fprintf(out, "@@ -%s +%s @@\n", span(as, al), span(bs, bl))
	for _, o := range h {
		line := ""
		switch o.kind {
		case opEq, opDel:
			line = a[o.a]
		case opIns:
			line = b[o.b]
		}
		out.WriteByte(byte(o.kind))
		out.WriteString(line)
		if len(line) == 0 || line[len(line)-1] != '\n' {
			out.WriteString("\n\\ No newline at end of file\n")
		}
	}
}

// span prints a hunk range as diff -u does: "start,len", just "start"
// for one line, and the line before the hunk for an empty range.
func span(start0, n int) string {
	switch n {
	case 0:
		return fmt.Sprintf("%d,0", start0)
	case 1:
		return fmt.Sprintf("%d", start0+1)
	}
	return fmt.Sprintf("%d,%d", start0+1, n)
}
