#!/bin/sh
# docs_fresh.sh — the glass-step output and the gdb sessions shown in docs/
# are what glass-step and gdb print today (tests/tools/docs_examples.py
# --check); `make docs` regenerates them.  Also checks that the check can
# fail: a doc with one example line changed, or one session answer changed,
# must be reported stale, and a session command gdb rejects is an error.
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

# stale_noticed NAME FILE SED-EXPRESSION: the edited copy must be stale
stale_noticed() {
    sed "$3" "$2" > "$TMP/stale.md"
    if cmp -s "$2" "$TMP/stale.md"; then
        echo "FAIL $1: could not make a stale copy of $2"; fails=$((fails + 1))
    elif python3 tests/tools/docs_examples.py --check "$TMP/stale.md" >/dev/null 2>&1; then
        echo "FAIL $1: a stale copy was not noticed"; fails=$((fails + 1))
    else
        echo "ok   $1: a stale copy is noticed"
    fi
}

f=$(grep -lE 'BEGIN glass-step (-|mermaid)' docs/*.md | head -1)
stale_noticed "glass-step example" "$f" 's/^Client -> Server: ClientHello/Client -> Server: ClientHallo/'

g=$(grep -l 'BEGIN glass-step gdb' docs/*.md | head -1)
if ! command -v gdb >/dev/null 2>&1; then
    echo "SKIP the gdb sessions: gdb is not installed"
elif [ -z "$g" ]; then
    echo "FAIL no gdb session in docs/"; fails=$((fails + 1))
else
    stale_noticed "gdb session" "$g" 's/^\$1 = /$1 = 9/'
    printf '%s\n' '<!-- BEGIN glass-step gdb: p hs->no_such_field -->' \
        '<!-- END glass-step -->' > "$TMP/bad.md"
    if python3 tests/tools/docs_examples.py --check "$TMP/bad.md" > "$TMP/bad.out" 2>&1; then
        echo "FAIL a session command gdb rejects was accepted"; fails=$((fails + 1))
    elif grep -q 'no member named no_such_field' "$TMP/bad.out"; then
        echo "ok   a session command gdb rejects is an error"
    else
        echo "FAIL a rejected session command: unexpected output"; cat "$TMP/bad.out"
        fails=$((fails + 1))
    fi
fi
echo "$fails failed"
[ $fails = 0 ]
