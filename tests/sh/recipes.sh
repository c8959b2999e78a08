#!/bin/sh
# recipes.sh — every value --trace 3 derives can be re-computed by the
# student: fixed-seed glass-step runs with --trace 3 --recipes --dump-dir,
# then tests/tools/check_recipes.py runs each printed command (openssl
# kdf/dgst/pkeyutl/x509, coreutils, python3 cryptography) in the dump
# folder and compares its output with the traced value.  Four runs cover
# ECDHE and RSA key exchange, EMS and the classic master secret, SHA-256
# and SHA-384 suites; then glass-server and glass-client over loopback,
# each tracing its own side.  Then the check must fail when a recipe is wrong: a
# copy of the trace with one digit of a PRF secret changed, and one with
# a traced value changed.
set -u
BUILD=${BUILD:-build}
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT
fails=0; passes=0
ok()  { passes=$((passes + 1)); echo "ok   $*"; }
bad() { fails=$((fails + 1)); echo "FAIL $*"; }
for tool in openssl python3 basenc od; do
    command -v $tool >/dev/null 2>&1 || { echo "SKIP: $tool is not installed"; exit 0; }
done
python3 -c 'import cryptography' 2>/dev/null || { echo "SKIP: python3 has no cryptography"; exit 0; }

run() {   # tag, glass-step options, the recipes that must be there ("a|b|...")
    tag=$1; opts=$2
    rm -rf "$TMP/$tag"
    $BUILD/bin/glass-step --no-pause --seed 1 --trace 3 --recipes --dump-dir "$TMP/$tag" $opts \
        > "$TMP/$tag.txt" 2>&1 || { bad "$tag: glass-step $opts exited $?"; return; }
    if python3 tests/tools/check_recipes.py "$TMP/$tag.txt" "$TMP/$tag" "$always|$3" \
            > "$TMP/$tag.check"; then
        ok "$tag: $(tail -1 "$TMP/$tag.check") ($opts)"
    else
        cat "$TMP/$tag.check"; bad "$tag: recipes ($opts)"
    fi
}
always="client_write_key|server_write_key|client_write_IV|server_write_IV"
always="$always|hash of the client Finished|hash of the server Finished|client verify_data"
always="$always|server verify_data|plaintext of"
run ecdhe "--suite C02F" "session hash|extended master secret|premaster secret (X25519)|ServerKeyExchange signature"
run ecdhe384 "--suite C030" "session hash|extended master secret|premaster secret (X25519)|ServerKeyExchange signature"
run rsa "--suite 009C" "session hash|extended master secret|premaster secret (RSA)|the decrypted block"
run rsa-noems "--suite 009C --no-ems" "master secret|premaster secret (RSA)|the decrypted block"

# a real connection over loopback, each side traced alone: glass-server
# (ECDHE, which knows its key) and glass-client each print and dump their
# own side, and their recipes must hold too
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
timeout 30 $BUILD/bin/glass-server --listen 127.0.0.1:$port --cert tests/certs/chain-localhost.pem \
    --key tests/certs/leaf.key --count 1 --trace 3 --recipes --dump-dir "$TMP/srv" > "$TMP/srv.txt" 2>&1 &
spid=$!
i=0; while [ $i -lt 100 ] && ! grep -q listening "$TMP/srv.txt" 2>/dev/null; do sleep 0.1; i=$((i + 1)); done
if timeout 30 $BUILD/bin/glass-client --cafile tests/certs/root.pem --trace 3 --recipes \
        --dump-dir "$TMP/cli" https://localhost:$port/ > /dev/null 2> "$TMP/cli.txt"; then
    wait $spid
    live="ServerKeyExchange signature|premaster secret (X25519)|session hash|extended master secret"
    live="$live|client_write_key|server_write_IV|hash of the client Finished|hash of the server Finished"
    live="$live|client verify_data|server verify_data"
    # glass-server tags its connection's lines ("[c1] ") and gives it the
    # folder conn-0001 of --dump-dir
    sed -n 's/^\[c1\] //p' "$TMP/srv.txt" > "$TMP/srv-c1.txt"
    for side in srv cli; do
        txt=$TMP/$side.txt; dir=$TMP/$side
        [ $side = srv ] && txt=$TMP/srv-c1.txt && dir=$TMP/srv/conn-0001
        if python3 tests/tools/check_recipes.py "$txt" "$dir" "$live" > "$TMP/$side.check"
        then ok "loopback $side: $(tail -1 "$TMP/$side.check")"
        else cat "$TMP/$side.check"; bad "loopback $side: recipes"; fi
    done
else
    bad "loopback: glass-client failed: $(tail -3 "$TMP/cli.txt")"
    kill "$spid" 2>/dev/null; wait "$spid" 2>/dev/null
fi

# the files are there, numbered in order, the first a ClientHello
first=$(ls "$TMP/ecdhe" | head -1)
[ "$first" = 01-client-ClientHello.bin ] && ok "dump: the first file is $first" ||
    bad "dump: the first file is $first"
[ "$(od -An -tx1 -N1 "$TMP/ecdhe/$first" | tr -d ' ')" = 01 ] && ok "dump: it starts with type 1" ||
    bad "dump: $first does not start with client_hello (1)"
openssl x509 -inform DER -in "$TMP/ecdhe/05-server-Certificate-0.der" -noout -subject >/dev/null 2>&1 &&
    ok "dump: the leaf certificate is DER openssl reads" || bad "dump: no readable leaf certificate"

# the check fails when a command is wrong (the RSA premaster, 03 03 ..., made 03 02 ...)
sed '/recipe: master secret =/{n;s/hexsecret:0303/hexsecret:0302/}' "$TMP/rsa-noems.txt" \
    > "$TMP/wrong-cmd.txt"
if cmp -s "$TMP/rsa-noems.txt" "$TMP/wrong-cmd.txt"; then
    bad "could not make a wrong command"
elif python3 tests/tools/check_recipes.py "$TMP/wrong-cmd.txt" "$TMP/rsa-noems" > "$TMP/w1" 2>&1; then
    bad "a recipe with a wrong secret passes the check"
else
    ok "a recipe with a wrong secret fails: $(grep -m1 '^FAIL' "$TMP/w1" | cut -c1-70)"
fi
# ... and when a traced value is wrong (the master secret, in its recipe line and the trace)
ms=$(sed -n 's/^ *recipe: master secret = \([0-9a-f]*\)$/\1/p' "$TMP/rsa-noems.txt")
bad_ms=$(echo "$ms" | sed 's/^./0/'); [ "$bad_ms" = "$ms" ] && bad_ms=$(echo "$ms" | sed 's/^./1/')
sed "s/$ms/$bad_ms/g" "$TMP/rsa-noems.txt" > "$TMP/wrong-value.txt"
if [ -z "$ms" ]; then
    bad "no master secret recipe to change"
elif python3 tests/tools/check_recipes.py "$TMP/wrong-value.txt" "$TMP/rsa-noems" > "$TMP/w2" 2>&1; then
    bad "a wrong traced master secret passes the check"
else
    ok "a wrong traced master secret fails: $(grep -m1 '^FAIL' "$TMP/w2" | cut -c1-70)"
fi
echo "$passes passed, $fails failed"
[ $fails = 0 ]
