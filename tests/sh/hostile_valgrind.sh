#!/bin/sh
# The hostile-peer suite (tests/test_hostile.c) under valgrind: whatever
# the evil client or server sends, no invalid access, no use of
# uninitialised memory, no leak.
set -u
BUILD=${BUILD:-build}
case "$BUILD" in *sanitize*) echo "SKIP: valgrind does not run ASan builds (ASan checks this build)"; exit 0 ;; esac
command -v valgrind >/dev/null 2>&1 || { echo "SKIP: valgrind is not installed"; exit 0; }
log=$(mktemp)
trap 'rm -f "$log"' EXIT
timeout 600 valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect,possible \
    --show-leak-kinds=definite,indirect,possible --error-exitcode=99 \
    "$BUILD/tests/test_hostile" >"$log" 2>&1
rc=$?
cat "$log"
# this valgrind cannot read some compilers' debug info (e.g. clang's DWARF 5)
if [ $rc != 0 ] && grep -q "debuginfo reader: .*\|I can't recover" "$log"; then
    echo "SKIP: valgrind cannot read this build's debug information (build with gcc)"
    exit 0
fi
[ $rc = 0 ] && echo "ok: hostile-peer suite clean under valgrind (memcheck, leak-check=full)"
exit $rc
