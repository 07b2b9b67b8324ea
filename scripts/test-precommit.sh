#!/usr/bin/env bash
# Runs flylint's pre-commit hooks for real with `pre-commit try-repo`
# against two throwaway repositories: one whose fly.toml is broken (the
# hook must fail) and one that is clean (the hook must pass).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export PRE_COMMIT_HOME="$work/cache"

make_repo() { # dir, fly.toml content
  mkdir -p "$1"
  git -C "$1" init -q
  printf '%s\n' "$2" > "$1/fly.toml"
  git -C "$1" add fly.toml
}

make_repo "$work/bad" $'app = "web"\n[experimental]\n  cmd = "node server.js"'
make_repo "$work/good" $'app = "web"\n[experimental]\n  cmd = ["node", "server.js"]'

status=0
if (cd "$work/bad" && pre-commit try-repo "$repo" flylint --all-files >"$work/bad.log" 2>&1); then
  echo "FAIL: the flylint hook passed on a broken fly.toml"; cat "$work/bad.log"; status=1
elif ! grep -q "experimental-cmd-string" "$work/bad.log"; then
  echo "FAIL: the hook failed without reporting the finding"; cat "$work/bad.log"; status=1
else
  echo "ok: hook fails on the bad repository and names the rule"
fi
if ! (cd "$work/good" && pre-commit try-repo "$repo" flylint --all-files >"$work/good.log" 2>&1); then
  echo "FAIL: the flylint hook failed on a clean fly.toml"; cat "$work/good.log"; status=1
else
  echo "ok: hook passes on the good repository"
fi
exit $status
