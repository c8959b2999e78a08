#!/bin/sh
# docs/state-diagram.md and docs/alerts.md must be what `make docs`
# generates today from the tables the code runs on (build/bin/glass-states).
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
echo "ok: docs/state-diagram.md matches the handshake table"
"$BUILD/bin/glass-states" --alerts > "$out" || { echo "glass-states --alerts failed"; exit 1; }
if ! diff -u docs/alerts.md "$out"; then
    echo "docs/alerts.md is out of date: run 'make docs' and commit it"
    exit 1
fi
echo "ok: docs/alerts.md matches the error list (glass_alert_for_error())"
