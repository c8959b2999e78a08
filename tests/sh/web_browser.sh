#!/bin/sh
# A real browser renders a page from glass-server: Debian's
# chromium, headless, with a fresh profile, trusting the demo CA through an
# NSS database in $HOME/.pki/nssdb (made with certutil; HOME is a temporary
# folder), NOT with --ignore-certificate-errors.  --dump-dom prints the
# page as chromium built it; we check the page's content, and the server's
# log line for the connection.  Control: with no CA trusted, chromium must
# refuse the certificate and not show the page (the test can fail).
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
mkdir -p "$NSS" "$TMP/untrusting/.pki/nssdb"
certutil -d sql:"$NSS" -N --empty-password &&
certutil -d sql:"$NSS" -A -t "C,," -n "glasstls demo CA" -i $CERTS/demo-ca.pem ||
    { bad "certutil could not make the NSS database"; finish; exit 1; }
certutil -d sql:"$TMP/untrusting/.pki/nssdb" -N --empty-password

start_glass "$TMP/s.log" || exit 1
browse "$TMP/home" "https://localhost:$GPORT/"
st=$?
echo "--- the page as chromium built it"; cat "$TMP/dom.html"; echo
check "chromium exited 0" [ $st = 0 ]
check "page: heading" grep -q "<h1>Hello from glass-server</h1>" "$TMP/dom.html"
check "page: negotiated an ECDHE suite" grep -q 'id="suite">TLS_ECDHE_RSA_WITH_AES_\(128\|256\)_GCM_SHA' "$TMP/dom.html"
check "page: chromium sent SNI localhost" grep -q 'id="sni">localhost<' "$TMP/dom.html"
check "page: EMS in use" grep -q 'id="ems">yes' "$TMP/dom.html"
check "page: the handshake steps, ClientHello to Finished" \
    sh -c "grep -q '<li>received ClientHello' '$TMP/dom.html' && grep -q '<li>sent Finished' '$TMP/dom.html'"
check "server log: chromium's GET / answered 200" \
    grep -q 'sni=localhost suite=TLS_ECDHE.* ems=yes "GET /" 200 .*: ok' "$TMP/s.log"

# control: the same, with an empty NSS database: the certificate is refused
browse "$TMP/untrusting" "https://localhost:$GPORT/"
check "control: without the demo CA chromium does not show the page" \
    sh -c "! grep -q 'Hello from glass-server' '$TMP/dom.html'"
check "control: glass-server saw the certificate refused (an alert from chromium)" \
    grep -q "alert received: \(bad_certificate\|unknown_ca\|certificate_unknown\)" "$TMP/s.log"
stop_glass
check "glass-server exits 0 on SIGTERM" [ "$GSTATUS" = 0 ]
echo "--- glass-server log"; cat "$TMP/s.log"
finish
