#!/bin/sh
# net.sh — glass-bench's network figures (run by glass-bench, which prints
# them in its table; runnable alone from the repository root).
#
#   handshakes: `openssl s_time -new -tls1_2 -cipher X` (full handshakes,
#     no resumption) against glass-server, then against `openssl s_server
#     -tls1_2 -no_ticket` with the same certificate chain (tests/certs:
#     RSA-2048 leaf and intermediate)
#     and suite, alternating, ROUNDS rounds of STIME seconds each; for each
#     server: handshakes per second of the SERVER's CPU time (utime + stime
#     of its process from /proc/PID/stat, before and after) and per wall
#     second (s_time's count over the wall time of its run).
#   bulk: a BULK_MB MiB file (256; 8 in quick mode) downloaded over
#     loopback by glass-client (AES-128-GCM, ECDHE) from glass-server --root
#     and from `openssl s_server -WWW`, alternating; MB/s = 10^6 bytes per
#     wall second of the download (glass-client's run, its output piped to
#     wc -c: the size is checked); also per second of the server's CPU time.
#   Fairness: both servers get the same chain, key and suite, and both
#     sit on the same loopback; their CPU is read the same way (all
#     threads, from /proc/PID/stat).  glass-server writes its one log line
#     per connection to a file; `s_server -quiet` logs nothing.
#   memory: glass-server's own resident memory per open connection, idle
#     and in the middle of a download, NMEM (100; 10 in quick mode)
#     connections held by one python3 client; no reference server can hold
#     them (s_server serves one at a time), so the reference column is the
#     40 KiB target.  See the section at the end.
#
# Output, one line per figure, tab-separated (glass-bench parses it):
#   FIGURE name glass glass_spread unit ref ref_spread ref_name target
# Each value is the median of the rounds; spread = (max-min)/median.
# Any other line is a note that glass-bench prints as it is.
# Environment: BUILD (build dir), GLASS_BENCH_QUICK=1 (one short round).
set -u
BUILD=${BUILD:-build}
CERTS=$(pwd)/tests/certs
if [ "${GLASS_BENCH_QUICK:-0}" != 0 ]; then
    ROUNDS=1; STIME=1; BULK_MB=8; NMEM=10
else
    ROUNDS=3; STIME=1; BULK_MB=256; NMEM=100
fi
TCK=$(getconf CLK_TCK)

for t in openssl python3 "$BUILD/bin/glass-server" "$BUILD/bin/glass-client"; do
    command -v "$t" >/dev/null 2>&1 || { echo "net: $t is missing, no network figures"; exit 0; }
done
TMP=$(mktemp -d)
PIDS=""
cleanup() {
    for p in $PIDS; do kill "$p" 2>/dev/null; done
    for p in $PIDS; do wait "$p" 2>/dev/null; done
    rm -rf "$TMP"
}
trap cleanup EXIT INT TERM

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}
wait_port() {   # until 127.0.0.1:$1 accepts (5 s max)
    python3 - "$1" <<'PY'
import socket, sys, time
for _ in range(100):
    try:
        socket.create_connection(("127.0.0.1", int(sys.argv[1])), 0.2).close(); sys.exit(0)
    except OSError:
        time.sleep(0.05)
sys.exit(1)
PY
}
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
now() { date +%s.%N; }
# stats v1 v2 ...: "median spread"
stats() {
    echo "$@" | tr ' ' '\n' | awk '$1 > 0' | sort -g | awk '
        { v[NR] = $1 } END {
            if (NR == 0) { print "-1 -1"; exit }
            m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
            printf "%.1f %.3f\n", m, (m > 0 ? (v[NR] - v[1]) / m : -1) }'
}
figure() {   # name unit refname target glass_values ref_values
    set -- "$1" "$2" "$3" "$4" "$(stats $5)" "$(stats $6)"
    printf 'FIGURE\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "${5% *}" "${5#* }" "$2" \
        "${6% *}" "${6#* }" "$3" "$4"
}

# start_glass_server PORT: glass-server on 127.0.0.1:PORT serving $TMP,
# its log appended to $TMP/glass-server.log; its PID in SPID (and PIDS)
start_glass_server() {
    "$BUILD/bin/glass-server" --listen 127.0.0.1:$1 --cert "$CERTS/chain-localhost.pem" \
        --key "$CERTS/leaf.key" --root "$TMP" 2>>"$TMP/glass-server.log" &
    SPID=$!
    PIDS="$PIDS $SPID"
}
GPORT=$(free_port)
start_glass_server $GPORT
GPID=$SPID
OPORT=$(free_port)
# -WWW serves files relative to its working directory ($TMP)
(cd "$TMP" && exec openssl s_server -quiet -accept $OPORT -tls1_2 -no_ticket \
    -cert "$CERTS/localhost.pem" -cert_chain "$CERTS/int.pem" -key "$CERTS/leaf.key" -WWW) \
    >"$TMP/s_server.log" 2>&1 </dev/null &
OPID=$!
PIDS="$PIDS $OPID"
wait_port $GPORT && wait_port $OPORT || { echo "net: a server did not start"; exit 0; }

# one_stime PID PORT CIPHER [-new|-reuse] -> "per_server_cpu_second
# per_wall_second" (s_time's own "real seconds" are whole seconds, so the
# wall time is ours).  -reuse: one full handshake, then every connection
# offers that session (its session ID) and is resumed: the abbreviated
# handshake, no public-key operation on either side.
one_stime() {
    c0=$(cpu_ticks "$1"); t0=$(now)
    out=$(timeout $((STIME + 20)) openssl s_time -connect 127.0.0.1:$2 ${4:--new} -tls1_2 \
          -cipher "$3" -time $STIME 2>&1)
    c1=$(cpu_ticks "$1"); t1=$(now)
    echo "$out" | awk -v c="$((c1 - c0))" -v tck="$TCK" -v t0="$t0" -v t1="$t1" '
        /connections in .* real seconds/ { n = $1 }
        END { if (n > 0 && c > 0) printf "%.1f %.1f\n", n / (c / tck), (n / (t1 - t0));
              else print "-1 -1" }'
}

for suite in ECDHE-RSA-AES128-GCM-SHA256 ECDHE-RSA-AES256-GCM-SHA384 \
             AES128-GCM-SHA256 AES256-GCM-SHA384; do
    gc=""; gw=""; oc=""; ow=""
    r=0
    while [ $r -lt $ROUNDS ]; do
        set -- $(one_stime $GPID $GPORT $suite); gc="$gc $1"; gw="$gw $2"
        set -- $(one_stime $OPID $OPORT $suite); oc="$oc $1"; ow="$ow $2"
        r=$((r + 1))
    done
    figure "handshakes $suite /server-CPU-s" "hs/s" "openssl s_server" 0.5 "$gc" "$oc"
    figure "handshakes $suite /wall-s" "hs/s" "openssl s_server" 0 "$gw" "$ow"
done

# resumed handshakes (RFC 5246 7.3, F.1.4): both servers keep a session
# cache by default (glass-server --session-cache, s_server's internal
# cache; s_server runs with -no_ticket, so both resume by session ID).
# glass-server logs session=resumed for each; the count is checked below.
for suite in ECDHE-RSA-AES128-GCM-SHA256 AES128-GCM-SHA256; do
    gc=""; oc=""
    r=0
    while [ $r -lt $ROUNDS ]; do
        set -- $(one_stime $GPID $GPORT $suite -reuse); gc="$gc $1"
        set -- $(one_stime $OPID $OPORT $suite -reuse); oc="$oc $1"
        r=$((r + 1))
    done
    figure "resumed handshakes $suite /server-CPU-s" "hs/s" "openssl s_server" 1.0 "$gc" "$oc"
done
echo "net: glass-server logged $(grep -c 'session=resumed' "$TMP/glass-server.log") resumed connections in the resumption rounds"

# bulk transfer: the file lives in $TMP (removed on exit); glass-server
# streams it (16 KiB read, one full record), so its size has no limit.
SIZE=$((BULK_MB * 1048576))
head -c $SIZE /dev/zero >"$TMP/bulk.bin"
one_get() {   # port server_pid -> "MB/s MB_per_server_CPU_s", or "-1 -1"
    c0=$(cpu_ticks "$2"); t0=$(now)
    got=$(timeout 120 "$BUILD/bin/glass-client" --cafile "$CERTS/root.pem" --suites C02F \
          "https://localhost:$1/bulk.bin" 2>>"$TMP/client.log" | wc -c)
    t1=$(now); c1=$(cpu_ticks "$2")
    if [ "$got" = "$SIZE" ]; then
        awk -v s="$SIZE" -v a="$t0" -v b="$t1" -v c="$((c1 - c0))" -v tck="$TCK" \
            'BEGIN { printf "%.1f %.1f\n", s / 1e6 / (b - a), (c > 0 ? s / 1e6 / (c / tck) : -1) }'
    else
        echo "net: bulk download from port $1 got $got of $SIZE bytes" >>"$TMP/client.log"
        echo "-1 -1"
    fi
}
gb=""; ob=""; gc=""; oc=""
r=0
while [ $r -lt $ROUNDS ]; do
    set -- $(one_get $GPORT $GPID); gb="$gb $1"; gc="$gc $2"
    set -- $(one_get $OPORT $OPID); ob="$ob $1"; oc="$oc $2"
    r=$((r + 1))
done
figure "bulk ${BULK_MB} MiB AES-128-GCM, glass-client" "MB/s" "openssl s_server -WWW" 0.6 "$gb" "$ob"
figure "bulk ${BULK_MB} MiB /server-CPU-s" "MB/s" "openssl s_server -WWW" 0 "$gc" "$oc"

# memory: glass-server's own resident memory (RssAnon in /proc/PID/status:
# anonymous pages, so heap and thread stacks, not the shared code) grown
# from 1 to 1 + NMEM open connections, / NMEM; a fresh server each round,
# so no earlier round's freed memory is counted or reused.  Clients: one
# python3 process (its ssl module) holding them all.  idle = after the
# handshake; mid-transfer = downloading bulk.bin, 16 KiB read, the rest
# left unread so the server stays blocked in the middle of a write.
mem_round() {   # mode -> bytes per connection, or -1
    port=$(free_port)
    start_glass_server $port
    mpid=$SPID
    if wait_port $port; then
        timeout 120 python3 - $port $mpid $NMEM "$1" <<'PY' || echo -1
import socket, ssl, sys, time
port, pid, n, mode = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4]
def rss_anon():
    with open("/proc/%s/status" % pid) as f:
        for line in f:
            if line.startswith("RssAnon:"):
                return int(line.split()[1]) * 1024
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
ctx.check_hostname = False
ctx.verify_mode = ssl.CERT_NONE
ctx.maximum_version = ssl.TLSVersion.TLSv1_2
def one():
    s = ctx.wrap_socket(socket.create_connection(("127.0.0.1", port)), server_hostname="localhost")
    if mode == "busy":
        s.sendall(b"GET /bulk.bin HTTP/1.1\r\nHost: localhost\r\n\r\n")
        got = 0
        while got < 16384:
            d = s.recv(16384 - got)
            if not d:
                raise SystemExit(1)
            got += len(d)
    return s
held = [one()]
time.sleep(0.3)
r0 = rss_anon()
held += [one() for _ in range(n)]
time.sleep(0.5)
print("%.0f" % ((rss_anon() - r0) / n))
for s in held:
    s.close()
PY
    else
        echo -1
    fi
    kill $mpid 2>/dev/null
    wait $mpid 2>/dev/null
}
for mode in idle busy; do
    v=""
    r=0
    while [ $r -lt $ROUNDS ]; do
        v="$v $(mem_round $mode)"
        r=$((r + 1))
    done
    if [ $mode = idle ]; then
        figure "memory/conn: glass-server RSS, $NMEM idle" "B" "target 40 KiB" 0 "$v" 40960
    else
        figure "memory/conn: glass-server RSS, $NMEM mid-transfer" "B" "target 40 KiB" -1 "$v" 40960
    fi
done
exit 0
