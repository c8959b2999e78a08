#!/bin/sh
# A real browser resumes a session: Debian's chromium, headless, one
# browser session, loads a page from glass-server whose iframe is a second
# page, whose iframe is a third.  glass-server answers one request per
# connection ("Connection: close"), so each page needs its own TLS
# connection, and chromium offers the session it got on an earlier one.
# Chromium opens a spare connection while the first handshake is still
# running (the log shows two new connections whose ports are in
# sequence), so the second page often comes over a full handshake; the
# third page and the favicon come over connections opened once a session
# was cached.  The server's log says, per
# connection, session=new or session=resumed: the test wants the first
# connection new and a later one resumed, once with the session cache
# (session IDs, RFC 5246 7.4.1.2) and once with tickets only (RFC 5077).
# Control: with resumption turned off (--session-cache 0, no tickets)
# every connection is new, so the check can fail.
set -u
. tests/hs/interop_lib.sh
. tests/web/web_lib.sh
command -v chromium >/dev/null 2>&1 || { echo "SKIP: chromium is not installed (apt-get install chromium libnss3-tools)"; exit 0; }
need certutil

NSS=$TMP/home/.pki/nssdb
mkdir -p "$NSS" "$TMP/root"
certutil -d sql:"$NSS" -N --empty-password &&
certutil -d sql:"$NSS" -A -t "C,," -n "glasstls demo CA" -i $CERTS/demo-ca.pem ||
    { bad "certutil could not make the NSS database"; finish; exit 1; }

# the two pages: the first loads the second in an iframe
cat >"$TMP/root/index.html" <<'HTML'
<!doctype html><html><body><h1>first page</h1>
<iframe src="/second.html"></iframe></body></html>
HTML
cat >"$TMP/root/second.html" <<'HTML'
<!doctype html><html><body><p id="second">second page</p>
<iframe src="/third.html"></iframe></body></html>
HTML
cat >"$TMP/root/third.html" <<'HTML'
<!doctype html><html><body><p id="third">third page</p></body></html>
HTML

run() {   # mode opts...: one browser session against a fresh glass-server
    _mode=$1; shift
    start_glass "$TMP/s-$_mode.log" --root "$TMP/root" "$@" || { bad "$_mode: glass-server did not start"; return; }
    rm -rf "$TMP/home/profile"
    HOME=$TMP/home timeout 90 chromium --headless --no-sandbox --disable-gpu --disable-quic \
        --no-first-run --disable-background-networking --disable-component-update \
        --disable-sync --user-data-dir="$TMP/home/profile" \
        --dump-dom "https://localhost:$GPORT/" >"$TMP/dom-$_mode.html" 2>"$TMP/chromium-$_mode.err"
    _st=$?
    stop_glass
    echo "--- glass-server log ($_mode)"; grep '"GET ' "$TMP/s-$_mode.log"
    check "$_mode: chromium exited 0" [ $_st = 0 ]
    check "$_mode: the first page was fetched" grep -q '"GET /" 200' "$TMP/s-$_mode.log"
    check "$_mode: the iframes' pages were fetched, each on its own connection" \
        sh -c "grep -q '\"GET /second.html\" 200' '$TMP/s-$_mode.log' && grep -q '\"GET /third.html\" 200' '$TMP/s-$_mode.log'"
    check "$_mode: the first connection was a full handshake" \
        sh -c "grep '\"GET ' '$TMP/s-$_mode.log' | head -1 | grep -q 'session=new'"
}

run cache
check "cache: the third page came over a resumed session (session ID)" \
    sh -c "grep '\"GET /third.html\" 200' '$TMP/s-cache.log' | grep -q 'session=resumed'"
run tickets --tickets --session-cache 0
check "tickets: the third page came over a resumed session (ticket)" \
    sh -c "grep '\"GET /third.html\" 200' '$TMP/s-tickets.log' | grep -q 'session=resumed'"
run off --session-cache 0
check "control: with resumption off, no connection resumed" \
    sh -c "! grep -q 'session=resumed' '$TMP/s-off.log'"
finish
