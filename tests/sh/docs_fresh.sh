#!/bin/sh
# docs_fresh.sh — the glass-step output shown in docs/ is what glass-step
# prints today (tests/tools/docs_examples.py --check); `make docs`
# regenerates it.  Also checks that the check can fail: a doc with one
# example line changed must be reported stale.  (issue 9)
set -u
BUILD=${BUILD:-build}
export BUILD
fails=0
files=$(grep -l 'BEGIN glass-step' docs/*.md)
[ -n "$files" ] || { echo "FAIL no generated examples in docs/"; exit 1; }
if python3 tests/tools/docs_examples.py --check $files; then
    echo "ok   the examples in $(echo $files | wc -w) doc(s) are fresh"
else
    fails=$((fails + 1))
fi
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT
f=$(echo $files | cut -d' ' -f1)
sed 's/^Client -> Server: ClientHello/Client -> Server: ClientHallo/' "$f" > "$TMP/stale.md"
if cmp -s "$f" "$TMP/stale.md"; then
    echo "FAIL could not make a stale copy of $f"; fails=$((fails + 1))
elif python3 tests/tools/docs_examples.py --check "$TMP/stale.md" >/dev/null; then
    echo "FAIL a stale example was not noticed"; fails=$((fails + 1))
else
    echo "ok   a stale example is noticed"
fi
echo "$fails failed"
[ $fails = 0 ]
