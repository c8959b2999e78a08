#!/usr/bin/env python3
"""Opens one TLS 1.2 AES-GCM record with python3-cryptography (RFC 5288:
nonce = salt || explicit nonce; RFC 5246 6.2.3.3: additional data =
seq_num || type || version || plaintext length) and checks its fields.

usage: gcm_open.py KEY SALT SEQ RECORD EXPECTED_PLAINTEXT   (hex but SEQ)
"""
import sys
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

key, salt, seq = bytes.fromhex(sys.argv[1]), bytes.fromhex(sys.argv[2]), int(sys.argv[3])
rec, want = bytes.fromhex(sys.argv[4]), bytes.fromhex(sys.argv[5])
typ, ver, length = rec[0], rec[1:3], int.from_bytes(rec[3:5], "big")
assert ver == b"\x03\x03", "record version"
assert length == len(rec) - 5, "record length"
explicit, body = rec[5:13], rec[13:]
assert explicit == seq.to_bytes(8, "big"), "explicit nonce is not the sequence number"
aad = seq.to_bytes(8, "big") + bytes([typ]) + ver + (len(body) - 16).to_bytes(2, "big")
pt = AESGCM(key).decrypt(salt + explicit, body, aad)
assert pt == want, "plaintext differs"
