#!/bin/sh
# docs/state-diagram.md must be what `make docs` generates from the
# handshake tables today (build/bin/glass-states).
set -u
BUILD=${BUILD:-build}
out=$(mktemp)
trap 'rm -f "$out"' EXIT
"$BUILD/bin/glass-states" > "$out" || { echo "glass-states failed"; exit 1; }
if ! diff -u docs/state-diagram.md "$out"; then
    echo "docs/state-diagram.md is out of date: run 'make docs' and commit it"
    exit 1
fi
grep -q 'stateDiagram-v2' "$out" || { echo "no Mermaid diagram in the output"; exit 1; }
echo "ok: docs/state-diagram.md matches the tables"
