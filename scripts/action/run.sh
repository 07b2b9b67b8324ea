#!/usr/bin/env bash
# Runs flylint for the GitHub Action and sets the sarif-file output only
# when this run wrote a report: flylint writes it (atomically) exactly
# when it exits 0 (clean) or 1 (findings); on 2 (usage, config or I/O
# error) or 3 (internal failure) a file already at that path is not
# ours, so it is neither named nor removed. The step exits with
# flylint's own code.
set -uo pipefail
: "${FLYLINT_BINARY:?}" "${FLYLINT_PATH:?}" "${FLYLINT_SARIF:?}" "${FLYLINT_FAIL_ON:?}" "${FLYLINT_CATEGORY:?}"
out=${GITHUB_OUTPUT:-/dev/stdout}
"$FLYLINT_BINARY" -format sarif -o "$FLYLINT_SARIF" \
  -sarif-category "$FLYLINT_CATEGORY" -fail-on "$FLYLINT_FAIL_ON" -- "$FLYLINT_PATH"
code=$?
if { [ "$code" = 0 ] || [ "$code" = 1 ]; } && [ -s "$FLYLINT_SARIF" ]; then
  echo "sarif-file=$FLYLINT_SARIF" >>"$out"
fi
echo "exit-code=$code" >>"$out"
exit "$code"
