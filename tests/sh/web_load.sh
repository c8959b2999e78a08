#!/bin/sh
# glass-server under load and faults, bounded, on 127.0.0.1:
# tests/web/load.py runs 200 sequential and 50 concurrent fetches, a fetch
# while 20 clients hold half-open handshakes, then 1,000 hostile
# connections (random bytes, cut or corrupted ClientHellos, bad record
# headers), and compares the server's descriptors and VmRSS before and
# after.  The server must then still serve, and exit 0 on SIGTERM.
set -u
. tests/hs/interop_lib.sh
. tests/web/web_lib.sh
need python3
start_glass "$TMP/s.log" --timeout 5 || exit 1
# make test SANITIZE=1: ASan's quarantine holds freed memory, so VmRSS is
# not compared; LeakSanitizer runs when the server exits (stop_glass checks
# its exit status is 0).
case "$BUILD" in *sanitize*) GLASS_SKIP_RSS=1; export GLASS_SKIP_RSS ;; esac
timeout 240 python3 tests/web/load.py "$GPORT" "$GPID" $CERTS/demo-ca.pem
st=$?
check "load.py: every step passed" [ $st = 0 ]
stop_glass
check "glass-server exits 0 on SIGTERM" [ "$GSTATUS" = 0 ]
echo "--- glass-server log: results"
LC_ALL=C sed -n 's/.*bytes=[0-9]*: //p' "$TMP/s.log" | sed 's/ in [A-Za-z]*:/:/; s/; alert.*//' | sort | uniq -c | sort -rn | head -20
finish
