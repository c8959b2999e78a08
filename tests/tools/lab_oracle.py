#!/usr/bin/env python3
"""The independent oracle of tests/sh/lab_exercises.sh: works a glass-lab
exercise from its material (records.txt, the key log or the leaked key,
exercise.txt) with Python's hmac/hashlib and python3-cryptography only,
and prints the answer the right way or the way a named mistake gets it.

usage: lab_oracle.py EXERCISE DIR VARIANT
  VARIANT: right, or a mistake id (see MISTAKES below); for open-record,
           tag:right / tag:MISTAKE and aad:right / aad:MISTAKE give the
           tag or the additional data instead of the plaintext, and
           nonce:MISTAKE the plaintext read with a nonce built from that
           wrong sequence number.
  --list EXERCISE [DIR] prints the variants of an exercise (derive-master:
  those of the connection in DIR, with or without EMS).

Nothing here comes from glasstls: the PRF (RFC 5246 5), the key block
(6.3), the AEAD nonce and additional data (RFC 5288 3, RFC 5246 6.2.3.3)
and the Finished (7.4.9) are written again from the RFCs.
"""
import hashlib
import hmac
import sys

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.x509.oid import ExtensionOID

MISTAKES = {
    # the connection's EMS decides which mistakes there are (--list ... DIR)
    "derive-master": {True: ["right", "ems-hash-with-master-secret-label", "ems-ignored",
                             "ems-ignored-swapped-randoms", "ems-label-with-randoms",
                             "headers-left-out"],
                      False: ["right", "swapped-randoms", "ems-not-negotiated",
                              "ems-hash-with-master-secret-label", "ems-label-with-randoms"]},
    "verify-finished": ["right", "wrong-label", "headers-left-out", "ccs-hashed",
                        "client-finished-left-out", "client-verify-data"],
    "open-record": ["right", "swapped-randoms", "other-side-key",
                    "nonce:seq-off-by-one", "nonce:seq-from-wrong-record",
                    "tag:right", "tag:seq-off-by-one", "tag:seq-from-wrong-record",
                    "tag:aad-length", "aad:right", "aad:seq-off-by-one",
                    "aad:seq-from-wrong-record", "aad:aad-length"],
    "leaked-rsa": ["right", "padded-block", "version-left-out", "encrypted-premaster",
                   "master-not-premaster"],
    "refused-cert": ["right", "alert-not-reason"],
}


def read_records(d):
    recs = []
    for line in open(f"{d}/records.txt"):
        if line.startswith("#") or not line.strip():
            continue
        num, who, hx = line.split()
        assert int(num) == len(recs) + 1
        b = bytes.fromhex(hx)
        assert int.from_bytes(b[3:5], "big") == len(b) - 5
        recs.append((who == "server", b))
    return recs


def param(d, key):
    for line in open(f"{d}/exercise.txt"):
        if line.startswith(key + "="):
            return line.strip().split("=", 1)[1]
    return None


class Conn:
    """The plaintext handshake of a capture: messages in order, randoms, suite."""

    def __init__(self, d):
        self.recs = read_records(d)
        self.msgs = []          # (from_server, bytes, record index)
        self.ccs = {}           # from_server -> record index of its CCS
        pending = {False: b"", True: b""}
        for i, (s, b) in enumerate(self.recs):
            if s in self.ccs or b[0] != 22:
                if b[0] == 20 and s not in self.ccs:
                    self.ccs[s] = i
                continue
            pending[s] += b[5:]
            while len(pending[s]) >= 4:
                n = 4 + int.from_bytes(pending[s][1:4], "big")
                if len(pending[s]) < n:
                    break
                self.msgs.append((s, pending[s][:n], i))
                pending[s] = pending[s][n:]
        ch = self.msg(1, False)
        sh = self.msg(2, True)
        self.cr, self.sr = ch[6:38], sh[6:38]
        sid = sh[38]
        self.suite = int.from_bytes(sh[39 + sid:41 + sid], "big")
        self.ems = has_ems_client(ch) and 23 in extensions(sh[42 + sid:])
        self.hash = hashlib.sha384 if self.suite in (0x009D, 0xC030, 0xC02C) else hashlib.sha256
        self.key_len = 32 if self.hash is hashlib.sha384 else 16

    def msg(self, typ, server):
        for s, m, _ in self.msgs:
            if m[0] == typ and s == server:
                return m
        raise KeyError(typ)

    def index(self, typ, server):
        return [k for k, (s, m, _) in enumerate(self.msgs) if m[0] == typ and s == server][0]

    def seqs(self):
        """record index -> its sequence number (encrypted records only)"""
        out, count = {}, {False: 0, True: 0}
        for i, (s, b) in enumerate(self.recs):
            if s in self.ccs and i > self.ccs[s]:
                out[i] = count[s]
                count[s] += 1
        return out


def extensions(b):
    if len(b) < 2:
        return {}
    n = int.from_bytes(b[:2], "big")
    b, out = b[2:2 + n], {}
    while len(b) >= 4:
        t, l = int.from_bytes(b[:2], "big"), int.from_bytes(b[2:4], "big")
        out[t] = b[4:4 + l]
        b = b[4 + l:]
    return out


def has_ems_client(ch):
    p = 38
    p += 1 + ch[p]                                 # session_id
    p += 2 + int.from_bytes(ch[p:p + 2], "big")    # cipher_suites
    p += 1 + ch[p]                                 # compression_methods
    return 23 in extensions(ch[p:])


def p_hash(h, secret, seed, n):
    out, a = b"", seed
    while len(out) < n:
        a = hmac.new(secret, a, h).digest()
        out += hmac.new(secret, a + seed, h).digest()
    return out[:n]


def prf(c, secret, label, seed, n):
    return p_hash(c.hash, secret, label.encode() + seed, n)


def keylog(d, name, label, cr):
    for line in open(f"{d}/{name}"):
        f = line.split()
        if len(f) == 3 and f[0] == label and bytes.fromhex(f[1]) == cr:
            return bytes.fromhex(f[2])
    raise KeyError(label)


def key_block(c, master, swapped=False):
    seed = c.cr + c.sr if swapped else c.sr + c.cr
    kl = c.key_len
    b = prf(c, master, "key expansion", seed, 2 * kl + 8)
    return {False: (b[:kl], b[2 * kl:2 * kl + 4]), True: (b[kl:2 * kl], b[2 * kl + 4:2 * kl + 8])}


def aad_of(rec, seq, length):
    return seq.to_bytes(8, "big") + rec[0:3] + length.to_bytes(2, "big")


def gcm_open(key, salt, rec, seq):
    return AESGCM(key).decrypt(salt + rec[5:13], rec[13:], aad_of(rec, seq, len(rec) - 29))


def ctr_decrypt(key, salt, rec):
    """GCM's encryption without its tag: AES-CTR from counter 2 (SP 800-38D 7.2)"""
    iv = salt + rec[5:13] + (2).to_bytes(4, "big")
    d = Cipher(algorithms.AES(key), modes.CTR(iv)).decryptor()
    return d.update(rec[13:-16]) + d.finalize()


def transcript(c, msgs, bodies=False):
    h = c.hash()
    for m in msgs:
        h.update(m[4:] if bodies else m)
    return h.digest()


def derive_master(d, v):
    c = Conn(d)
    pms = keylog(d, "premaster.keylog", "PMS_CLIENT_RANDOM", c.cr)
    cke = c.index(16, False)
    upto = [m for _, m, _ in c.msgs[:cke + 1]]
    sh = transcript(c, upto)
    if v == "right":
        return (prf(c, pms, "extended master secret", sh, 48) if c.ems
                else prf(c, pms, "master secret", c.cr + c.sr, 48))
    return {
        "swapped-randoms": lambda: prf(c, pms, "master secret", c.sr + c.cr, 48),
        "ems-not-negotiated": lambda: prf(c, pms, "extended master secret", sh, 48),
        "ems-hash-with-master-secret-label": lambda: prf(c, pms, "master secret", sh, 48),
        "ems-ignored": lambda: prf(c, pms, "master secret", c.cr + c.sr, 48),
        "ems-ignored-swapped-randoms": lambda: prf(c, pms, "master secret", c.sr + c.cr, 48),
        "ems-label-with-randoms": lambda: prf(c, pms, "extended master secret", c.cr + c.sr, 48),
        "headers-left-out": lambda: prf(c, pms, "extended master secret",
                                        transcript(c, upto, True), 48),
    }[v]()


def finished_conn(d):
    c = Conn(d)
    master = keylog(d, "master.keylog", "CLIENT_RANDOM", c.cr)
    keys = key_block(c, master)
    seqs = c.seqs()
    for i, (s, b) in enumerate(c.recs):
        if i in seqs and b[0] == 22:
            k, salt = keys[s]
            c.msgs.append((s, gcm_open(k, salt, b, seqs[i]), i))
    return c, master


def verify_finished(d, v):
    c, master = finished_conn(d)
    cf = c.index(20, False)
    upto = [m for _, m, _ in c.msgs[:cf + 1]]
    if v == "ccs-hashed":           # the client's CCS, between its ClientKeyExchange and Finished
        upto = upto[:-1] + [b"\x01"] + upto[-1:]
    label = "client finished" if v in ("wrong-label", "client-verify-data") else "server finished"
    if v in ("client-finished-left-out", "client-verify-data"):
        upto = upto[:-1]
    return prf(c, master, label, transcript(c, upto, v == "headers-left-out"), 12)


def open_record(d, v):
    c = Conn(d)
    master = keylog(d, "master.keylog", "CLIENT_RANDOM", c.cr)
    n = int(param(d, "record"))
    i = n - 1
    s, rec = c.recs[i]
    seq = c.seqs()[i]
    keys = key_block(c, master)
    if v == "right":
        return gcm_open(*keys[s], rec, seq)
    if v == "swapped-randoms":
        return ctr_decrypt(*key_block(c, master, True)[s], rec)
    if v == "other-side-key":
        return ctr_decrypt(*keys[not s], rec)
    what, _, m = v.partition(":")
    plen = len(rec) - 29
    wseq, wlen = seq, plen
    if what == "nonce":                  # the nonce built from a wrong count, tag unchecked
        wseq = seq + 1 if m == "seq-off-by-one" else sum(1 for j in range(i) if c.recs[j][0] == s)
        k, salt = keys[s]
        return ctr_decrypt(k, salt, rec[:5] + wseq.to_bytes(8, "big") + rec[13:])
    if m == "seq-off-by-one":
        wseq = seq + 1
    elif m == "seq-from-wrong-record":   # counted from the first record of the connection
        wseq = sum(1 for j in range(i) if c.recs[j][0] == s)
    elif m == "aad-length":
        wlen = len(rec) - 5
    aad = aad_of(rec, wseq, wlen)
    if what == "aad":
        return aad
    pt = gcm_open(*keys[s], rec, seq)
    k, salt = keys[s]
    return AESGCM(k).encrypt(salt + rec[5:13], pt, aad)[-16:]


def leaked_rsa(d, v):
    c = Conn(d)
    key = serialization.load_pem_private_key(open(f"{d}/leaked-server.key", "rb").read(), None)
    cke = c.msg(16, False)
    ct = cke[6:]
    assert int.from_bytes(cke[4:6], "big") == len(ct)
    nums = key.private_numbers()
    k = (nums.public_numbers.n.bit_length() + 7) // 8
    em = pow(int.from_bytes(ct, "big"), nums.d, nums.public_numbers.n).to_bytes(k, "big")
    assert em[:2] == b"\x00\x02"
    pms = em[em.index(b"\x00", 2) + 1:]
    assert len(pms) == 48
    if v == "right":
        return pms
    if v == "padded-block":
        return em
    if v == "version-left-out":
        return pms[2:]
    if v == "encrypted-premaster":
        return ct
    cke_i = c.index(16, False)
    if c.ems:
        return prf(c, pms, "extended master secret",
                   transcript(c, [m for _, m, _ in c.msgs[:cke_i + 1]]), 48)
    return prf(c, pms, "master secret", c.cr + c.sr, 48)


def refused_cert(d, v):
    """The reason from the certificate itself: issuer unknown to the trust
    file, validity over at the client's clock, or a name that is not the host."""
    import datetime
    c = Conn(d)
    cm = c.msg(11, True)
    body, certs = cm[7:], []
    while body:
        n = int.from_bytes(body[:3], "big")
        certs.append(x509.load_der_x509_certificate(body[3:3 + n]))
        body = body[3 + n:]
    trust = x509.load_pem_x509_certificates(open(f"{d}/client-trust.pem", "rb").read())
    subjects = {t.subject for t in trust}
    names = {ct.subject for ct in certs}
    now = datetime.datetime.strptime(param(d, "time"), "%Y-%m-%dT%H:%M:%SZ").replace(
        tzinfo=datetime.timezone.utc)
    host = param(d, "host")
    top = certs[-1]
    while top.issuer in names and top.issuer != top.subject:
        top = [x for x in certs if x.subject == top.issuer][0]
        if top.issuer not in names:
            break
    leaf = certs[0]
    if top.issuer not in subjects:
        reason, alert = "GLASS_E_CERT_UNKNOWN_ISSUER", "unknown_ca"
    elif leaf.not_valid_after_utc < now:
        reason, alert = "GLASS_E_CERT_EXPIRED", "certificate_expired"
    else:
        san = leaf.extensions.get_extension_for_oid(ExtensionOID.SUBJECT_ALTERNATIVE_NAME)
        assert host not in san.value.get_values_for_type(x509.DNSName)
        reason, alert = "GLASS_E_CERT_HOSTNAME", "bad_certificate"
    return reason if v == "right" else alert


def main():
    if sys.argv[1] == "--list":
        m = MISTAKES[sys.argv[2]]
        if isinstance(m, dict):
            m = m[Conn(sys.argv[3]).ems]
        print("\n".join(m))
        return
    ex, d, v = sys.argv[1:4]
    f = {"derive-master": derive_master, "verify-finished": verify_finished,
         "open-record": open_record, "leaked-rsa": leaked_rsa,
         "refused-cert": refused_cert}[ex]
    out = f(d, v)
    print(out if isinstance(out, str) else out.hex())


if __name__ == "__main__":
    main()
