package jssrc

import (
	"encoding/json"
	"errors"
	"sort"
	"strings"
)

// sourceMap holds the mappings of a version 3 source map with one
// source (esbuild's transform writes exactly that).
// https://sourcemaps.info/spec.html
type sourceMap struct {
	lines [][]segment // per generated line, sorted by genCol
}

type segment struct{ genCol, srcLine, srcCol int }

func decodeSourceMap(data []byte) (*sourceMap, error) {
	var raw struct {
		Version  int    `json:"version"`
		Mappings string `json:"mappings"`
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, errors.New("esbuild's source map is not JSON: " + err.Error())
	}
	sm := &sourceMap{}
	srcLine, srcCol, srcIdx, nameIdx := 0, 0, 0, 0
	for _, line := range strings.Split(raw.Mappings, ";") {
		var segs []segment
		genCol := 0
		for _, s := range strings.Split(line, ",") {
			if s == "" {
				continue
			}
			f, ok := vlq(s)
			if !ok || len(f) == 0 {
				return nil, errors.New("esbuild's source map has a malformed segment")
			}
			genCol += f[0]
			if len(f) >= 4 {
				srcIdx += f[1]
				srcLine += f[2]
				srcCol += f[3]
				segs = append(segs, segment{genCol, srcLine, srcCol})
			}
			if len(f) >= 5 {
				nameIdx += f[4]
			}
		}
		sort.SliceStable(segs, func(i, j int) bool { return segs[i].genCol < segs[j].genCol })
		sm.lines = append(sm.lines, segs)
	}
	_, _ = srcIdx, nameIdx
	return sm, nil
}

// lookup maps a 0-based generated line and column to the source: the
// segment at or before the column, moved by the distance past it (the
// text of one token is the same on both sides).
func (sm *sourceMap) lookup(line, col int) (int, int, bool) {
	if line < 0 || line >= len(sm.lines) {
		return 0, 0, false
	}
	segs := sm.lines[line]
	i := sort.Search(len(segs), func(i int) bool { return segs[i].genCol > col }) - 1
	if i < 0 {
		return 0, 0, false
	}
	s := segs[i]
	return s.srcLine, s.srcCol + col - s.genCol, true
}

const b64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

// vlq decodes the base64 VLQ fields of one segment.
func vlq(s string) ([]int, bool) {
	var out []int
	v, shift := 0, 0
	for i := 0; i < len(s); i++ {
		d := strings.IndexByte(b64, s[i])
		if d < 0 || shift > 30 {
			return nil, false
		}
		v |= (d & 31) << shift
		if d&32 != 0 {
			shift += 5
			continue
		}
		n := v >> 1
		if v&1 != 0 {
			n = -n
		}
		out = append(out, n)
		v, shift = 0, 0
	}
	return out, shift == 0
}
