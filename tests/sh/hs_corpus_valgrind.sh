#!/bin/sh
# The malformed-handshake corpus (tests/test_hs_corpus.c) under valgrind:
# no invalid access, no use of uninitialised memory, no leak.
set -u
BUILD=${BUILD:-build}
. tests/sh/lib/valgrind_clean.sh
valgrind_clean 300 corpus "$BUILD/tests/test_hs_corpus"
