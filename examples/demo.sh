#!/bin/sh
# make demo — the whole HTTPS journey on your own machine, over loopback:
# glass-server (the demo certificate, a free port) and glass-client with the
# level-1 trace, which names each step of the handshake as it happens.
# The server is stopped by its PID at the end, whatever happens.
set -u
BUILD=${1:-build}
log=$(mktemp)
"$BUILD/bin/glass-server" --listen 127.0.0.1:0 2>"$log" &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -f "$log"' EXIT INT TERM
i=0
until grep -q "listening on" "$log"; do
    i=$((i + 1))
    if [ $i -gt 50 ] || ! kill -0 $pid 2>/dev/null; then
        echo "demo: glass-server did not start:"; cat "$log"; exit 1
    fi
    sleep 0.1
done
port=$(sed -n 's|.*listening on https://127.0.0.1:\([0-9]*\)/.*|\1|p' "$log")
url="https://localhost:$port/"
trace="--trace 1"             # one line per step, named as in the textbook flow

cat <<TXT
== glass-server is listening on 127.0.0.1:$port with the DEMO certificate
   (tests/certs/demo-server.pem, signed by tests/certs/demo-ca.pem; its
   private key is in the repository: for demonstrations only).

== Enter the URL:  $url
   glass-client resolves "localhost" (DNS), opens a TCP connection, then
   does the TLS 1.2 handshake.  It trusts only the demo CA (--cafile).
   \$ glass-client --cafile tests/certs/demo-ca.pem -v $trace $url

TXT
out=$(mktemp)
"$BUILD/bin/glass-client" --cafile tests/certs/demo-ca.pem -v $trace -o "$out" "$url" 2>&1
status=$?
echo
if [ $status = 0 ]; then
    echo "== The response, decrypted; here it is rendered (tags removed):"
    echo
    sed -e 's|</th><td[^>]*>|: |g' -e 's|<li>|  - |g' -e 's/<[^>]*>//g' -e '/^[[:space:]]*$/d' -e 's/^/   /' "$out"
else
    echo "== glass-client failed (exit status $status)"
fi
rm -f "$out"
kill -TERM $pid 2>/dev/null
wait $pid 2>/dev/null
echo
echo "== glass-server's log (one line per connection):"
sed 's/^/   /' "$log"
exit $status
