package sarif

import (
	"bytes"
	"encoding/json"

	gosarif "github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"
)

// unsetKeys are the properties whose -1 means "not set" in SARIF:
// go-sarif's types write them because their fields lack omitempty.
var unsetKeys = map[string]bool{
	"index": true, "parentIndex": true, "id": true, "rank": true, "length": true,
	"byteOffset": true, "charOffset": true, "ruleIndex": true,
}

// tidy renders the report as indented JSON without the -1 sentinels and
// the empty arrays and objects go-sarif's constructors add, none of which
// carry information; "results" stays, since an empty list is how a run
// says it found nothing. Map keys come out sorted, so equal input gives
// byte-identical output.
func tidy(rep *gosarif.Report) ([]byte, error) {
	raw, err := json.Marshal(rep)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var doc any
	if err := dec.Decode(&doc); err != nil {
		return nil, err
	}
	prune(doc)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(doc); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func prune(v any) {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			prune(x)
			switch x := x.(type) {
			case json.Number:
				if x == "-1" && unsetKeys[k] {
					delete(v, k)
				}
			case []any:
				if len(x) == 0 && k != "results" {
					delete(v, k)
				}
			case map[string]any:
				if len(x) == 0 {
					delete(v, k)
				}
			}
		}
	case []any:
		for _, x := range v {
			prune(x)
		}
	}
}
