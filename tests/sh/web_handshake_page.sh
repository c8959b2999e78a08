#!/bin/sh
# The /handshake page of glass-server, in a real browser: Debian's
# chromium, headless, fresh profile, trusting the demo CA through an NSS
# database (as web_browser.sh does), with SSLKEYLOGFILE set, fetches
# /handshake from a glass-server started with --show-secrets.
#   1. --dump-dom: tests/tools/check_handshake_page.py checks the page as
#      chromium built it: every message's box in order, each split into
#      fields; the client random and master secret equal chromium's own
#      key-log line (and no other connection's is shown); every code point
#      of chromium's ClientHello (parsed by the checker itself from the hex
#      on the page) named, none "unknown".
#   2. --screenshot: the PNG is decoded by the same checker, which counts
#      the coloured borders of the client and server boxes.
#   3. Control: a server without --show-secrets shows no key schedule and
#      no master secret.
#   4. The same page from glass-client --html (its key log from --keylog)
#      and from glass-step --html, through the same checker.
set -u
. tests/hs/interop_lib.sh
. tests/web/web_lib.sh
command -v chromium >/dev/null 2>&1 || { echo "SKIP: chromium is not installed (apt-get install chromium libnss3-tools)"; exit 0; }
need certutil python3

chrome() {   # home args...: chromium, headless, with the key log of $TMP/keys
    _home=$1; shift
    HOME=$_home SSLKEYLOGFILE="$TMP/keys" timeout 90 chromium --headless --no-sandbox \
        --disable-gpu --disable-quic --no-first-run --disable-background-networking \
        --disable-component-update --disable-sync --force-color-profile=srgb \
        --hide-scrollbars --user-data-dir="$_home/profile" "$@" 2>>"$TMP/chromium.err"
}

NSS=$TMP/home/.pki/nssdb
mkdir -p "$NSS"
certutil -d sql:"$NSS" -N --empty-password &&
certutil -d sql:"$NSS" -A -t "C,," -n "glasstls demo CA" -i $CERTS/demo-ca.pem ||
    { bad "certutil could not make the NSS database"; finish; exit 1; }

start_glass "$TMP/s.log" --show-secrets || exit 1
URL="https://localhost:$GPORT/handshake"
chrome "$TMP/home" --dump-dom "$URL" >"$TMP/dom.html"
check "chromium fetched /handshake (--dump-dom)" [ -s "$TMP/dom.html" ]
# a second fetch, for the screenshot: a new connection, its own page
chrome "$TMP/home" --window-size=1400,20000 --screenshot="$TMP/page.png" "$URL" >/dev/null
check "chromium wrote a screenshot" [ -s "$TMP/page.png" ]
check "server log: GET /handshake answered 200, twice" \
    sh -c "[ \$(grep -c '\"GET /handshake\" 200 .*: ok' '$TMP/s.log') -ge 2 ]"
check "chromium wrote a key log" [ -s "$TMP/keys" ]
echo "--- the checks of the page (DOM)"
check "the page (DOM): boxes, fields, randoms, master secret, code points" \
    python3 tests/tools/check_handshake_page.py "$TMP/dom.html" "$TMP/keys"
echo "--- the checks of the screenshot"
# chromium's --screenshot loads the page over a connection of its own:
# the DOM checks apply to that page too, and the PNG must show its boxes
chrome "$TMP/home" --dump-dom "$URL" >"$TMP/dom2.html"
check "the screenshot: a PNG showing every message's box" \
    python3 tests/tools/check_handshake_page.py "$TMP/dom2.html" "$TMP/keys" --png "$TMP/page.png"
stop_glass
check "glass-server exits 0 on SIGTERM" [ "$GSTATUS" = 0 ]

# control: without --show-secrets, no key schedule
start_glass "$TMP/s2.log" || exit 1
chrome "$TMP/home" --dump-dom "https://localhost:$GPORT/handshake" >"$TMP/dom3.html"
check "control: without --show-secrets the page shows no secret" \
    python3 tests/tools/check_handshake_page.py "$TMP/dom3.html" "$TMP/keys" --no-secrets
chrome "$TMP/home" --dump-dom "https://localhost:$GPORT/" >"$TMP/index.html"
check "/ links to /handshake" grep -q 'id="handshake-link" href="/handshake"' "$TMP/index.html"
# 4. glass-client --html, against this server (its own key log to compare)
timeout 30 "$BUILD/bin/glass-client" --cafile $CERTS/demo-ca.pem --html "$TMP/client.html" \
    --show-secrets --keylog "$TMP/client.keys" "https://localhost:$GPORT/" >/dev/null 2>"$TMP/client.err"
check "glass-client --html --show-secrets: the same checks" \
    python3 tests/tools/check_handshake_page.py "$TMP/client.html" "$TMP/client.keys"
stop_glass
timeout 30 "$BUILD/bin/glass-step" --no-pause --trace 0 --html "$TMP/step.html" --show-secrets \
    --keylog "$TMP/step.keys" >/dev/null 2>&1
check "glass-step --html --show-secrets: the same checks" \
    python3 tests/tools/check_handshake_page.py "$TMP/step.html" "$TMP/step.keys"
timeout 30 "$BUILD/bin/glass-step" --no-pause --trace 0 --html "$TMP/step2.html" \
    --keylog "$TMP/step2.keys" >/dev/null 2>&1
check "glass-step --html without --show-secrets: no secret" \
    python3 tests/tools/check_handshake_page.py "$TMP/step2.html" "$TMP/step2.keys" --no-secrets
echo "--- glass-server logs"; cat "$TMP/s.log" "$TMP/s2.log"
finish
