#!/bin/sh
# docs_tree.sh — docs/ARCHITECTURE.md's table of test folders ("| `tests/X/` |"
# rows of its Tests section) names every folder of tests/, and only folders
# that exist.  Also checks that the check can fail: a copy of the page
# without one row, and one with a row for a folder that does not exist,
# must both be refused.
set -u
fails=0
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT

# check PAGE: prints what is wrong, returns 1 when anything is
check() {
    sed -n 's/^| `tests\/\([^`/]*\)\/` |.*/\1/p' "$1" | sort -u > "$TMP/listed"
    find tests -mindepth 1 -maxdepth 1 -type d | sed 's|^tests/||' | sort > "$TMP/folders"
    bad=0
    for d in $(comm -23 "$TMP/folders" "$TMP/listed"); do
        echo "  tests/$d/ has no row in $1"; bad=1
    done
    for d in $(comm -13 "$TMP/folders" "$TMP/listed"); do
        echo "  $1 has a row for tests/$d/, which does not exist"; bad=1
    done
    return $bad
}

if check docs/ARCHITECTURE.md; then
    echo "ok   docs/ARCHITECTURE.md lists the $(wc -l < "$TMP/folders") folders of tests/"
else
    echo "FAIL docs/ARCHITECTURE.md and the folders of tests/ disagree"; fails=$((fails + 1))
fi

first=$(sed -n 's/^| `tests\/\([^`/]*\)\/` |.*/\1/p' docs/ARCHITECTURE.md | head -1)
grep -v "^| \`tests/$first/\` |" docs/ARCHITECTURE.md > "$TMP/missing.md"
if [ -n "$first" ] && ! check "$TMP/missing.md" >/dev/null; then
    echo "ok   a page without the row of tests/$first/ is refused"
else
    echo "FAIL a page without a folder's row was accepted"; fails=$((fails + 1))
fi
{ cat docs/ARCHITECTURE.md; echo '| `tests/no-such-folder/` | nothing |'; } > "$TMP/extra.md"
if ! check "$TMP/extra.md" >/dev/null; then
    echo "ok   a row for a folder that does not exist is refused"
else
    echo "FAIL a row for a missing folder was accepted"; fails=$((fails + 1))
fi
echo "$fails failed"
[ $fails = 0 ]
