# interop_lib.sh — shared pieces of tests/sh/interop_*.sh (sourced, not run).
# Everything listens on 127.0.0.1 on a free port, every command is bounded
# by `timeout`, and every peer we start is stopped by its PID on exit.
BUILD=${BUILD:-build}
CERTS=tests/certs
TMP=$(mktemp -d)
PIDS=""
cleanup() {
    for p in $PIDS; do kill "$p" 2>/dev/null; done
    for p in $PIDS; do wait "$p" 2>/dev/null; done
    rm -rf "$TMP"
}
trap cleanup EXIT INT TERM
FAILS=0
PASSES=0

need() {   # tool...: SKIP (exit 0) when a peer cannot be installed
    for t in "$@"; do
        command -v "$t" >/dev/null 2>&1 || { echo "SKIP: $t is not installed"; exit 0; }
    done
}

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# wait_for FILE PATTERN: until the log of a starting server shows PATTERN (5 s max)
wait_for() {
    i=0
    while [ $i -lt 50 ]; do
        grep -q "$2" "$1" 2>/dev/null && return 0
        sleep 0.1; i=$((i + 1))
    done
    echo "server did not start: $(head -5 "$1")"
    return 1
}

# wait_port PORT: until something accepts connections on 127.0.0.1:PORT
# (only for servers that serve more than one connection)
wait_port() {
    python3 - "$1" <<'PY'
import socket, sys, time
for _ in range(50):
    try:
        socket.create_connection(("127.0.0.1", int(sys.argv[1])), 0.2).close(); sys.exit(0)
    except OSError:
        time.sleep(0.1)
sys.exit(1)
PY
}

ok()   { PASSES=$((PASSES + 1)); echo "ok   $*"; }
bad()  { FAILS=$((FAILS + 1)); echo "FAIL $*"; }

# split_chain FILE: writes $TMP/leaf.pem (first certificate) and
# $TMP/rest.pem (the others), for servers that take them apart
split_chain() {
    awk -v leaf="$TMP/leaf.pem" -v rest="$TMP/rest.pem" '
        /-----BEGIN CERTIFICATE-----/ { n++ }
        { if (n == 1) print > leaf; else if (n > 1) print > rest }' "$1"
    [ -f "$TMP/rest.pem" ] || : > "$TMP/rest.pem"
}

finish() {
    echo "$PASSES passed, $FAILS failed"
    [ "$FAILS" = 0 ]
}

# The four suites: IANA hex, OpenSSL name, GnuTLS priority fragment.
SUITES="C02F:ECDHE-RSA-AES128-GCM-SHA256:+ECDHE-RSA:+AES-128-GCM
C030:ECDHE-RSA-AES256-GCM-SHA384:+ECDHE-RSA:+AES-256-GCM
009C:AES128-GCM-SHA256:+RSA:+AES-128-GCM
009D:AES256-GCM-SHA384:+RSA:+AES-256-GCM"
gnutls_prio() { echo "NONE:+VERS-TLS1.2:$1:+AEAD:+SIGN-ALL:+GROUP-ALL:+COMP-NULL"; }
