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

An abbreviated transcript (a ClientHello with no ClientKeyExchange after
it, e.g. tests/vectors/handshake_resumed_ticket.hex) has no key exchange to
re-derive: its master secret is the one an earlier connection made.  That
is read from the sidecar X.master beside X.hex (written and checked by the
test that made the transcript), together with the ticket key, and checked
against the ticket the ClientHello offers (opened with AES-256-GCM here).
Then: the ServerHello echoes the session_id, no Certificate or key exchange
follows, the key block comes from that master secret and the NEW randoms,
the server's ChangeCipherSpec and Finished come first (its verify_data
over ClientHello..NewSessionTicket), the client's Finished covers the
server's too, the renewed ticket holds the same session, and the
application data opens.

    python3 tests/tools/check_golden.py --trace tests/golden/step-ecdhe-level3.txt

checks a level-3 text trace (tests/golden/step-*-level3.txt) from the values
printed in it alone: it rebuilds every handshake message from its
field-by-field rows (offsets must run on without a gap), recomputes the
session hash and the hash each Finished covers from those bytes, the X25519
premaster from the printed private key and the peer's public key (or the RSA
premaster by decrypting EncryptedPreMasterSecret with tests/certs/leaf.key),
the master secret, the key block and both verify_data, verifies the
ServerKeyExchange signature with the certificate's key, and opens every
encrypted record with the printed keys, nonce and AAD, comparing its
plaintext with the one printed (the Finished message, the HTTP data, the
alert).
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
        assert stream[i + 1:i + 3] == b"\x03\x03", "record version 3,3 (TLS 1.2)"
        assert i + 5 + n <= len(stream), "truncated record"
        if stream[i] == 20:
            assert stream[i + 5:i + 5 + n] == b"\x01", "ChangeCipherSpec is the byte 1"
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


def read_sidecar(path):
    """The secrets beside an abbreviated transcript (X.hex -> X.master),
    written by the test that made it: "label hex" lines."""
    out = {}
    for line in open(path[:-len(".hex")] + ".master"):
        if line.strip() and not line.startswith("#"):
            label, value = line.split()
            out[label] = bytes.fromhex(value)
    return out


def open_ticket(name, key, ticket):
    """A glasstls ticket (lib/session/ticket.c): key_name(16) | iv(12) |
    AES-256-GCM(state, aad = key_name) | tag(16); the state is
    version(1) | suite(2) | ems(1) | master(48) | created(8) | <name> | <hash>."""
    assert ticket[:16] == name, "the ticket names our key"
    state = AESGCM(key).decrypt(ticket[16:28], ticket[28:], ticket[:16])
    assert state[0] == 1, "ticket state version 1"
    i = 60 + 1 + state[60]
    assert i + 1 + state[i] == len(state) and state[i] in (0, 32), "ticket state ends exactly"
    return int.from_bytes(state[1:3], "big"), state[3], state[4:52]


def hello_extension(body, ext_type):
    """The data of extension ext_type in a list of extensions, or None."""
    i = 0
    while i + 4 <= len(body):
        t, n = int.from_bytes(body[i:i + 2], "big"), int.from_bytes(body[i + 2:i + 4], "big")
        if t == ext_type:
            return body[i + 4:i + 4 + n]
        i += 4 + n
    assert i == len(body), "extensions end exactly"
    return None


def check_abbreviated(path, sends, cmsgs, cprot, smsgs, sprot):
    """RFC 5246 Figure 2: ClientHello (offering a session), ServerHello
    echoing its session_id, [NewSessionTicket], then the SERVER's
    ChangeCipherSpec and Finished first, then the client's.  No key
    exchange: the master secret is the old session's (from the sidecar,
    checked against the ticket the client offers), the keys are new because
    the randoms are."""
    side = read_sidecar(path)
    master = side["master"]
    ch, sh = cmsgs[0], smsgs[0]
    assert len(cmsgs) == 1 and sh[0] == 2, "client flight is a ClientHello alone"
    client_random, server_random = ch[6:38], sh[6:38]
    sid = ch[39:39 + ch[38]]
    assert sid and sh[38] == len(sid) and sh[39:39 + len(sid)] == sid, \
        "the ServerHello echoes the offered session_id: resumption (RFC 5077 3.4)"
    i = 39 + len(sid)
    suite = int.from_bytes(sh[i:i + 2], "big")
    kx, h, klen = SUITES[suite]
    ems = hello_extension(sh[i + 5:], 0x0017) == b""
    # the ClientHello's extensions: after the suites and compression methods
    j = 39 + ch[38]
    j += 2 + int.from_bytes(ch[j:j + 2], "big")
    j += 1 + ch[j]
    ticket = hello_extension(ch[j + 2:], 0x0023)
    if ticket:
        t_suite, t_ems, t_master = open_ticket(side["ticket_key_name"], side["ticket_key"], ticket)
        assert t_master == master, "the offered ticket holds the recorded master secret"
        assert t_suite == suite and t_ems == ems, "the ticket's suite and EMS are the ServerHello's"
    # the server's plaintext messages: ServerHello and NewSessionTicket only
    assert all(m[0] in (2, 4) for m in smsgs), "no Certificate or key exchange when resuming"
    nst = [m for m in smsgs if m[0] == 4]
    transcript = b"".join(smsgs)
    transcript = ch + transcript
    kb = prf(h, master, b"key expansion", server_random + client_random, 2 * klen + 8)
    ckey, skey = kb[:klen], kb[klen:2 * klen]
    csalt, ssalt = kb[2 * klen:2 * klen + 4], kb[2 * klen + 4:]
    # the server speaks first: its Finished covers ClientHello..NewSessionTicket
    assert sprot[0][0] == 22 and cprot[0][0] == 22, "Finished is a handshake record"
    assert all(t == 23 for t, f in sprot[1:] + cprot[1:]), "then application data"
    sfin = open_record(skey, ssalt, 0, 22, sprot[0][1])
    assert sfin[:4] == b"\x14\x00\x00\x0c"
    assert sfin[4:] == prf(h, master, b"server finished", h(transcript).digest(), 12), \
        "server verify_data"
    transcript += sfin
    cfin = open_record(ckey, csalt, 0, 22, cprot[0][1])
    assert cfin[:4] == b"\x14\x00\x00\x0c"
    assert cfin[4:] == prf(h, master, b"client finished", h(transcript).digest(), 12), \
        "client verify_data"
    # the server sent its ChangeCipherSpec before the client did: in the
    # order of sends, the first CCS record is the server's
    first_ccs = next(w for w, d in sends if d[0] == 20)
    assert first_ccs == "S", "the server's ChangeCipherSpec comes first"
    for m in nst:                          # the renewed ticket: same session
        n_suite, n_ems, n_master = open_ticket(side["ticket_key_name"], side["ticket_key"],
                                               m[10:10 + int.from_bytes(m[8:10], "big")])
        assert (n_suite, n_ems, n_master) == (suite, ems, master), "renewed ticket, same session"
    data = [open_record(ckey, csalt, k + 1, t, f) for k, (t, f) in enumerate(cprot[1:])]
    data += [open_record(skey, ssalt, k + 1, t, f) for k, (t, f) in enumerate(sprot[1:])]
    assert [d for d in data] == [b"ping", b"pong"], "the ping and pong of test_resume.c"
    print("ok: %s: abbreviated, suite 0x%04X, EMS %s, %s: the recorded master secret (the "
          "ticket's), new keys, the server's Finished then the client's and %d records check out"
          % (path, suite, "yes" if ems else "no", "ticket" if ticket else "session_id",
             len(data)))


def check(path):
    sends = read_sends(path)
    cstream = b"".join(d for w, d in sends if w == "C")
    sstream = b"".join(d for w, d in sends if w == "S")
    cmsgs, cprot = flight(records(cstream))
    smsgs, sprot = flight(records(sstream))
    if len(cmsgs) == 1:                    # no ClientKeyExchange: resumed
        return check_abbreviated(path, sends, cmsgs, cprot, smsgs, sprot)
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


# ---------------------------------------------------------------- traces

import re

ROW = re.compile(r"^      ([0-9a-f]{4})  (.{47})  ( *)([^:]+): (.*)$")
MORE = re.compile(r"^            ((?:[0-9a-f]{2} ?)+)$")
DUMP = re.compile(r"^      ([0-9a-f]{4})  ((?:[0-9a-f]{2} )*[0-9a-f]{2})")
SECRET = re.compile(r"^    ([A-Za-z_0-9 ]+?) +\( ?(\d+) bytes\) ([0-9a-f]+)(?:  \((.*)\))?$")
ARROW = re.compile(r"^(Client|Server) -> (Client|Server): (\w+)")
SEALED = re.compile(r"^  (Client|Server) record sealed: \w+ \((\d+)\), seq (\d+)")


def read_rows(lines, i):
    """The rows of a field-by-field block starting at lines[i]: a list of
    [offset, name, bytes, value], and the index after the block."""
    rows = []
    while i < len(lines):
        m = ROW.match(lines[i])
        c = MORE.match(lines[i])
        if m:
            cells = bytes.fromhex(m.group(2).replace(" ", ""))
            rows.append([int(m.group(1), 16), m.group(4), cells, m.group(5)])
        elif c and rows:
            rows[-1][2] += bytes.fromhex(c.group(1).replace(" ", ""))
        else:
            break
        i += 1
    return rows, i


def rebuild(rows, total, what):
    """The bytes of a message from its rows: each leaf starts where the last
    ended (groups carry no bytes), and they add up to the length."""
    out = b""
    for off, name, data, value in rows:
        if not data:
            continue
        assert off == len(out), "%s: %s starts at %d, not %d" % (what, name, off, len(out))
        out += data
    assert len(out) == total, "%s: rows give %d bytes, not %d" % (what, len(out), total)
    return out


def field(rows, name):
    for off, n, data, value in rows:
        if n == name:
            return data
    raise AssertionError("no field %r" % name)


def parse_trace(path):
    lines = open(path).read().split("\n")
    msgs, recs, secrets = [], [], {}
    sender, rec_seq = None, None
    i = 0
    while i < len(lines):
        line = lines[i]
        a = ARROW.match(line)
        if a:
            sender = a.group(1)
        sm = SEALED.match(line)
        if sm:
            rec_seq = (sm.group(1), int(sm.group(2)), int(sm.group(3)))
        m = re.match(r"^    bytes of (\w+) \((\d+) bytes?\), field by field:$", line)
        if m:
            rows, i = read_rows(lines, i + 1)
            data = rebuild(rows, int(m.group(2)), m.group(1))
            msgs.append({"name": m.group(1), "from": sender, "rows": rows, "bytes": data})
            continue
        m = re.match(r"^    record as sent \((\d+) bytes?\), field by field:$", line)
        if m:
            rows, i = read_rows(lines, i + 1)
            rec = {"from": rec_seq[0], "type": rec_seq[1], "seq": rec_seq[2], "rows": rows,
                   "len": int(m.group(1))}
            if any(r[1] == "aead-ciphered content" or r[1] == "GCM authentication tag"
                   for r in rows):
                rec["bytes"] = rebuild(rows, rec["len"], "record")
                while i < len(lines) and lines[i].startswith("    GCM "):
                    k, hexs = lines[i].rsplit(": ", 1)
                    rec["nonce" if "nonce" in k else "aad"] = bytes.fromhex(hexs)
                    if "nonce" in k:
                        rec["iv_of"] = "client" if "client_write_IV" in k else "server"
                    i += 1
                pm = re.match(r"^    plaintext \((\d+) bytes?\):(.*)$", lines[i])
                assert pm, "encrypted record without its plaintext line: " + lines[i]
                n, rest = int(pm.group(1)), pm.group(2)
                i += 1
                if rest.strip() == "":
                    pt = b""
                    while i < len(lines) and DUMP.match(lines[i]):
                        pt += bytes.fromhex(DUMP.match(lines[i]).group(2).replace(" ", ""))
                        i += 1
                    rec["plaintext"] = pt
                elif "=" in rest:
                    rec["plaintext"] = bytes.fromhex(rest.split("=")[0].replace(" ", ""))
                else:
                    rec["plaintext"] = None      # a handshake message, shown with it
                assert rec["plaintext"] is None or len(rec["plaintext"]) == n
            recs.append(rec)
            continue
        m = SECRET.match(line)
        if m:
            name, n, val, note = m.group(1), int(m.group(2)), bytes.fromhex(m.group(3)), m.group(4)
            assert len(val) == n, line
            key = name
            if name == "X25519 private key":
                key = (name, note.split("'")[0])
            elif name == "Finished hash":
                key = (name, "server" if "server Finished" in note else "client")
            if key in secrets:
                assert secrets[key] == val, "%s printed twice with different values" % (key,)
            secrets[key] = val
        i += 1
    return msgs, recs, secrets


def check_trace(path):
    msgs, recs, sec = parse_trace(path)
    by = {}
    for m in msgs:
        by.setdefault((m["from"], m["name"]), m)
    ch, sh = by[("Client", "ClientHello")], by[("Server", "ServerHello")]
    client_random = field(ch["rows"], "random (client)")
    server_random = field(sh["rows"], "random (server)")
    suite = int.from_bytes(field(sh["rows"], "cipher_suite (chosen)"), "big")
    kx, h, klen = SUITES[suite]
    ems = any(r[1] == "extension_type" and r[2] == b"\x00\x17" for r in sh["rows"])

    # the handshake hash: every message but ChangeCipherSpec, in order
    hs = [m for m in msgs if m["name"] != "ChangeCipherSpec"]
    names = [m["name"] for m in hs]
    cfin_at = names.index("Finished")
    before_cke = b"".join(m["bytes"] for m in hs[:names.index("ClientKeyExchange") + 1])
    before_cfin = b"".join(m["bytes"] for m in hs[:cfin_at])
    before_sfin = before_cfin + hs[cfin_at]["bytes"]
    assert sec[("Finished hash", "client")] == h(before_cfin).digest(), "client Finished hash"
    assert sec[("Finished hash", "server")] == h(before_sfin).digest(), "server Finished hash"

    cert = by[("Server", "Certificate")]
    leaf = x509.load_der_x509_certificate(field(cert["rows"], "certificate (DER, X.509)"))
    cke = by[("Client", "ClientKeyExchange")]
    if kx == "ecdhe":
        ske = by[("Server", "ServerKeyExchange")]
        server_pub = field(ske["rows"], "ECPoint point (server public key)")
        client_pub = field(cke["rows"], "ecdh_Yc (client public key)")
        params = ske["bytes"][4:4 + 4 + len(server_pub)]
        sigalg = int.from_bytes(field(ske["rows"], "SignatureAndHashAlgorithm algorithm"), "big")
        leaf.public_key().verify(field(ske["rows"], "signature"),
                                 client_random + server_random + params,
                                 padding.PKCS1v15(), SIGHASH[sigalg])
        cpriv = x25519.X25519PrivateKey.from_private_bytes(sec[("X25519 private key", "Client")])
        spriv = x25519.X25519PrivateKey.from_private_bytes(sec[("X25519 private key", "Server")])
        raw = (serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        assert cpriv.public_key().public_bytes(*raw) == client_pub, "client X25519 key"
        assert spriv.public_key().public_bytes(*raw) == server_pub, "server X25519 key"
        premaster = cpriv.exchange(x25519.X25519PublicKey.from_public_bytes(server_pub))
        assert premaster == spriv.exchange(x25519.X25519PublicKey.from_public_bytes(client_pub))
    else:
        key = serialization.load_pem_private_key(open("tests/certs/leaf.key", "rb").read(), None)
        premaster = key.decrypt(field(cke["rows"], "EncryptedPreMasterSecret"),
                                padding.PKCS1v15())
        assert premaster[:2] == b"\x03\x03" and len(premaster) == 48
    assert sec["premaster secret"] == premaster, "premaster"
    if ems:
        assert sec["session hash"] == h(before_cke).digest(), "session hash"
        master = prf(h, premaster, b"extended master secret", h(before_cke).digest(), 48)
    else:
        master = prf(h, premaster, b"master secret", client_random + server_random, 48)
    assert sec["master secret"] == master, "master secret"
    kb = prf(h, master, b"key expansion", server_random + client_random, 2 * klen + 8)
    keys = {"client": (kb[:klen], kb[2 * klen:2 * klen + 4]),
            "server": (kb[klen:2 * klen], kb[2 * klen + 4:])}
    assert sec["client_write_key"] == keys["client"][0] and sec["client_write_IV"] == keys["client"][1]
    assert sec["server_write_key"] == keys["server"][0] and sec["server_write_IV"] == keys["server"][1]
    fins = [m for m in hs if m["name"] == "Finished"]
    assert fins[0]["from"] == "Client" and fins[1]["from"] == "Server"
    assert field(fins[0]["rows"], "verify_data") == prf(
        h, master, b"client finished", sec[("Finished hash", "client")], 12), "client verify_data"
    assert field(fins[1]["rows"], "verify_data") == prf(
        h, master, b"server finished", sec[("Finished hash", "server")], 12), "server verify_data"

    # every encrypted record, opened with the printed key, nonce and AAD
    opened = 0
    for r in recs:
        if "bytes" not in r:
            continue
        side = r["from"].lower()
        key, salt = keys[side]
        b = r["bytes"]
        ptlen = len(b) - 5 - 8 - 16
        assert r["iv_of"] == side and r["nonce"] == salt + b[5:13], "GCM nonce"
        assert r["aad"] == r["seq"].to_bytes(8, "big") + b[0:3] + ptlen.to_bytes(2, "big"), "AAD"
        pt = AESGCM(key).decrypt(r["nonce"], b[13:], r["aad"])
        if r["plaintext"] is not None:
            assert pt == r["plaintext"], "record plaintext"
        else:
            assert pt == [f for f in fins if f["from"] == r["from"]][0]["bytes"], "Finished record"
        opened += 1
    assert opened >= 6, "only %d encrypted records" % opened
    print("ok: %s: suite 0x%04X, %s, EMS %s: %d messages rebuilt from their rows; hashes, "
          "premaster, master, keys, verify_data and %d records check out"
          % (path, suite, kx, "yes" if ems else "no", len(msgs), opened))


if __name__ == "__main__":
    args = sys.argv[1:]
    if args and args[0] == "--trace":
        for p in args[1:]:
            check_trace(p)
    else:
        for p in args:
            check(p)
