// Package flytomlschema answers an editor's hover and completion requests
// in fly.toml: what a key, table or enumerated value means, and which
// tables, keys and values may be typed at the cursor.
//
// Offsets are bytes into the buffer as the editor holds it, which is often
// invalid, half-typed TOML; the package reads it with a tolerant scanner
// and never fails or panics. A language server converts its UTF-16
// positions to byte offsets before calling, and the returned byte ranges
// back.
//
// The keys, their types and enumerated values are flytoml.Schema, the
// declarations flylint's fly.toml decoder checks files against, so the
// editor offers exactly what the linter accepts. This package adds the
// words: what each key does, how flyctl reads it, its default and a link
// to Fly's configuration reference.
package flytomlschema
