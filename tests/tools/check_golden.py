#!/usr/bin/env python3
"""Checks a golden handshake transcript (tests/vectors/handshake_*.hex) with
an implementation independent of glasstls: Python's hmac/hashlib for the
HMAC_DRBG (NIST SP 800-90A 10.1.2) and the TLS 1.2 PRF (RFC 5246 section 5,
RFC 7627), python3-cryptography for X25519, RSA and AES-GCM.

    python3 tests/tools/check_golden.py tests/vectors/handshake_ecdhe_aes128.hex

Knowing only the client's fixed DRBG seed (tests/helpers/hs_fixture.c), it
re-derives the client's random values, checks them against the ClientHello
and ClientKeyExchange on the wire, recomputes the premaster and master
secrets, verifies the ServerKeyExchange signature with the certificate's
key, decrypts both Finished messages and checks their verify_data, and
decrypts the application data.  Exit status 0 when every check passes.
"""
import hashlib
import hmac
import sys

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, x25519
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

CLIENT_SEED = b"glasstls test client entropy, fixed"   # tests/helpers/hs_fixture.c
SUITES = {0x009C: ("rsa", hashlib.sha256, 16), 0x009D: ("rsa", hashlib.sha384, 32),
          0xC02F: ("ecdhe", hashlib.sha256, 16), 0xC030: ("ecdhe", hashlib.sha384, 32)}
SIGHASH = {0x0401: hashes.SHA256(), 0x0501: hashes.SHA384(), 0x0601: hashes.SHA512()}


class HmacDrbg:
    """SP 800-90A 10.1.2 with SHA-256, no nonce, no personalization."""
    def __init__(self, entropy):
        self.k, self.v = b"\0" * 32, b"\1" * 32
        self._update(entropy)

    def _h(self, key, data):
        return hmac.new(key, data, hashlib.sha256).digest()

    def _update(self, provided):
        self.k = self._h(self.k, self.v + b"\0" + provided)
        self.v = self._h(self.k, self.v)
        if provided:
            self.k = self._h(self.k, self.v + b"\1" + provided)
            self.v = self._h(self.k, self.v)

    def generate(self, n):
        out = b""
        while len(out) < n:
            self.v = self._h(self.k, self.v)
            out += self.v
        self._update(b"")
        return out[:n]


def prf(h, secret, label, seed, n):
    """RFC 5246 section 5: P_hash(secret, label + seed)."""
    seed = label + seed
    a, out = seed, b""
    while len(out) < n:
        a = hmac.new(secret, a, h).digest()
        out += hmac.new(secret, a + seed, h).digest()
    return out[:n]


def read_sends(path):
    sends = []
    for line in open(path):
        if line[:1] in ("C", "S"):
            who, hexs = line.split()
            sends.append((who, bytes.fromhex(hexs)))
    return sends


def records(stream):
    out, i = [], 0
    while i < len(stream):
        assert i + 5 <= len(stream), "truncated record header"
        n = int.from_bytes(stream[i + 3:i + 5], "big")
        out.append((stream[i], stream[i + 5:i + 5 + n]))
        i += 5 + n
    return out


def split_messages(data):
    out, i = [], 0
    while i < len(data):
        n = int.from_bytes(data[i + 1:i + 4], "big")
        out.append(data[i:i + 4 + n])
        i += 4 + n
    return out


def flight(recs):
    """Plaintext handshake messages before the ChangeCipherSpec, and the
    protected records after it."""
    plain, prot, ccs = b"", [], False
    for t, frag in recs:
        if t == 20:
            ccs = True
        elif not ccs and t == 22:
            plain += frag
        elif ccs:
            prot.append((t, frag))
    return split_messages(plain), prot


def open_record(key, salt, seq, t, frag):
    nonce = salt + frag[:8]
    body = frag[8:]
    aad = seq.to_bytes(8, "big") + bytes([t]) + b"\x03\x03" + (len(body) - 16).to_bytes(2, "big")
    return AESGCM(key).decrypt(nonce, body, aad)


def check(path):
    sends = read_sends(path)
    cstream = b"".join(d for w, d in sends if w == "C")
    sstream = b"".join(d for w, d in sends if w == "S")
    cmsgs, cprot = flight(records(cstream))
    smsgs, sprot = flight(records(sstream))
    ch, cke = cmsgs[0], cmsgs[1]
    assert ch[0] == 1 and cke[0] == 16, "client flight is ClientHello, ClientKeyExchange"
    sh = smsgs[0]
    assert sh[0] == 2
    server_random = sh[6:38]
    sid_len = sh[38]
    suite = int.from_bytes(sh[39 + sid_len:41 + sid_len], "big")
    kx, h, klen = SUITES[suite]
    ems = b"\x00\x17\x00\x00" in sh[42 + sid_len:]
    cert_msg = smsgs[1]
    assert cert_msg[0] == 11
    leaf_len = int.from_bytes(cert_msg[7:10], "big")
    leaf = x509.load_der_x509_certificate(cert_msg[10:10 + leaf_len])

    drbg = HmacDrbg(CLIENT_SEED)
    client_random = drbg.generate(32)
    assert ch[6:38] == client_random, "ClientHello.random is the DRBG's first 32 bytes"
    if kx == "ecdhe":
        ske = smsgs[2]
        assert ske[0] == 12 and ske[4] == 3 and ske[5:7] == b"\x00\x1d"
        params = ske[4:4 + 4 + 32]
        server_pub = ske[8:40]
        sigalg = int.from_bytes(ske[40:42], "big")
        sig = ske[44:44 + int.from_bytes(ske[42:44], "big")]
        leaf.public_key().verify(sig, client_random + server_random + params,
                                 padding.PKCS1v15(), SIGHASH[sigalg])
        priv = x25519.X25519PrivateKey.from_private_bytes(drbg.generate(32))
        mine = priv.public_key().public_bytes(serialization.Encoding.Raw,
                                              serialization.PublicFormat.Raw)
        assert cke[4] == 32 and cke[5:37] == mine, "ClientKeyExchange carries our X25519 key"
        premaster = priv.exchange(x25519.X25519PublicKey.from_public_bytes(server_pub))
    else:
        premaster = b"\x03\x03" + drbg.generate(46)
        key = serialization.load_pem_private_key(open("tests/certs/leaf.key", "rb").read(), None)
        ct = cke[6:6 + int.from_bytes(cke[4:6], "big")]
        assert key.decrypt(ct, padding.PKCS1v15()) == premaster, "RSA premaster"

    before_cke = b"".join(smsgs[:len(smsgs)])    # ServerHello .. ServerHelloDone
    transcript = ch + before_cke + cke
    if ems:
        master = prf(h, premaster, b"extended master secret", h(transcript).digest(), 48)
    else:
        master = prf(h, premaster, b"master secret", client_random + server_random, 48)
    kb = prf(h, master, b"key expansion", server_random + client_random, 2 * klen + 8)
    ckey, skey = kb[:klen], kb[klen:2 * klen]
    csalt, ssalt = kb[2 * klen:2 * klen + 4], kb[2 * klen + 4:]

    cfin = open_record(ckey, csalt, 0, 22, cprot[0][1])
    assert cfin[:4] == b"\x14\x00\x00\x0c"
    assert cfin[4:] == prf(h, master, b"client finished", h(transcript).digest(), 12)
    transcript += cfin
    sfin = open_record(skey, ssalt, 0, 22, sprot[0][1])
    assert sfin[4:] == prf(h, master, b"server finished", h(transcript).digest(), 12)
    req = open_record(ckey, csalt, 1, 23, cprot[1][1])
    ans = open_record(skey, ssalt, 1, 23, sprot[1][1])
    assert req.startswith(b"GET / HTTP/1.0") and ans.startswith(b"HTTP/1.0 200 OK")
    print("ok: %s: suite 0x%04X, %s, EMS %s: randoms, key exchange, both Finished and the "
          "application data check out" % (path, suite, kx, "yes" if ems else "no"))


if __name__ == "__main__":
    for p in sys.argv[1:]:
        check(p)
