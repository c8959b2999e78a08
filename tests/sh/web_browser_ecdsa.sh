#!/bin/sh
# Chromium (headless, fresh profile, the demo CA trusted through an NSS
# database as in web_browser.sh) against glass-server holding only the
# ECDSA demo certificate (tests/certs/chain-demo-ec-server.pem, P-256):
# the page must come over an ECDHE_ECDSA suite.  Then with both demo
# certificates: chromium (which offers ECDSA and RSA) gets the ECDSA one,
# the server's first choice.
set -u
. tests/hs/interop_lib.sh
. tests/web/web_lib.sh
command -v chromium >/dev/null 2>&1 || { echo "SKIP: chromium is not installed (apt-get install chromium libnss3-tools)"; exit 0; }
need certutil python3

browse() {   # home url: the DOM chromium made of url, to $TMP/dom.html
    HOME=$1 timeout 90 chromium --headless --no-sandbox --disable-gpu --disable-quic \
        --no-first-run --disable-background-networking --disable-component-update \
        --disable-sync --user-data-dir="$1/profile" --dump-dom "$2" \
        >"$TMP/dom.html" 2>"$TMP/chromium.err"
}

NSS=$TMP/home/.pki/nssdb
mkdir -p "$NSS"
certutil -d sql:"$NSS" -N --empty-password &&
certutil -d sql:"$NSS" -A -t "C,," -n "glasstls demo CA" -i $CERTS/demo-ca.pem ||
    { bad "certutil could not make the NSS database"; finish; exit 1; }

start_glass "$TMP/s.log" --cert $CERTS/chain-demo-ec-server.pem \
    --key $CERTS/demo-ec-server.key || exit 1
browse "$TMP/home" "https://localhost:$GPORT/"
st=$?
echo "--- the page as chromium built it"; cat "$TMP/dom.html"; echo
check "chromium exited 0" [ $st = 0 ]
check "page: heading" grep -q "<h1>Hello from glass-server</h1>" "$TMP/dom.html"
check "page: negotiated an ECDHE_ECDSA suite" \
    grep -q 'id="suite">TLS_ECDHE_ECDSA_WITH_AES_\(128\|256\)_GCM_SHA' "$TMP/dom.html"
check "page: key exchange signed with ECDSA" grep -q 'signed with ECDSA' "$TMP/dom.html"
check "server log: chromium's GET / answered 200 over ECDHE_ECDSA" \
    grep -q 'suite=TLS_ECDHE_ECDSA.* "GET /" 200 .*: ok' "$TMP/s.log"
stop_glass
check "glass-server exits 0 on SIGTERM" [ "$GSTATUS" = 0 ]
echo "--- glass-server log"; cat "$TMP/s.log"

start_glass "$TMP/d.log" --cert $CERTS/chain-demo-server.pem --key $CERTS/demo-server.key \
    --cert $CERTS/chain-demo-ec-server.pem --key $CERTS/demo-ec-server.key || exit 1
browse "$TMP/home" "https://localhost:$GPORT/"
check "both certificates: chromium gets the ECDSA one" \
    grep -q 'id="suite">TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256' "$TMP/dom.html"
stop_glass
echo "--- glass-server log (both certificates)"; cat "$TMP/d.log"
finish
