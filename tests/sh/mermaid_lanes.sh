#!/bin/sh
# mermaid_lanes.sh — the Mermaid diagrams of one side only (glass-client
# --mermaid, glass-server --mermaid), over loopback:
#   - arrows are numbered (autonumber, the line after sequenceDiagram);
#   - the CA lane is the client's own trust store: declared before the
#     Client lane, in the box of the client's machine; a server's diagram
#     has no CA lane and never mentions it;
#   - the server's response is drawn in the client's diagram ("the HTTP
#     response"), the client's request in the server's;
#   - the Certificate arrow is drawn even when the client refuses the
#     certificate (glass-client --cafile of another root);
#   - the encrypted records are shaded: every "rect" is closed, the
#     Finished arrows are inside one and the ChangeCipherSpec arrows
#     outside;
#   - every diagram parses with mermaid when tests/sh/trace_mermaid.sh has
#     installed it (build/npm).
set -u
. tests/hs/interop_lib.sh
. tests/web/web_lib.sh
need python3
CA=$CERTS/demo-ca.pem

start_glass "$TMP/s.log" --count 2 --mermaid "$TMP/server.mmd" || exit 1
U=https://localhost:$GPORT/
timeout 20 "$BUILD/bin/glass-client" --cafile "$CA" --mermaid "$TMP/client.mmd" -o /dev/null "$U"
check "glass-client fetched the page" [ $? = 0 ]
timeout 20 "$BUILD/bin/glass-client" --cafile "$CERTS/other-root.pem" --mermaid "$TMP/refused.mmd" \
    -o /dev/null "$U" 2>"$TMP/refused.err"
check "glass-client refused a certificate of another CA" [ $? = 1 ]
stop_glass

# lanes FILE: the participant lines, in order, joined by spaces
lanes() { sed -n 's/^    participant \([A-Za-z]*\).*/\1/p' "$1" | tr '\n' ' '; }
for f in client refused server; do
    check "$f: autonumber right after sequenceDiagram" \
        [ "$(sed -n 2p "$TMP/$f.mmd")" = "    autonumber" ]
    # rect/end balance, and arrows of the handshake inside or outside it
    check "$f: shading balanced, Finished shaded, ChangeCipherSpec not" python3 - "$TMP/$f.mmd" <<'PY'
import sys
depth = 0; fin = ccs = 0
for line in open(sys.argv[1]):
    s = line.strip()
    if s.startswith('rect rgba('): depth += 1
    elif s == 'end' and depth: depth -= 1
    elif ': Finished' in s:
        if depth != 1: sys.exit('Finished outside the shading: ' + s)
        fin += 1
    elif ': ChangeCipherSpec' in s:
        if depth != 0: sys.exit('ChangeCipherSpec shaded: ' + s)
        ccs += 1
ok = depth == 0 and (fin, ccs) >= ((2, 2) if 'refused' not in sys.argv[1] else (0, 0))
sys.exit(0 if ok else 'depth %d, %d Finished, %d ChangeCipherSpec' % (depth, fin, ccs))
PY
done
check "client: lanes CA, Client, Server in that order" [ "$(lanes "$TMP/client.mmd")" = "CA Client Server " ]
check "client: CA and Client in the box of the client's machine, Server outside" \
    [ "$(sed -n '/^    box /,/^    end$/s/^    participant \([A-Za-z]*\).*/\1/p' "$TMP/client.mmd" |
         tr '\n' ' ')" = "CA Client " ]
check "refused: lanes CA, Client, Server in that order" [ "$(lanes "$TMP/refused.mmd")" = "CA Client Server " ]
check "client: the server's response is drawn" \
    grep -q '^    Server->>Client: application data: the HTTP response (' "$TMP/client.mmd"
check "client: the certificate check goes to the CA lane and back" \
    grep -q '^    CA-->>Client: yes' "$TMP/client.mmd"
check "server: lanes Client, Server only" [ "$(lanes "$TMP/server.mmd")" = "Client Server " ]
check "server: no CA anywhere" sh -c "! grep -q 'CA' '$TMP/server.mmd'"
check "server: the client's request is drawn" \
    grep -q '^    Client->>Server: application data: the HTTP request (' "$TMP/server.mmd"
check "server: its response is drawn" grep -q '^    Server->>Client: application data: the HTTP response (' "$TMP/server.mmd"
check "refused: the Certificate arrow is drawn" \
    grep -q '^    Server->>Client: Certificate (1 certificate, leaf ' "$TMP/refused.mmd"
check "refused: the CA lane says no" grep -q '^    CA-->>Client: no: ' "$TMP/refused.mmd"
check "refused: the Certificate comes before the check" python3 -c '
import sys; L = open(sys.argv[1]).read().splitlines()
c = [i for i, l in enumerate(L) if "Server->>Client: Certificate" in l]
k = [i for i, l in enumerate(L) if "Client->>CA:" in l]
sys.exit(0 if len(c) == 1 and k and c[0] < k[0] else 1)' "$TMP/refused.mmd"
check "refused: the alert is drawn" grep -q '^    Client->>Server: alert ' "$TMP/refused.mmd"

NPMDIR=build/npm
if command -v node >/dev/null 2>&1 && [ -d "$NPMDIR/node_modules/mermaid" ] && [ -d "$NPMDIR/node_modules/jsdom" ]; then
    cp tests/tools/mermaid_parse.mjs "$NPMDIR/mermaid_parse.mjs"
    check "the three diagrams parse with mermaid" \
        timeout 300 node "$NPMDIR/mermaid_parse.mjs" "$TMP/client.mmd" "$TMP/refused.mmd" "$TMP/server.mmd"
else
    echo "SKIP mermaid parse: run tests/sh/trace_mermaid.sh first (installs mermaid into $NPMDIR)"
fi
finish
