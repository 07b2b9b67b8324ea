// Package lib holds the app's env-or-default helper, which tells an
// unset variable (default) from an empty one (kept) with LookupEnv.
package lib

import "os"

func Env(key, fallback string) string {
	v, ok := os.LookupEnv(key)
	if !ok {
		return fallback
	}
	return v
}
