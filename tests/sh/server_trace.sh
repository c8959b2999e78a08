#!/bin/sh
# server_trace.sh — glass-server's trace, connection by connection, over
# loopback:
#   - with --trace 1 and connections in flight at once (a 3 MB download
#     beside short ones), every trace line on stderr starts with its
#     connection's id ("[c2] "), each id's lines are one whole handshake,
#     and the id is on that connection's log line;
#   - --trace-dir DIR writes DIR/conn-0001.txt ... one per connection
#     (mode 0600, untagged, nothing on stderr but the log lines), at level
#     2 when --trace is not given;
#   - --dump-dir DIR gives each connection its folder, DIR/conn-0001/ ...;
#   - bounded: a level-3 trace of the download stops past 4 MiB with a
#     line saying so;
#   - a --trace-dir that is not a folder is refused.
set -u
. tests/hs/interop_lib.sh
. tests/web/web_lib.sh
CA=$CERTS/demo-ca.pem
mkdir -p "$TMP/www" "$TMP/tr" "$TMP/tr3"
head -c 3000000 /dev/urandom > "$TMP/www/big.bin"
echo small > "$TMP/www/a.txt"
get() { timeout 30 "$BUILD/bin/glass-client" --cafile "$CA" -o /dev/null "https://localhost:$GPORT/$1"; }

# ---- tagged lines on stderr
start_glass "$TMP/s.log" --count 4 --trace 1 --root "$TMP/www" || exit 1
get big.bin & p1=$!
get a.txt; get a.txt
timeout 30 "$BUILD/bin/glass-client" --cafile "$CERTS/other-root.pem" -o /dev/null \
    "https://localhost:$GPORT/" 2>/dev/null
wait $p1
stop_glass
check "every trace line starts with a connection id" \
    sh -c "! grep -Ev '^(glass-server: |\[c[0-9]+\] )' '$TMP/s.log' | grep -q ."
for id in 1 2 3 4; do
    check "[c$id]: one ClientHello, one log line with its id" \
        [ "$(grep -c "^\[c$id\] Client -> Server: ClientHello" "$TMP/s.log")" = 1 -a \
          "$(grep -c "^glass-server: \[c$id\] 127.0.0.1:" "$TMP/s.log")" = 1 ]
done
check "the download's lines are all tagged with its own id" python3 - "$TMP/s.log" <<'PY'
import re, sys
lines = open(sys.argv[1]).read().splitlines()
big = [m.group(1) for l in lines for m in [re.match(r'glass-server: \[c(\d+)\] .*"GET /big.bin" 200', l)] if m]
assert len(big) == 1, big
mine = [l for l in lines if l.startswith('[c%s] ' % big[0])]
# its ~184 records of 16 kB, each one "encrypt" line, all under its id
assert sum('encrypt 16384 bytes' in l for l in mine) >= 180, len(mine)
assert not any('encrypt 16384 bytes' in l for l in lines if not l.startswith('[c%s] ' % big[0]))
PY
check "the refused connection's trace has its alert" grep -q '^\[c[0-9]\] Client -> Server: alert unknown_ca' "$TMP/s.log"

# ---- one file per connection
start_glass "$TMP/d.log" --count 3 --trace-dir "$TMP/tr" --root "$TMP/www" || exit 1
get a.txt; get a.txt; get a.txt
stop_glass
check "three files, conn-0001.txt to conn-0003.txt" \
    [ "$(cd "$TMP/tr" && ls | tr '\n' ' ')" = "conn-0001.txt conn-0002.txt conn-0003.txt " ]
for f in "$TMP"/tr/conn-000*.txt; do
    n=$(basename "$f")
    check "$n: one handshake, untagged, at level 2" \
        [ "$(grep -c '^Client -> Server: ClientHello' "$f")" = 1 -a \
          "$(grep -c '^-- Server enters state' "$f")" -ge 5 ]
    check "$n: readable by its owner only" [ "$(stat -c %a "$f")" = 600 ]
done
check "stderr holds only the log lines" sh -c "! grep -v '^glass-server: ' '$TMP/d.log' | grep -q ."
check "the log lines carry the ids of the files" [ "$(grep -c '^glass-server: \[c[123]\] ' "$TMP/d.log")" = 3 ]

# ---- --dump-dir: a folder per connection
start_glass "$TMP/dd.log" --count 2 --dump-dir "$TMP/dump" --root "$TMP/www" || exit 1
get a.txt; get a.txt
stop_glass
check "--dump-dir: a folder per connection, conn-0001 and conn-0002" \
    [ "$(cd "$TMP/dump" 2>/dev/null && ls | tr '\n' ' ')" = "conn-0001 conn-0002 " ]
check "--dump-dir: each holds its own ClientHello" \
    [ "$(ls "$TMP/dump/conn-0001" | grep -c -- '-client-ClientHello.bin$')" = 1 -a \
      "$(ls "$TMP/dump/conn-0002" | grep -c -- '-client-ClientHello.bin$')" = 1 ]

# ---- bounded
start_glass "$TMP/b.log" --count 1 --trace 3 --trace-dir "$TMP/tr3" --root "$TMP/www" || exit 1
get big.bin
stop_glass
f=$TMP/tr3/conn-0001.txt
size=$(stat -c %s "$f" 2>/dev/null || echo 0)
check "a level-3 trace of 3 MB stops past 4 MiB ($size bytes)" \
    [ "$size" -gt 4194304 -a "$size" -lt $((4194304 + 262144)) ]
check "its last line says why" sh -c "tail -1 '$f' | grep -q '^\[trace stopped: this file passed 4194304 bytes\]$'"

# ---- refused
timeout 5 "$BUILD/bin/glass-server" --listen 127.0.0.1:0 --trace-dir "$TMP/none" 2>"$TMP/r.log"
check "a --trace-dir that does not exist is refused" [ $? = 1 ]
check "and says so" grep -q -- '--trace-dir .*: not a folder' "$TMP/r.log"
finish
