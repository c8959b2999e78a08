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
#   handshake scaling: glass-server --workers 1 against --workers 2, each
#     driven by `glass-bench --hsload` (16 connections at once: a load
#     generator whose CPU per handshake is a fraction of the server's);
#     handshakes per wall second (target: 2 workers >= 1.8x 1 worker), per
#     server CPU second, the server's CPU cores used, and the load's own
#     CPU per handshake.
#   memory: glass-server's own resident memory (RssAnon) per open
#     connection, idle after the handshake and in the middle of a
#     download, with 100, 1,000 and 10,000 connections (10 and 100 in quick
#     mode) held by one python3 client (server_scale.py); no reference
#     server can hold them (s_server serves one at a time), so the
#     reference column is the 40 KiB target.  The descriptor limit is
#     raised inside this script only.
#   load: 1,000 half-open connections held while 200 clients fetch at once
#     (100 and 20 in quick mode): every fetch must succeed; latencies; the
#     server's descriptors and RssAnon back to their start afterwards.
#
# Output, one line per figure, tab-separated (glass-bench parses it):
#   FIGURE name glass glass_spread unit ref ref_spread ref_name target
# Each value is the median of the rounds; spread = (max-min)/median.
# Any other line is a note that glass-bench prints as it is.
# Environment: BUILD (build dir), GLASS_BENCH_QUICK=1 (one short round),
# NET_PARTS (a list of parts: handshakes resumed bulk scaling memory load).
set -u
BUILD=${BUILD:-build}
CERTS=$(pwd)/tests/certs
if [ "${GLASS_BENCH_QUICK:-0}" != 0 ]; then
    ROUNDS=1; STIME=1; BULK_MB=8; NMEMS="10 100"; HALF=100; CONC=20; WARM=40
else
    ROUNDS=3; STIME=1; BULK_MB=256; NMEMS="100 1000 10000"; HALF=1000; CONC=200; WARM=1100
fi
TCK=$(getconf CLK_TCK)
# NET_PARTS: which parts to run (all by default), e.g. NET_PARTS="memory load"
NET_PARTS=${NET_PARTS:-handshakes resumed bulk scaling memory load}
want() { case " $NET_PARTS " in *" $1 "*) return 0 ;; esac; return 1; }

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

if want handshakes; then
for suite in ECDHE-RSA-AES128-GCM-SHA256 ECDHE-RSA-AES256-GCM-SHA384 \
             AES128-GCM-SHA256 AES256-GCM-SHA384; do
    gc=""; gw=""; oc=""; ow=""
    r=0
    while [ $r -lt $ROUNDS ]; do
        set -- $(one_stime $GPID $GPORT $suite); gc="$gc $1"; gw="$gw $2"
        set -- $(one_stime $OPID $OPORT $suite); oc="$oc $1"; ow="$ow $2"
        r=$((r + 1))
    done
    figure "handshakes $suite /server-CPU-s" "hs/s" "openssl s_server" 1.0 "$gc" "$oc"
    figure "handshakes $suite /wall-s" "hs/s" "openssl s_server" 0 "$gw" "$ow"
done
fi

# resumed handshakes (RFC 5246 7.3, F.1.4): both servers keep a session
# cache by default (glass-server --session-cache, s_server's internal
# cache; s_server runs with -no_ticket, so both resume by session ID).
# glass-server logs session=resumed for each; the count is checked below.
if want resumed; then
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
fi

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
if want bulk; then
gb=""; ob=""; gc=""; oc=""
r=0
while [ $r -lt $ROUNDS ]; do
    set -- $(one_get $GPORT $GPID); gb="$gb $1"; gc="$gc $2"
    set -- $(one_get $OPORT $OPID); ob="$ob $1"; oc="$oc $2"
    r=$((r + 1))
done
figure "bulk ${BULK_MB} MiB AES-128-GCM, glass-client" "MB/s" "openssl s_server -WWW" 1.0 "$gb" "$ob"
figure "bulk ${BULK_MB} MiB /server-CPU-s" "MB/s" "openssl s_server -WWW" 1.0 "$gc" "$oc"
fi

# The servers above are done with: only glass-server from here on.
for p in $PIDS; do kill "$p" 2>/dev/null; done
for p in $PIDS; do wait "$p" 2>/dev/null; done
PIDS=""

# Descriptors (memory, load): the server needs one per connection (its
# socket; a file being sent is one descriptor per worker, shared by its
# connections), the client as many; the limit is raised here, for this
# script and what it starts only (to the hard limit at most, unless the
# script may raise that).
MAXN=$((HALF + CONC))
for n in $NMEMS; do [ $n -gt $MAXN ] && MAXN=$n; done
NEED_FD=$((MAXN + 100))
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt $NEED_FD ]; then
    ulimit -n $NEED_FD 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null
fi
FDLIM=$(ulimit -n)
[ "$FDLIM" = unlimited ] && FDLIM=$NEED_FD

if want scaling; then
# handshakes per wall second with both cores busy: glass-server with
# --workers 1 and with --workers 2, each driven by `glass-bench --hsload`
# (hsload.c: a load generator, not a client; real full handshakes, RSA key
# exchange, AES128-GCM-SHA256, extended master secret, the server's
# Finished checked, but no certificate checks and one premaster secret
# encrypted once, so it spends ~0.1-0.2 ms of CPU per handshake against
# the server's ~0.8: openssl s_time spent ~1.06 ms and capped both worker
# counts alike, docs/performance.md).  HSCONC connections at once (one
# thread each), alternating, ROUNDS rounds of STIME2 seconds.  The ratio
# is workers 2 over workers 1; the machine's other jobs share the two
# cores, so the load average is printed with the figures, and the
# "server CPU use" row says how much of a core the server got.
HSCONC=16
if [ "${GLASS_BENCH_QUICK:-0}" != 0 ]; then STIME2=1; else STIME2=3; fi
S_PORT1=$(free_port); S_PORT2=$(free_port)
"$BUILD/bin/glass-server" --listen 127.0.0.1:$S_PORT1 --workers 1 --cert "$CERTS/chain-localhost.pem" \
    --key "$CERTS/leaf.key" --root "$TMP" 2>>"$TMP/glass-server-w1.log" &
W1=$!
"$BUILD/bin/glass-server" --listen 127.0.0.1:$S_PORT2 --workers 2 --cert "$CERTS/chain-localhost.pem" \
    --key "$CERTS/leaf.key" --root "$TMP" 2>>"$TMP/glass-server-w2.log" &
W2=$!
PIDS="$PIDS $W1 $W2"
# conc_hsload PID PORT -> "hs_per_wall_s hs_per_server_cpu_s
# server_cpu_percent client_cpu_us_per_hs" (-1 each on any failure)
conc_hsload() {
    c0=$(cpu_ticks "$1")
    out=$(timeout $((STIME2 + 30)) "$BUILD/bin/glass-bench" --hsload $2 $HSCONC $STIME2 2>&1)
    rc=$?
    c1=$(cpu_ticks "$1")
    if [ $rc != 0 ]; then
        echo "net: glass-bench --hsload against port $2 failed: $out" >&2
        echo "-1 -1 -1 -1"; return
    fi
    echo "$out" | awk -v c="$((c1 - c0))" -v tck="$TCK" '
        /^handshakes=/ { for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] } }
        END { n = v["handshakes"]; w = v["wall_s"]
              if (n > 0 && w > 0 && c > 0)
                  printf "%.1f %.1f %.0f %.1f\n", n / w, n / (c / tck), 100 * (c / tck) / w, v["cpu_us_per_hs"];
              else print "-1 -1 -1 -1" }'
}
if [ ! -x "$BUILD/bin/glass-bench" ]; then
    echo "net: $BUILD/bin/glass-bench is missing, no scaling figures"
elif wait_port $S_PORT1 && wait_port $S_PORT2; then
    echo "net: load average before the scaling rounds: $(cut -d' ' -f1-3 /proc/loadavg)"
    a1=""; a2=""; b1=""; b2=""; k1=""; k2=""; u1=""; u2=""
    r=0
    while [ $r -lt $ROUNDS ]; do
        set -- $(conc_hsload $W1 $S_PORT1); a1="$a1 $1"; b1="$b1 $2"; k1="$k1 $3"; u1="$u1 $4"
        set -- $(conc_hsload $W2 $S_PORT2); a2="$a2 $1"; b2="$b2 $2"; k2="$k2 $3"; u2="$u2 $4"
        r=$((r + 1))
    done
    figure "handshakes, hsload x$HSCONC: --workers 2 /wall-s" "hs/s" "--workers 1" 1.8 "$a2" "$a1"
    figure "handshakes, hsload x$HSCONC: --workers 2 /server-CPU-s" "hs/s" "--workers 1" 0 "$b2" "$b1"
    figure "handshakes, hsload x$HSCONC: server CPU use" "% core" "--workers 1" 0 "$k2" "$k1"
    figure "handshakes, hsload x$HSCONC: load's CPU per hs" "us" "--workers 1" 0 "$u2" "$u1"
    echo "net: load average after the scaling rounds: $(cut -d' ' -f1-3 /proc/loadavg)"
    logged=$(cat "$TMP/glass-server-w1.log" "$TMP/glass-server-w2.log" | grep -c '\] 127\.' )
    okc=$(cat "$TMP/glass-server-w1.log" "$TMP/glass-server-w2.log" | grep -c 'closed by the client before any request (close_notify)')
    # the rest: wait_port's two probes, and anything that went wrong
    echo "net: the --workers servers logged $logged connections, $okc of them closed by hsload's close_notify (2 are wait_port's probes)"
else
    echo "net: the --workers servers did not start"
fi
for p in $PIDS; do kill "$p" 2>/dev/null; done
for p in $PIDS; do wait "$p" 2>/dev/null; done
PIDS=""

fi
if want memory; then
# memory: glass-server's own resident memory (RssAnon in /proc/PID/status:
# anonymous pages, the heap and the thread stacks, not the shared code)
# grown from 4 to 4 + N open connections, / N, for each N of NMEMS; a fresh
# server each round, so no earlier round's freed memory is counted or
# reused.  Clients: one python3 process (server_scale.py mem, its ssl
# module, two threads) holding them all.  idle = after the handshake (the
# server waits for the request); mid-transfer = each downloading big.bin
# (BULK_MB MiB), 16 KiB read, the rest left unread so the server stays blocked
# in the middle of a write; for those the server runs with --sndbuf 8192,
# so 10,000 stalled sockets hold ~200 MB of kernel buffers and not the
# ~4 MB each the kernel would let them grow to (more than its TCP memory
# limit allows).  --timeout 300: no connection times out while the others
# are opened (10,000 take about half a minute).
ln "$TMP/bulk.bin" "$TMP/big.bin"       # server_scale.py mem asks for big.bin
mem_round() {   # N mode -> bytes per connection, or -1
    port=$(free_port)
    extra=""
    [ "$2" = busy ] && extra="--sndbuf 8192"
    "$BUILD/bin/glass-server" --listen 127.0.0.1:$port --cert "$CERTS/chain-localhost.pem" \
        --key "$CERTS/leaf.key" --root "$TMP" --max-conns $(($1 + 100)) --timeout 300 $extra \
        2>>"$TMP/glass-server-mem.log" &
    mpid=$!
    PIDS="$PIDS $mpid"
    if wait_port $port; then
        timeout 300 python3 examples/glass-bench/server_scale.py mem $port $mpid $1 $2 || echo -1
    else
        echo -1
    fi
    kill $mpid 2>/dev/null
    wait $mpid 2>/dev/null
}
for n in $NMEMS; do
    # 10,000 connections take a minute a round: one round of those
    rounds=$ROUNDS
    [ $n -ge 10000 ] && rounds=1
    for mode in idle busy; do
        # When the limit is lower, as many connections as it allows, and
        # the row says how many.
        per=1
        m=$n
        [ $((per * m + 100)) -gt "$FDLIM" ] && m=$(((FDLIM - 100) / per))
        [ $m != $n ] && echo "net: $n connections $mode need $((per * n + 100)) descriptors," \
            "the limit is $FDLIM (ulimit -Hn: $(ulimit -Hn)): $m instead"
        v=""
        r=0
        while [ $r -lt $rounds ]; do
            v="$v $(mem_round $m $mode | tail -n 1)"
            r=$((r + 1))
        done
        label=idle; [ $mode = busy ] && label=mid-transfer
        figure "memory/conn: glass-server RSS, $m $label" "B" "target 40 KiB" -1 "$v" 40960
    done
done

fi
if want load; then
# the load run: a glass-server with the default --timeout (10 s) and room
# for HALF + CONC connections (--max-conns); server_scale.py load fills
# its session cache (WARM handshakes), runs the cycle below once unmeasured
# (what the first run of each path leaves for good, the workers' stack
# pages and malloc's bookkeeping, belongs to the start), notes the server's
# descriptors and RssAnon,
# opens HALF half-open connections (a quarter each: TCP only; a record
# header; half a ClientHello; a finished handshake and no request), then
# starts CONC clients at once, each fetching a 64 KiB file over a new
# connection; then closes the half-open ones.  After: the descriptors
# exactly as at the start, RssAnon within 2 % of it.  Bounded: 120 s for the
# fetches, 10 s for the server to see the closes, 300 s in all.
head -c 65536 /dev/zero >"$TMP/load.bin"
port=$(free_port)
"$BUILD/bin/glass-server" --listen 127.0.0.1:$port --cert "$CERTS/chain-localhost.pem" \
    --key "$CERTS/leaf.key" --root "$TMP" --max-conns $((HALF + CONC + 100)) \
    2>>"$TMP/glass-server-load.log" &
lpid=$!
PIDS="$PIDS $lpid"
if wait_port $port; then
    out=$(timeout 300 python3 examples/glass-bench/server_scale.py load $port $lpid $HALF $CONC \
          load.bin $WARM 2>&1)
    echo "$out" | sed 's/^/net: load run: /'
    val() { echo "$out" | tr ' ' '\n' | sed -n "s/^$1=//p" | head -n 1; }
    figure "load: fetches ok, $HALF half-open + $CONC at once" "fetches" "started" 1.0 \
        "$(val ok)" "$(val of)"
    figure "load: fetch latency p50" "ms" "n/a" 0 "$(val p50_ms)" 0
    figure "load: fetch latency p99" "ms" "n/a" 0 "$(val p99_ms)" 0
    figure "load: fetch latency max" "ms" "n/a" 0 "$(val max_ms)" 0
    figure "load: server fds during, vs start + $HALF" "fds" "start + $HALF" 0 \
        "$(val fd_after_fetches)" "$(( $(val fd_start) + HALF ))"
    figure "load: server fds after, vs start" "fds" "at the start" -1.0 \
        "$(val fd_end)" "$(val fd_start)"
    figure "load: server RssAnon after, vs start" "B" "at the start" -1.02 \
        "$(val rss_end)" "$(val rss_start)"
else
    echo "net: the load server did not start"
fi
fi
exit 0
