package flytoml

import (
	"math"
	"strconv"
	"strings"

	"github.com/pelletier/go-toml/v2"
	"github.com/pelletier/go-toml/v2/unstable"
)

// scalar fills v from a scalar node. The parser only delimits numbers and
// dates; like go-toml's decoder (and so flyctl), a number that does not fit
// 64 bits or a date that does not exist makes the file invalid.
func (b *builder) scalar(n *unstable.Node, v *value) error {
	raw := string(n.Data)
	switch n.Kind {
	case unstable.String:
		v.kind, v.text = KindString, raw
	case unstable.Bool:
		v.kind, v.text, v.b = KindBool, raw, raw == "true"
	case unstable.Integer:
		v.kind, v.text = KindInt, raw
		// Base 0 reads TOML's 0x/0o/0b prefixes and underscores; the
		// parser has already rejected what TOML forbids (leading zeros,
		// signed prefixes).
		i, err := strconv.ParseInt(raw, 0, 64)
		if err != nil {
			return b.syntaxError(v.rng, "integer %s does not fit in 64 bits", raw)
		}
		v.i = i
	case unstable.Float:
		v.kind, v.text = KindFloat, raw
		f, err := parseFloat(raw)
		if err != nil {
			return b.syntaxError(v.rng, "float %s cannot be represented in 64 bits", raw)
		}
		v.f = f
	case unstable.LocalDate, unstable.LocalTime, unstable.LocalDateTime, unstable.DateTime:
		v.kind, v.text = KindDatetime, raw
		// Dates are rare in fly.toml; go-toml itself decides which exist.
		if _, err := decodeOne[any](raw); err != nil {
			return b.syntaxError(v.rng, "invalid date or time %s", raw)
		}
	default:
		return b.syntaxError(v.rng, "unexpected %s value", n.Kind)
	}
	return nil
}

// parseFloat reads a TOML float the parser has delimited. Like go-toml, it
// rejects one out of float64's range.
func parseFloat(raw string) (float64, error) {
	s := strings.ReplaceAll(raw, "_", "")
	switch strings.TrimLeft(s, "+-") {
	case "inf":
		if strings.HasPrefix(s, "-") {
			return math.Inf(-1), nil
		}
		return math.Inf(1), nil
	case "nan":
		return math.NaN(), nil
	}
	return strconv.ParseFloat(s, 64)
}

// decodeOne decodes a single scalar's raw text with go-toml.
func decodeOne[T any](raw string) (T, error) {
	var doc struct{ V T }
	err := toml.Unmarshal([]byte("V = "+raw), &doc)
	return doc.V, err
}
