#!/bin/sh
# The hostile-peer suite (tests/test_hostile.c: evil client,
# test_hostile_client.c: evil server, test_hostile_premaster.c: bad RSA
# premasters) under valgrind: whatever the evil client or server sends, no
# invalid access, no use of uninitialised memory, no leak.
set -u
BUILD=${BUILD:-build}
. tests/sh/lib/valgrind_clean.sh
valgrind_clean 600 "hostile-peer suite" "$BUILD/tests/test_hostile" \
    "$BUILD/tests/test_hostile_client" "$BUILD/tests/test_hostile_premaster"
