#!/bin/sh
# Lab 3, GCM nonce reuse (docs/labs/gcm-reuse.md).
#
# 1. The mathematics against an independent GCM: python3-cryptography's
#    AESGCM seals records under one random key and one nonce; glass-attack
#    gcm-reuse --solve must find H, which must equal AES_K(0^128) as
#    python computes it, and forge a record that AESGCM.decrypt accepts.
#    Under distinct nonces it must find nothing, and its forced forgery
#    must be refused by AESGCM.
# 2. Live, on loopback: glass-client fetches a public page through the
#    glass-attack relay from the lab glass-server --lab gcm-repeat-nonce.
#    The relay sees one explicit nonce repeated, finds H, and glass-client
#    prints the forged response as if the server had sent it.
# 3. The same against the normal glass-server: every sealed record has its
#    own nonce, there is nothing to solve, and the forged record is refused
#    by glass-client with bad_record_mac.
. tests/hs/interop_lib.sh
need python3
python3 -c 'import cryptography.hazmat.primitives.ciphers.aead' 2>/dev/null ||
    { echo "SKIP: python3-cryptography is not installed"; exit 0; }
LAB=$BUILD/labs
ATTACK=$LAB/glass-attack
for f in "$ATTACK" "$LAB/glass-server" "$BUILD/bin/glass-server" "$BUILD/bin/glass-client"; do
    [ -x "$f" ] || { bad "$f missing (make && make labs)"; finish; exit 1; }
done

# ---- 1. against AESGCM
python3 - "$ATTACK" "$TMP" <<'PY' && ok "solver: checked against python3-cryptography AESGCM (see the lines above)" || bad "solver: disagrees with AESGCM"
import os, sys, subprocess
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
tool, work = sys.argv[1], sys.argv[2]
fails = 0

def aad(seq, typ, n):
    return seq.to_bytes(8, "big") + bytes([typ, 3, 3]) + n.to_bytes(2, "big")

def run(key, nonces, msgs, known, forge, force=False):
    g = AESGCM(key)
    lines = []
    for i, (a, p) in enumerate(msgs):
        out = g.encrypt(nonces[i], p, a)
        k = " " + p.hex() if i == known else ""
        lines.append("record %s %s %s %s%s" % (nonces[i].hex(), a.hex(), out[:-16].hex(),
                                               out[-16:].hex(), k))
    lines.append("forge %s %s" % (forge[0].hex(), forge[1].hex()))
    path = os.path.join(work, "recs.txt")
    open(path, "w").write("\n".join(lines) + "\n")
    r = subprocess.run([tool, "gcm-reuse", "--solve", path] + (["--force"] if force else []),
                       capture_output=True, text=True, timeout=60)
    hs = [l.split("=", 1)[1].strip() for l in r.stdout.splitlines() if l.strip().startswith("H = ")]
    fg = [l.split()[1:] for l in r.stdout.splitlines() if l.startswith("forged: ")]
    return r, hs, fg

for trial in range(6):
    key = os.urandom(16 if trial % 2 == 0 else 32)
    enc = Cipher(algorithms.AES(key), modes.ECB()).encryptor()
    h = (enc.update(bytes(16)) + enc.finalize()).hex()
    nonce = os.urandom(12)
    body = os.urandom(20 + 37 * trial)
    msgs = [(aad(0, 22, 16), os.urandom(16)), (aad(1, 23, len(body)), body),
            (aad(2, 21, 2), b"\x01\x00")]
    fpt = b"forged record %d" % trial
    forge = (aad(1, 23, len(fpt)), fpt)
    r, hs, fg = run(key, [nonce] * 3, msgs, 1, forge)
    if r.returncode != 0 or hs != [h] or len(fg) != 1:
        print("FAIL trial %d: rc %d, H %s, want %s\n%s%s" % (trial, r.returncode, hs, h, r.stdout, r.stderr))
        fails += 1
        continue
    try:
        got = AESGCM(key).decrypt(bytes.fromhex(fg[0][0]), bytes.fromhex(fg[0][1] + fg[0][2]), forge[0])
        assert got == fpt
        print("ok   trial %d: H = AES_K(0) = %s; AESGCM accepts the forged record" % (trial, h))
    except (InvalidTag, AssertionError):
        print("FAIL trial %d: AESGCM refuses the forged record" % trial)
        fails += 1
    # the same records under distinct nonces: no equation, and a forced
    # forgery is refused
    nonces = [os.urandom(12) for _ in range(3)]
    r, hs, fg = run(key, nonces, msgs, 1, forge, force=(trial % 2 == 1))
    if trial % 2 == 0:
        if r.returncode == 0 or hs or fg or "no nonce repeats" not in r.stdout:
            print("FAIL trial %d: distinct nonces, yet: rc %d H %s forged %s" % (trial, r.returncode, hs, fg))
            fails += 1
        else:
            print("ok   trial %d: distinct nonces: nothing to solve, nothing forged" % trial)
    else:
        try:
            AESGCM(key).decrypt(bytes.fromhex(fg[0][0]), bytes.fromhex(fg[0][1] + fg[0][2]), forge[0])
            print("FAIL trial %d: a forced forgery under distinct nonces was accepted" % trial)
            fails += 1
        except InvalidTag:
            print("ok   trial %d: distinct nonces: the forced forgery is refused (InvalidTag)" % trial)
        except IndexError:
            print("FAIL trial %d: --force forged nothing\n%s" % (trial, r.stdout))
            fails += 1
# records of about 1 KB only: a polynomial of degree about 65, with more
# roots to split apart
key = os.urandom(16)
enc = Cipher(algorithms.AES(key), modes.ECB()).encryptor()
h = (enc.update(bytes(16)) + enc.finalize()).hex()
msgs = [(aad(i + 1, 23, 1000 + 7 * i), os.urandom(1000 + 7 * i)) for i in range(3)]
fpt = b"a longer forged record, still shorter than the known one"
forge = (aad(9, 23, len(fpt)), fpt)
r, hs, fg = run(key, [os.urandom(12)] * 3, msgs, 2, forge)
deg = [l for l in r.stdout.splitlines() if "polynomial of degree" in l]
if hs == [h] and len(fg) == 1 and AESGCM(key).decrypt(bytes.fromhex(fg[0][0]), bytes.fromhex(fg[0][1] + fg[0][2]), forge[0]) == fpt:
    print("ok   1 KB records: H = AES_K(0) found (%s); AESGCM accepts the forgery" % deg[0].strip())
else:
    print("FAIL 1 KB records: H %s, want %s\n%s" % (hs, h, r.stdout))
    fails += 1
sys.exit(1 if fails else 0)
PY

# ---- the public page, and the attacker's copy of it
mkdir -p "$TMP/www"
python3 -c 'import random; r = random.Random(22); print("\n".join("line %d: %s" % (i, "".join(random.choice("abcdefghij") for _ in range(60))) for i in range(2500)))' > "$TMP/www/index.html"
body='forged by glass-attack: the server never sent this'
printf 'HTTP/1.1 200 OK\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s\n' $((${#body} + 1)) "$body" > "$TMP/forge.txt"

# glass-server on a free port: server LOGNAME PROGRAM [ARGS...]
server() {
    name=$1; shift
    port=$(free_port)
    timeout 30 "$@" --listen 127.0.0.1:$port --root "$TMP/www" --count 1 >"$TMP/$name.log" 2>&1 &
    PIDS="$PIDS $!"
    wait_for "$TMP/$name.log" listening >/dev/null || { bad "$name: did not start: $(cat "$TMP/$name.log")"; return 1; }
    echo $port
}
# the attacker knows the public page: it fetches it itself, byte for byte
p=$(server known "$BUILD/bin/glass-server") || { finish; exit 1; }
timeout 20 "$BUILD/bin/glass-client" --cafile $CERTS/demo-ca.pem -i https://localhost:$p/ > "$TMP/known.txt" 2>"$TMP/known.err" ||
    bad "fetching the public page: $(cat "$TMP/known.err")"

# run NAME SERVER-PROGRAM [SERVER ARGS] : the relay between glass-client and it
run() {
    name=$1; shift
    sp=$(server "srv-$name" "$@") || return 1
    ap=$(free_port)
    timeout 30 "$ATTACK" gcm-reuse --force --listen 127.0.0.1:$ap --connect 127.0.0.1:$sp \
        --known "$TMP/known.txt" --forge "$TMP/forge.txt" >"$TMP/att-$name.log" 2>&1 &
    apid=$!; PIDS="$PIDS $apid"
    wait_for "$TMP/att-$name.log" relaying >/dev/null || { bad "$name: the relay did not start"; return 1; }
    start=$(date +%s.%N)
    timeout 20 "$BUILD/bin/glass-client" --cafile $CERTS/demo-ca.pem https://localhost:$ap/ \
        >"$TMP/cli-$name.out" 2>"$TMP/cli-$name.err"
    echo $? > "$TMP/cli-$name.rc"
    wait $apid
    echo "---- $name: glass-attack says"; sed 's/^/    /' "$TMP/att-$name.log"
    echo "---- $name: glass-client printed: $(cat "$TMP/cli-$name.out") $(cat "$TMP/cli-$name.err")"
}
field() { sed -n "s/^result: .*$1=\([^ ]*\).*/\1/p" "$2"; }

# ---- 2. the lab server, repeating its nonce
run lab "$LAB/glass-server" --lab gcm-repeat-nonce
A=$TMP/att-lab.log
n=$(field records "$A"); d=$(field distinct-nonces "$A"); c=$(field H-candidates "$A")
[ -n "$n" ] && [ "$n" -ge 4 ] && [ "$d" = 1 ] && ok "lab: $n sealed records from the server, all under one explicit nonce" ||
    bad "lab: records '$n', distinct nonces '$d'"
grep -q 'a Finished message' "$A" && grep -q 'close_notify' "$A" &&
    ok "lab: with the known page, the server's Finished and close_notify read without the key" ||
    bad "lab: the other records under the nonce were not read"
[ "$(field solved "$A")" = yes ] && [ "$(field confirmed "$A")" = 1 ] &&
    ok "lab: H found: $c root(s), one confirmed by the other records' tags" ||
    bad "lab: H not found ($c candidates)"
if [ "$(cat "$TMP/cli-lab.rc")" = 0 ] && grep -qF "$body" "$TMP/cli-lab.out"; then
    ok "lab: glass-client accepted the forged response and printed it"
else
    bad "lab: glass-client did not print the forgery (rc $(cat "$TMP/cli-lab.rc")): $(cat "$TMP/cli-lab.err")"
fi

# ---- 3. the normal server
run normal "$BUILD/bin/glass-server"
A=$TMP/att-normal.log
n=$(field records "$A"); d=$(field distinct-nonces "$A")
[ -n "$n" ] && [ "$n" -ge 4 ] && [ "$d" = "$n" ] && ok "normal: $n sealed records from the server under $d distinct nonces" ||
    bad "normal: records '$n', distinct nonces '$d': a nonce repeats"
sv=$(sed -n 's/^server: \([0-9]*\) sealed records under \([0-9]*\) distinct.*/\1 \2/p' "$A")
[ -n "$sv" ] && [ "${sv% *}" = "${sv#* }" ] || bad "normal: server nonces '$sv'"
grep -q 'no nonce repeats' "$A" && [ "$(field solved "$A")" = no ] &&
    ok "normal: nothing to solve; the relay forged anyway (--force)" || bad "normal: the attack claims a solution"
if [ "$(cat "$TMP/cli-normal.rc")" != 0 ] && grep -q bad_record_mac "$TMP/cli-normal.err" &&
   ! grep -qF "$body" "$TMP/cli-normal.out"; then
    ok "normal: glass-client refused the forged record: $(cat "$TMP/cli-normal.err")"
else
    bad "normal: glass-client did not refuse the forgery (rc $(cat "$TMP/cli-normal.rc")): $(cat "$TMP/cli-normal.out" "$TMP/cli-normal.err")"
fi
finish
