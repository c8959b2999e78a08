#!/bin/sh
# trace_mermaid.sh — the Mermaid diagrams glass-step writes (the golden
# ones and a fresh run of each suite) parse with the mermaid package from
# npm, under Node.js (tests/tools/mermaid_parse.mjs; jsdom gives it a DOM).
# mermaid and jsdom are installed with npm into build/npm on first use.
# Where Node.js or the packages cannot be installed, a structural check
# runs instead and the output says so (FALLBACK line).
set -u
BUILD=${BUILD:-build}
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT
fails=0
files="tests/golden/step-ecdhe.mmd tests/golden/step-rsa.mmd tests/golden/step-mtls.mmd"
for s in C02F C030 009C 009D; do
    "$BUILD/bin/glass-step" --no-pause --trace 0 --suite $s --mermaid "$TMP/$s.mmd" >/dev/null ||
        { echo "FAIL glass-step --suite $s"; fails=$((fails + 1)); }
    files="$files $TMP/$s.mmd"
done
# a diagram that must NOT parse: proves the parser can fail
printf 'sequenceDiagram\n    Client->>Server: a;b\n    Server-->>: broken\n' > "$TMP/broken.mmd"

NPMDIR=build/npm
if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 &&
   { [ -d "$NPMDIR/node_modules/mermaid" ] && [ -d "$NPMDIR/node_modules/jsdom" ] ||
     { mkdir -p "$NPMDIR" && (cd "$NPMDIR" && [ -f package.json ] || echo '{"private":true}' > package.json) &&
       timeout 600 npm install --prefix "$NPMDIR" --no-audit --no-fund mermaid@11 jsdom \
           >"$TMP/npm.log" 2>&1; }; }; then
    cp tests/tools/mermaid_parse.mjs "$NPMDIR/mermaid_parse.mjs"
    if timeout 300 node "$NPMDIR/mermaid_parse.mjs" $files; then
        echo "ok   every diagram parses with mermaid $(node -p "require('./$NPMDIR/node_modules/mermaid/package.json').version")"
    else
        fails=$((fails + 1))
    fi
    if timeout 120 node "$NPMDIR/mermaid_parse.mjs" "$TMP/broken.mmd" >/dev/null 2>&1; then
        echo "FAIL the parser accepted a broken diagram"; fails=$((fails + 1))
    else
        echo "ok   a broken diagram is refused by the parser"
    fi
else
    echo "FALLBACK: node/npm or the mermaid package could not be installed" \
         "($(tail -1 "$TMP/npm.log" 2>/dev/null)); structural check only"
    for f in $files; do
        if head -1 "$f" | grep -qx 'sequenceDiagram' &&
           ! grep -v '^sequenceDiagram$' "$f" | grep -Evq '^    (autonumber|box [^#;]+|end|rect rgba\([0-9., ]+\)|participant [A-Za-z]+( as [^#;]+)?|[A-Za-z]+-?->>[A-Za-z]+: [^#;]+|Note over [A-Za-z,]+: [^#;]+)$' &&
           [ "$(grep -Ec '^    (box|rect) ' "$f")" = "$(grep -c '^    end$' "$f")" ]; then
            echo "ok   $f has the structure of a sequenceDiagram"
        else
            echo "FAIL $f"; fails=$((fails + 1))
        fi
    done
fi
echo "$fails failed"
[ $fails = 0 ]
