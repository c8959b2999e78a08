#!/bin/sh
# The malformed-handshake corpus (tests/test_hs_corpus.c) under valgrind:
# no invalid access, no use of uninitialised memory, no leak.
set -u
BUILD=${BUILD:-build}
case "$BUILD" in *sanitize*) echo "SKIP: valgrind does not run ASan builds (ASan checks this build)"; exit 0 ;; esac
command -v valgrind >/dev/null 2>&1 || { echo "SKIP: valgrind is not installed"; exit 0; }
timeout 300 valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect,possible \
    --show-leak-kinds=definite,indirect,possible --error-exitcode=99 \
    "$BUILD/tests/test_hs_corpus"
rc=$?
[ $rc = 0 ] && echo "ok: corpus clean under valgrind (memcheck, leak-check=full)"
exit $rc
