#!/bin/sh
# codec_headers.sh — one hop from the handshake table to the code: for
# every step of both roles (as glass-states prints the table), the header
# comment of the message's codec file names the handler of that step, and
# the handler is defined in lib/handshake/.
set -u
BUILD=${BUILD:-build}
TMP=$(mktemp); trap 'rm -f "$TMP"' EXIT
"$BUILD/bin/glass-states" > "$TMP" || { echo "FAIL glass-states"; exit 1; }
fails=0; rows=0
# | 4 | ServerKeyExchange | receives | ServerKeyExchange | `glass_client_recv_...()` | is_ecdhe | `lib/handshake/server_key_exchange.c` |
sed -n 's/^| [0-9]* |.*| `\([a-z_]*\)()` | .* | `\([a-z_/.]*\)` |$/\1 \2/p' "$TMP" > "$TMP.rows"
while read -r handler codec; do
    rows=$((rows + 1))
    # the header comment: everything before the first #include
    if ! sed '/^#include/,$d' "$codec" | grep -qw "$handler"; then
        echo "FAIL $codec: its header comment does not name $handler"
        fails=$((fails + 1))
    fi
    if ! grep -q "^int $handler(glass_hs \*hs, glass_hs_io \*io)$" lib/handshake/*.c; then
        echo "FAIL $handler: not defined in lib/handshake/"
        fails=$((fails + 1))
    fi
done < "$TMP.rows"
rm -f "$TMP.rows"
if [ "$rows" -lt 20 ]; then
    echo "FAIL only $rows table rows read from glass-states"; fails=$((fails + 1))
fi
[ $fails = 0 ] && echo "ok   $rows steps: each codec file's header names its handler"
[ $fails = 0 ]
