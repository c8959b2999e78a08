# web_lib.sh — shared pieces of tests/sh/web_*.sh (sourced after
# tests/hs/interop_lib.sh, which provides TMP, PIDS, ok/bad/finish).

# start_glass LOG ARGS...: glass-server on 127.0.0.1, port chosen by the
# kernel (--listen 127.0.0.1:0, read back from the "listening on" line).
# Sets GPID and GPORT; the server is stopped by its PID on exit.
start_glass() {
    _log=$1; shift
    "$BUILD/bin/glass-server" --listen 127.0.0.1:0 "$@" 2>"$_log" &
    GPID=$!
    PIDS="$PIDS $GPID"
    wait_for "$_log" "listening on" || return 1
    GPORT=$(sed -n 's|.*listening on https://127.0.0.1:\([0-9]*\)/.*|\1|p' "$_log")
    [ -n "$GPORT" ]
}

# stop_glass: SIGTERM by PID, then wait (bounded) for it to exit; sets
# GSTATUS to its exit status (124 when it had to be killed).
stop_glass() {
    kill -TERM "$GPID" 2>/dev/null
    _i=0
    while kill -0 "$GPID" 2>/dev/null && [ $_i -lt 100 ]; do sleep 0.1; _i=$((_i + 1)); done
    if kill -0 "$GPID" 2>/dev/null; then kill -KILL "$GPID"; wait "$GPID" 2>/dev/null; GSTATUS=124
    else wait "$GPID"; GSTATUS=$?; fi
}

# check NAME COMMAND...: ok when the command succeeds
check() {
    _name=$1; shift
    if "$@"; then ok "$_name"; else bad "$_name"; fi
}
