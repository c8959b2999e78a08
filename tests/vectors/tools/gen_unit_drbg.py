#!/usr/bin/env python3
"""Expected values of tests/test_drbg.c: HMAC_DRBG (SP 800-90A 10.1.2) with
SHA-512 written from the standard with Python hmac/hashlib only:
    python3 tests/vectors/tools/gen_unit_drbg.py"""
import hmac, hashlib
class D:
    def __init__(s, h, ent, nonce, pers):
        s.h = h; n = h().digest_size; s.K = b"\0" * n; s.V = b"\1" * n; s.upd(ent + nonce + pers)
    def mac(s, k, d): return hmac.new(k, d, s.h).digest()
    def upd(s, data):
        s.K = s.mac(s.K, s.V + b"\0" + data); s.V = s.mac(s.K, s.V)
        if data: s.K = s.mac(s.K, s.V + b"\1" + data); s.V = s.mac(s.K, s.V)
    def reseed(s, ent, add): s.upd(ent + add)
    def gen(s, n, add=b""):
        if add: s.upd(add)
        out = b""
        while len(out) < n: s.V = s.mac(s.K, s.V); out += s.V
        s.upd(add); return out[:n]
d = D(hashlib.sha512, bytes(range(32)), bytes(range(32, 48)), b"glasstls")
print(d.gen(100).hex())
d.reseed(bytes(range(64, 96)), b"more")
print(d.gen(100, b"add").hex())
