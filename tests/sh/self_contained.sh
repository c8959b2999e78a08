#!/bin/sh
# self_contained.sh — the repository stands on its own:
#   - no doc, comment or script points to a file outside it (the design
#     notes or a sibling folder: "../shared", "DESIGN.md", "flow.md"), except
#     the one default of the optional folder of official vectors, the
#     Makefile's "SHARED_VECTORS ?=" line;
#   - code and tests cite no tracker numbers (the word issue and a number): a comment says
#     what it means to someone reading the repository.
# Also checks that the check can fail, on a scratch folder holding one of
# each.
set -u
fails=0
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT

OUTSIDE='\.\./shared|DESIGN\.md|flow\.md'
TRACKER='issue [0-9]+'

# scan DIR: prints the offending lines of the tree in DIR, returns 1 if any
scan() {
    ( cd "$1" &&
      grep -rnIE "$OUTSIDE" crypto lib include examples tests docs README.md Makefile 2>/dev/null |
          grep -v '^Makefile:[0-9]*:SHARED_VECTORS ?= ' |
          grep -v '^tests/sh/self_contained\.sh:'
      grep -rnIE "$TRACKER" crypto lib include examples tests 2>/dev/null |
          grep -v '^tests/sh/self_contained\.sh:' ) > "$TMP/found"
    [ ! -s "$TMP/found" ]
}

if scan .; then
    echo "ok   nothing points outside the repository, no tracker numbers in code or tests"
else
    echo "FAIL pointers outside the repository or tracker numbers:"; cat "$TMP/found"
    fails=$((fails + 1))
fi

mkdir -p "$TMP/tree/docs" "$TMP/tree/lib"
echo 'See ../shared/DESIGN.md for the layers.' > "$TMP/tree/docs/x.md"
echo '/* the 40 KiB budget (issue '"12"') */' > "$TMP/tree/lib/x.c"
echo 'SHARED_VECTORS ?= ../shared/vectors' > "$TMP/tree/Makefile"
if ! scan "$TMP/tree" && [ "$(wc -l < "$TMP/found")" = 2 ]; then
    echo "ok   a pointer outside and a tracker number are found, the Makefile default is not"
else
    echo "FAIL the scratch tree was not judged right:"; cat "$TMP/found"
    fails=$((fails + 1))
fi
echo "$fails failed"
[ $fails = 0 ]
