package flytoml

import (
	"slices"
	"sort"
	"sync"
)

// Form is the shape of a fly.toml key's value.
type Form uint8

const (
	// FormValue: a string, number, boolean or list of them.
	FormValue Form = iota
	// FormTable: one table ([http_service]).
	FormTable
	// FormTables: an array of tables ([[services]]); flyctl accepts one
	// table for most of them too.
	FormTables
	// FormMap: a table whose keys the app chooses ([env], [processes]).
	FormMap
	// FormNamed: a table of tables the app names ([checks.<name>]).
	FormNamed
)

// Key is one key of the fly.toml schema flylint reads: the same
// declarations the decoder checks files against, so a key is in Schema
// exactly when the decoder accepts it.
type Key struct {
	Name string
	Form Form
	// Type names a value's type: "string", "integer", "number",
	// "boolean", "list of strings", "duration", "string or boolean",
	// "string or integer", "any value". Empty for tables.
	Type string
	// Values are the enumerated values a string (or each element of a
	// list) may take, as written in fly.toml; nil when any value goes.
	Values []string
	// Legacy: an old spelling flyctl still reads (rewriting or ignoring
	// it) that new files should not use.
	Legacy bool
	// Keys are the keys of the table(s) a FormTable, FormTables or
	// FormNamed key holds, sorted by name.
	Keys []*Key
}

// Schema returns the top-level keys of fly.toml, sorted by name. The
// result is shared: callers must not modify it.
func Schema() []*Key { return schemaOnce() }

var schemaOnce = sync.OnceValue(func() []*Key { return keysOf(topKeys) })

func keysOf(s schema) []*Key {
	out := make([]*Key, 0, len(s))
	for name, sp := range s {
		k := &Key{Name: name, Form: sp.form, Type: sp.typ, Values: slices.Clip(sp.values), Legacy: sp.legacy}
		if sp.sub != nil {
			k.Keys = keysOf(sp.sub)
		}
		out = append(out, k)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Find returns the key named name among keys, or nil.
func Find(keys []*Key, name string) *Key {
	i, ok := slices.BinarySearchFunc(keys, name, func(k *Key, n string) int {
		switch {
		case k.Name < n:
			return -1
		case k.Name > n:
			return 1
		}
		return 0
	})
	if !ok {
		return nil
	}
	return keys[i]
}
