#!/usr/bin/env python3
"""Expected values of tests/test_prf.c (TLS 1.2 key schedule), computed with
Python hmac/hashlib only: python3 tests/vectors/tools/gen_unit_prf.py"""
import hmac, hashlib
def p_hash(h, s, seed, n):
    out, a = b"", seed
    while len(out) < n:
        a = hmac.new(s, a, h).digest(); out += hmac.new(s, a + seed, h).digest()
    return out[:n]
pms = bytes([3, 3]) + bytes(range(46)); cr = bytes(range(100, 132)); sr = bytes(range(200, 232))
sh = hashlib.sha256(b"handshake messages").digest()
for name, h in (("SHA256", hashlib.sha256), ("SHA384", hashlib.sha384)):
    ms = p_hash(h, pms, b"master secret" + cr + sr, 48)
    print(name, "master", ms.hex())
    print(name, "ems", p_hash(h, pms, b"extended master secret" + sh, 48).hex())
    print(name, "keyblock", p_hash(h, ms, b"key expansion" + sr + cr, 72).hex())
    print(name, "client", p_hash(h, ms, b"client finished" + sh, 12).hex())
    print(name, "server", p_hash(h, ms, b"server finished" + sh, 12).hex())
