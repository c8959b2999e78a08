#!/usr/bin/env python3
"""tls_probe.py — a hostile TLS 1.2 client for conformance tests of
glass-server (tests/sh/conformance_server.sh).

It is an independent implementation: the record layer, the handshake and
the key schedule are written here from RFC 5246 (with RFC 7627 for the
extended master secret), and the primitives come from Python's
`cryptography` (X25519, AES-GCM, RSA) and `hmac`/`hashlib` (the PRF), so a
bug in glasstls cannot hide behind the same bug in the probe.

Every ClientHello field can be bent: the record-layer version, the
client_version, the extensions (any number, any content), the size of the
records it is cut into, an SSLv2-compatible CLIENT-HELLO (RFC 5246 E.2).
A probe either completes the handshake and fetches "/" over HTTP, or
reports the alert the server sent.

usage: tls_probe.py PORT SCENARIO   (tls_probe.py --list for the scenarios)
Each scenario checks its own expectation and prints one line,
"ok   NAME: what happened" or "FAIL NAME: what happened instead";
exit status 0 when the expectation held, 1 when not, 2 on a usage error.
Bounded: every socket operation times out after 10 seconds.
"""
import hashlib
import hmac
import os
import socket
import struct
import sys

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, x25519
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

# ---------------------------------------------------------------- constants

CT_CCS, CT_ALERT, CT_HANDSHAKE, CT_APP = 20, 21, 22, 23
HT_HELLO_REQUEST, HT_CLIENT_HELLO, HT_SERVER_HELLO = 0, 1, 2
HT_CERTIFICATE, HT_SKE, HT_CERT_REQUEST, HT_SHD = 11, 12, 13, 14
HT_CKE, HT_FINISHED = 16, 20

ECDHE_RSA_AES128_GCM_SHA256 = 0xC02F
RSA_AES128_GCM_SHA256 = 0x009C
EMPTY_RENEGOTIATION_INFO_SCSV = 0x00FF

EXT_SERVER_NAME, EXT_GROUPS, EXT_POINT_FORMATS = 0, 10, 11
EXT_SIG_ALGS, EXT_PADDING, EXT_EMS, EXT_RENEGO = 13, 21, 23, 0xFF01

X25519_GROUP = 29
RSA_PKCS1_SHA256, RSA_PKCS1_SHA384, RSA_PKCS1_SHA512 = 0x0401, 0x0501, 0x0601
RSA_PSS_SHA256, RSA_PSS_SHA384, RSA_PSS_SHA512 = 0x0804, 0x0805, 0x0806
RSA_PKCS1_SHA1, RSA_PKCS1_MD5 = 0x0201, 0x0101

ALERTS = {0: "close_notify", 10: "unexpected_message", 20: "bad_record_mac",
          40: "handshake_failure", 42: "bad_certificate", 47: "illegal_parameter",
          50: "decode_error", 51: "decrypt_error", 70: "protocol_version",
          71: "insufficient_security", 80: "internal_error", 90: "user_canceled",
          100: "no_renegotiation", 112: "unrecognized_name"}

DEFAULT_SIGALGS = [RSA_PKCS1_SHA256, RSA_PKCS1_SHA384, RSA_PKCS1_SHA512]
TIMEOUT = 10.0


class Alert(Exception):
    """The server sent an alert (or closed) where the probe wanted more."""

    def __init__(self, level, desc):
        super().__init__(f"alert {'fatal' if level == 2 else 'warning'} "
                         f"{ALERTS.get(desc, desc)}")
        self.level, self.desc = level, desc


class Closed(Exception):
    pass


def u8(v): return struct.pack("!B", v)
def u16(v): return struct.pack("!H", v)
def u24(v): return struct.pack("!I", v)[1:]
def vec8(b): return u8(len(b)) + b
def vec16(b): return u16(len(b)) + b
def vec24(b): return u24(len(b)) + b


def prf(secret, label, seed, n, h=hashlib.sha256):
    """RFC 5246 section 5: P_hash(secret, label + seed), cut to n bytes."""
    seed = label + seed
    out, a = b"", seed
    while len(out) < n:
        a = hmac.new(secret, a, h).digest()
        out += hmac.new(secret, a + seed, h).digest()
    return out[:n]


def ext(etype, body=b""):
    return u16(etype) + vec16(body)


def sni_ext(name):
    host = name if isinstance(name, bytes) else name.encode()
    return ext(EXT_SERVER_NAME, vec16(u8(0) + vec16(host)))


def sigalgs_ext(algs):
    return ext(EXT_SIG_ALGS, vec16(b"".join(u16(a) for a in algs)))


def standard_extensions(sigalgs=None, ems=True):
    exts = [ext(EXT_GROUPS, vec16(u16(X25519_GROUP))),
            ext(EXT_POINT_FORMATS, vec8(b"\x00")),
            sigalgs_ext(DEFAULT_SIGALGS if sigalgs is None else sigalgs),
            ext(EXT_RENEGO, b"\x00")]
    if ems:
        exts.append(ext(EXT_EMS))
    return exts


# ------------------------------------------------------------------ records

class Conn:
    """One TLS 1.2 connection's record layer (AES-GCM once keys are set),
    either side: over a new connection to 127.0.0.1:port, or over sock."""

    def __init__(self, port=None, sock=None):
        self.sock = sock or socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT)
        self.buf = b""
        self.hs_buf = b""           # handshake bytes not yet cut into messages
        self.transcript = b""
        self.enc_out = self.enc_in = None
        self.seq_out = self.seq_in = 0
        self.records_in = []        # (type, plaintext length) of every record read
        self.warnings = []

    def close(self):
        try:
            self.sock.close()
        except OSError:
            pass

    # ---- writing
    def send_raw(self, data):
        """Sends; a server that has already given up (reset or closed) is
        not an error here: the next read reports its alert or the close."""
        try:
            self.sock.sendall(data)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def record(self, ctype, body, version=b"\x03\x03"):
        """One record, sealed when the write side is encrypted."""
        if self.enc_out is not None:
            key, salt = self.enc_out
            explicit = struct.pack("!Q", self.seq_out)
            aad = struct.pack("!QB", self.seq_out, ctype) + version + u16(len(body))
            body = explicit + AESGCM(key).encrypt(salt + explicit, body, aad)
            self.seq_out += 1
        return u8(ctype) + version + vec16(body)

    def send(self, ctype, body, version=b"\x03\x03", frag=16384):
        out = b""
        for i in range(0, max(len(body), 1), frag):
            out += self.record(ctype, body[i:i + frag], version)
        self.send_raw(out)

    def send_handshake(self, msg, version=b"\x03\x03", frag=16384):
        self.transcript += msg
        self.send(CT_HANDSHAKE, msg, version, frag)

    # ---- reading
    def _fill(self, n):
        while len(self.buf) < n:
            try:
                chunk = self.sock.recv(65536)
            except socket.timeout:
                raise Closed("timed out waiting for the server")
            except OSError as e:
                raise Closed(f"connection error: {e}")
            if not chunk:
                raise Closed("server closed the connection")
            self.buf += chunk

    def read_record(self):
        self._fill(5)
        ctype, ver, n = self.buf[0], self.buf[1:3], struct.unpack("!H", self.buf[3:5])[0]
        self._fill(5 + n)
        body, self.buf = self.buf[5:5 + n], self.buf[5 + n:]
        if self.enc_in is not None:
            key, salt = self.enc_in
            explicit, ct = body[:8], body[8:]
            aad = struct.pack("!QB", self.seq_in, ctype) + ver + u16(len(ct) - 16)
            body = AESGCM(key).decrypt(salt + explicit, ct, aad)
            self.seq_in += 1
        self.records_in.append((ctype, len(body)))
        return ctype, body

    def read_alert_or(self, ctype, body):
        if ctype == CT_ALERT and len(body) == 2:
            if body[0] == 1 and body[1] != 0:
                self.warnings.append(body[1])
                return None
            raise Alert(body[0], body[1])
        return ctype

    def read_message(self):
        """The next handshake message (type, whole message bytes)."""
        while True:
            if len(self.hs_buf) >= 4:
                n = struct.unpack("!I", b"\x00" + self.hs_buf[1:4])[0]
                if len(self.hs_buf) >= 4 + n:
                    msg, self.hs_buf = self.hs_buf[:4 + n], self.hs_buf[4 + n:]
                    if msg[0] != HT_HELLO_REQUEST:
                        self.transcript += msg
                    return msg[0], msg
            ctype, body = self.read_record()
            if self.read_alert_or(ctype, body) is None:
                continue
            if ctype != CT_HANDSHAKE:
                raise Closed(f"record type {ctype} where a handshake message was due")
            self.hs_buf += body


# ------------------------------------------------------------- the handshake

class Hello:
    """What goes into the ClientHello; every field can be bent."""

    def __init__(self):
        self.client_version = 0x0303
        self.record_version = b"\x03\x01"
        self.suites = [ECDHE_RSA_AES128_GCM_SHA256, RSA_AES128_GCM_SHA256]
        self.compression = b"\x00"
        self.extensions = standard_extensions()
        self.raw_extensions = None  # bytes: the whole extensions block as given
        self.frag = 16384
        self.random = os.urandom(32)
        self.trailing = b""         # bytes after the extensions, inside the message

    def body(self):
        b = u16(self.client_version) + self.random + vec8(b"")
        b += vec16(b"".join(u16(s) for s in self.suites)) + vec8(self.compression)
        if self.raw_extensions is not None:
            b += self.raw_extensions
        elif self.extensions is not None:
            b += vec16(b"".join(self.extensions))
        return b + self.trailing

    def message(self):
        return u8(HT_CLIENT_HELLO) + vec24(self.body())


def sslv2_hello(version=0x0303, specs=None, challenge=None):
    """RFC 5246 E.2: a V2 CLIENT-HELLO, returned as (record bytes, message
    bytes that are hashed, the 32-byte client random)."""
    if specs is None:
        specs = [(0, RSA_AES128_GCM_SHA256), (0, ECDHE_RSA_AES128_GCM_SHA256),
                 (0, EMPTY_RENEGOTIATION_INFO_SCSV)]
    challenge = challenge or os.urandom(32)
    spec_bytes = b"".join(u8(hi) + u16(lo) for hi, lo in specs)
    msg = (u8(1) + u16(version) + u16(len(spec_bytes)) + u16(0) + u16(len(challenge))
           + spec_bytes + challenge)
    rec = u16(0x8000 | len(msg)) + msg
    random = b"\x00" * (32 - len(challenge)) + challenge
    return rec, msg, random


class Result:
    def __init__(self):
        self.server_version = None
        self.suite = None
        self.sig_alg = None
        self.server_exts = []
        self.http = b""
        self.alert = None
        self.closed = None
        self.renego_warning = None
        self.response_records = 0
        self.cert_request = False


def parse_server_hello(msg, res):
    body = msg[4:]
    res.server_version = struct.unpack("!H", body[0:2])[0]
    server_random = body[2:34]
    sid_len = body[34]
    p = 35 + sid_len
    res.suite = struct.unpack("!H", body[p:p + 2])[0]
    p += 3
    if p < len(body):
        elen = struct.unpack("!H", body[p:p + 2])[0]
        q, end = p + 2, p + 2 + elen
        while q < end:
            t, n = struct.unpack("!HH", body[q:q + 4])
            res.server_exts.append(t)
            q += 4 + n
    return server_random


def leaf_public_key(msg):
    body = msg[4:]
    first_len = struct.unpack("!I", b"\x00" + body[3:6])[0]
    cert = x509.load_der_x509_certificate(body[6:6 + first_len])
    return cert.public_key()


def verify_ske(msg, pub, client_random, server_random, res):
    body = msg[4:]
    if body[0] != 3 or struct.unpack("!H", body[1:3])[0] != X25519_GROUP:
        raise Closed("ServerKeyExchange: not named_curve x25519")
    plen = body[3]
    params = body[:4 + plen]
    server_pub = body[4:4 + plen]
    p = 4 + plen
    alg, slen = struct.unpack("!HH", body[p:p + 4])
    sig = body[p + 4:p + 4 + slen]
    res.sig_alg = alg
    signed = client_random + server_random + params
    hashes_of = {0x04: hashes.SHA256(), 0x05: hashes.SHA384(), 0x06: hashes.SHA512()}
    if alg in (RSA_PKCS1_SHA256, RSA_PKCS1_SHA384, RSA_PKCS1_SHA512):
        h = hashes_of[alg >> 8]
        pub.verify(sig, signed, padding.PKCS1v15(), h)
    elif alg in (RSA_PSS_SHA256, RSA_PSS_SHA384, RSA_PSS_SHA512):
        h = {RSA_PSS_SHA256: hashes.SHA256(), RSA_PSS_SHA384: hashes.SHA384(),
             RSA_PSS_SHA512: hashes.SHA512()}[alg]
        pub.verify(sig, signed, padding.PSS(mgf=padding.MGF1(h), salt_length=h.digest_size), h)
    else:
        raise Closed(f"ServerKeyExchange signed with unexpected scheme {alg:04x}")
    return server_pub


def handshake(port, hello=None, v2=None, request=b"GET / HTTP/1.1\r\nHost: localhost\r\n"
              b"Connection: close\r\n\r\n", after=None, before_finished=None,
              ccs_body=b"\x01", warnings_before_cke=0):
    """Runs one handshake; returns a Result (alert set when the server sent
    one).  `after(conn, res)` runs after the handshake instead of the plain
    request, `before_finished(conn)` between our CCS and Finished."""
    res = Result()
    conn = Conn(port)
    try:
        if v2 is not None:
            rec, msg, client_random = v2
            conn.transcript += msg
            conn.send_raw(rec)
        else:
            hello = hello or Hello()
            client_random = hello.random
            conn.send_handshake(hello.message(), hello.record_version, hello.frag)

        t, msg = conn.read_message()
        if t != HT_SERVER_HELLO:
            raise Closed(f"message {t} where ServerHello was due")
        server_random = parse_server_hello(msg, res)
        t, msg = conn.read_message()
        pub = leaf_public_key(msg)
        t, msg = conn.read_message()
        server_pub = None
        if t == HT_SKE:
            server_pub = verify_ske(msg, pub, client_random, server_random, res)
            t, msg = conn.read_message()
        if t == HT_CERT_REQUEST:
            res.cert_request = True
            t, msg = conn.read_message()
        if t != HT_SHD:
            raise Closed(f"message {t} where ServerHelloDone was due")

        for _ in range(warnings_before_cke):
            conn.send(CT_ALERT, b"\x01\x5a")        # warning user_canceled
        if res.suite == ECDHE_RSA_AES128_GCM_SHA256:
            priv = x25519.X25519PrivateKey.generate()
            mine = priv.public_key().public_bytes(serialization.Encoding.Raw,
                                                  serialization.PublicFormat.Raw)
            pms = priv.exchange(x25519.X25519PublicKey.from_public_bytes(server_pub))
            cke = u8(HT_CKE) + vec24(vec8(mine))
        elif res.suite == RSA_AES128_GCM_SHA256:
            pms = b"\x03\x03" + os.urandom(46)
            enc = pub.encrypt(pms, padding.PKCS1v15())
            cke = u8(HT_CKE) + vec24(vec16(enc))
        else:
            raise Closed(f"server chose suite {res.suite:04x}, which the probe lacks")
        conn.send_handshake(cke)
        if EXT_EMS in res.server_exts:
            master = prf(pms, b"extended master secret",
                         hashlib.sha256(conn.transcript).digest(), 48)
        else:
            master = prf(pms, b"master secret", client_random + server_random, 48)
        kb = prf(master, b"key expansion", server_random + client_random, 40)
        conn.send(CT_CCS, ccs_body)
        conn.enc_out = (kb[0:16], kb[32:36])
        if before_finished:
            before_finished(conn)
        verify = prf(master, b"client finished", hashlib.sha256(conn.transcript).digest(), 12)
        conn.send_handshake(u8(HT_FINISHED) + vec24(verify))
        ctype, body = conn.read_record()
        while conn.read_alert_or(ctype, body) is None:
            ctype, body = conn.read_record()
        if ctype != CT_CCS:
            raise Closed(f"record type {ctype} where ChangeCipherSpec was due")
        conn.enc_in = (kb[16:32], kb[36:40])
        want = prf(master, b"server finished", hashlib.sha256(conn.transcript).digest(), 12)
        t, msg = conn.read_message()
        if t != HT_FINISHED or msg[4:] != want:
            raise Closed("server Finished wrong")
        conn.records_in = []
        if after is not None:
            after(conn, res)
        else:
            conn.send(CT_APP, request)
            res.http = read_http(conn)
        res.response_records = sum(1 for t, _ in conn.records_in if t == CT_APP)
    except Alert as a:
        res.alert = a
    except Closed as c:
        res.closed = str(c)
    finally:
        res.warnings = conn.warnings
        conn.close()
    return res


def read_http(conn):
    """Application data until close_notify or the end of the connection."""
    data = b""
    while True:
        try:
            ctype, body = conn.read_record()
        except Closed:
            return data
        if ctype == CT_APP:
            data += body
        elif ctype == CT_ALERT:
            if body[0] == 1 and body[1] != 0:
                conn.warnings.append(body[1])
                continue
            return data
        elif ctype == CT_HANDSHAKE:
            continue
        else:
            return data


# ---------------------------------------------------------------- scenarios

def http_ok(res):
    return res.alert is None and res.closed is None and res.http.startswith(b"HTTP/1.1 200")


def describe(res):
    if res.alert is not None:
        return str(res.alert)
    if res.closed is not None:
        return res.closed
    status = res.http.split(b"\r\n", 1)[0].decode(errors="replace")
    return (f"version {res.server_version:04x} suite {res.suite:04x} "
            f"{'sig ' + format(res.sig_alg, '04x') + ' ' if res.sig_alg else ''}'{status}'")


def expect_ok(res, check=None):
    if not http_ok(res):
        return False, describe(res)
    if check is not None and not check(res):
        return False, describe(res)
    return True, describe(res)


def expect_alert(res, desc):
    if res.alert is not None and res.alert.level == 2 and res.alert.desc == desc:
        return True, str(res.alert)
    return False, f"want fatal {ALERTS[desc]}, got {describe(res)}"


SCENARIOS = {}


def scenario(name, doc):
    def reg(fn):
        SCENARIOS[name] = (doc, fn)
        return fn
    return reg


def hello_with(**kw):
    h = Hello()
    for k, v in kw.items():
        setattr(h, k, v)
    return h


def tls12(res):
    return res.server_version == 0x0303


for rv in (b"\x03\x00", b"\x03\x01", b"\x03\x02", b"\x03\x03", b"\x03\x7f"):
    def _rv(port, rv=rv):
        return expect_ok(handshake(port, hello_with(record_version=rv)), tls12)
    scenario(f"record-version-{rv.hex()}",
             f"first ClientHello in records of version {rv.hex()}: accepted (RFC 5246 E.1)")(_rv)

for cv in (0x0304, 0x03FF, 0x0400, 0x7F7F):
    def _cv(port, cv=cv):
        return expect_ok(handshake(port, hello_with(client_version=cv)), tls12)
    scenario(f"client-version-{cv:04x}",
             f"client_version {cv:04x}: the server negotiates TLS 1.2 (RFC 5246 E.1)")(_cv)


@scenario("client-version-0302", "client_version TLS 1.1 only: protocol_version")
def _cv_low(port):
    return expect_alert(handshake(port, hello_with(client_version=0x0302)), 70)


@scenario("sslv2-hello", "SSLv2-compatible CLIENT-HELLO offering TLS 1.2: accepted (RFC 5246 E.2)")
def _v2(port):
    return expect_ok(handshake(port, v2=sslv2_hello()), tls12)


@scenario("sslv2-hello-v2-specs-only",
          "SSLv2-compatible CLIENT-HELLO with SSLv2 cipher specs only: handshake_failure")
def _v2_specs(port):
    specs = [(0x01, 0x0080), (0x07, 0x00C0)]    # SSL_CK_RC4_128_WITH_MD5, DES_192_EDE3
    return expect_alert(handshake(port, v2=sslv2_hello(specs=specs)), 40)


@scenario("sslv2-hello-tls10", "SSLv2-compatible CLIENT-HELLO offering TLS 1.0 only: protocol_version")
def _v2_low(port):
    return expect_alert(handshake(port, v2=sslv2_hello(version=0x0301)), 70)


@scenario("sslv2-hello-short-challenge",
          "SSLv2-compatible CLIENT-HELLO with a 16-byte challenge: accepted (E.2)")
def _v2_short(port):
    return expect_ok(handshake(port, v2=sslv2_hello(challenge=os.urandom(16))), tls12)


@scenario("no-renegotiation-info", "neither renegotiation_info nor the SCSV: accepted by default")
def _no_ri(port):
    exts = [e for e in standard_extensions() if e[:2] != u16(EXT_RENEGO)]
    return expect_ok(handshake(port, hello_with(extensions=exts)))


def renegotiate(conn, res, split_request):
    """After the handshake: a ClientHello (encrypted), then an HTTP request;
    with split_request, half the request goes before the ClientHello."""
    req = b"GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    if split_request:
        conn.send(CT_APP, req[:20])
    conn.send(CT_HANDSHAKE, Hello().message())
    conn.send(CT_APP, req[20:] if split_request else req)
    res.http = read_http(conn)
    res.renego_warning = 100 in conn.warnings


for split in (False, True):
    def _reneg(port, split=split):
        res = handshake(port, after=lambda c, r: renegotiate(c, r, split))
        good, what = expect_ok(res)
        if not res.renego_warning:
            return False, f"no warning no_renegotiation (got {describe(res)})"
        return good, "warning no_renegotiation, then " + what
    scenario("renegotiation" + ("-split-request" if split else ""),
             "a ClientHello after the handshake: warning no_renegotiation, connection usable"
             + (" (HTTP request split around it)" if split else ""))(_reneg)


@scenario("extensions-empty-block", "an extensions block of length 0: valid")
def _ext_empty(port):
    h = hello_with(raw_extensions=b"\x00\x00", suites=[RSA_AES128_GCM_SHA256])
    return expect_ok(handshake(port, h))


@scenario("extensions-unknown", "unknown and unassigned extension types: ignored")
def _ext_unknown(port):
    exts = standard_extensions() + [ext(t, b"\xaa" * (t % 7)) for t in
                                    (0x0F0F, 0x1234, 0x4444, 0xFAFA, 0xFFFE, 60, 61, 62)]
    return expect_ok(handshake(port, hello_with(extensions=exts)))


def big_hello(n_empty, frag):
    """n_empty extra empty extensions (None: as many as the 16-bit
    extensions block holds) in records of frag bytes."""
    exts = standard_extensions()
    if n_empty is None:
        n_empty = (65535 - sum(len(e) for e in exts)) // 4
    used = set(int.from_bytes(e[:2], "big") for e in exts)
    t = 1000
    while len(exts) < n_empty + len(used):
        if t not in used:
            exts.append(ext(t))
        t += 1
    return hello_with(extensions=exts, frag=frag)


for n, frag in ((None, 16384), (None, 1000), (4000, 1), (3000, 7)):
    def _big(port, n=n, frag=frag):
        return expect_ok(handshake(port, big_hello(n, frag)))
    scenario(f"large-hello-{n or 'max'}-frag-{frag}",
             f"a ClientHello with {n or 'the most'} extra empty extensions (a full 64 KiB block)"
             f" in records of {frag} bytes: handled")(_big)


@scenario("large-hello-padding", "a ClientHello with a 65,000-byte padding extension: handled")
def _pad(port):
    exts = standard_extensions() + [ext(EXT_PADDING, b"\x00" * 65000)]
    return expect_ok(handshake(port, hello_with(extensions=exts)))


@scenario("large-hello-over-bound", "a ClientHello message above 128 KiB: decode_error")
def _too_big(port):
    h = Hello()
    body = h.body()
    msg = u8(HT_CLIENT_HELLO) + u24(len(body) + 140000) + body + b"\x00" * 140000
    conn = Conn(port)
    res = Result()
    try:
        # the first record carries the header that declares the length: the
        # server can refuse there, before the rest is sent
        conn.send_raw(u8(CT_HANDSHAKE) + b"\x03\x01" + vec16(msg[:16384]))
        conn.read_message()
    except Alert as a:
        res.alert = a
    except (Closed, OSError) as c:
        res.closed = str(c)
    finally:
        conn.close()
    return expect_alert(res, 50)


@scenario("hello-trailing-bytes", "bytes after the extensions inside the ClientHello: decode_error")
def _trailing(port):
    return expect_alert(handshake(port, hello_with(trailing=b"\x00\x01\x02")), 50)


@scenario("sigalgs-pss-preferred",
          "signature_algorithms with rsa_pss_rsae_sha256 first: ServerKeyExchange signed with PSS")
def _pss(port):
    h = hello_with(extensions=standard_extensions([RSA_PSS_SHA256, RSA_PKCS1_SHA256]),
                   suites=[ECDHE_RSA_AES128_GCM_SHA256])
    return expect_ok(handshake(port, h), lambda r: r.sig_alg == RSA_PSS_SHA256)


for alg in (RSA_PSS_SHA384, RSA_PSS_SHA512):
    def _pss_h(port, alg=alg):
        h = hello_with(extensions=standard_extensions([alg]), suites=[ECDHE_RSA_AES128_GCM_SHA256])
        return expect_ok(handshake(port, h), lambda r: r.sig_alg == alg)
    scenario(f"sigalgs-pss-{alg:04x}", f"signature_algorithms {alg:04x} only: PSS signature")(_pss_h)


@scenario("sigalgs-long-dups-unknown",
          "signature_algorithms at its maximum length with duplicates and unknown values: tolerated")
def _sig_long(port):
    algs = [0xFEFE, 0x0101, RSA_PKCS1_SHA256, RSA_PKCS1_SHA256] + [0x0A00 + i for i in range(32761)]
    # the longest list that leaves room for the other extensions in the
    # 16-bit extensions block: 65,535 - 23 bytes of them - 6 of headers
    h = hello_with(extensions=standard_extensions(algs[:32753]), suites=[ECDHE_RSA_AES128_GCM_SHA256])
    return expect_ok(handshake(port, h), lambda r: r.sig_alg == RSA_PKCS1_SHA256)


@scenario("sigalgs-absent-ecdhe", "ECDHE only, no signature_algorithms: handshake_failure (RFC 9155 5)")
def _sig_absent(port):
    exts = [e for e in standard_extensions() if e[:2] != u16(EXT_SIG_ALGS)]
    h = hello_with(extensions=exts, suites=[ECDHE_RSA_AES128_GCM_SHA256])
    return expect_alert(handshake(port, h), 40)


@scenario("sigalgs-sha1-md5-ecdhe", "ECDHE only, SHA-1/MD5 schemes only: handshake_failure (RFC 9155 5)")
def _sig_sha1(port):
    h = hello_with(extensions=standard_extensions([RSA_PKCS1_SHA1, RSA_PKCS1_MD5]),
                   suites=[ECDHE_RSA_AES128_GCM_SHA256])
    return expect_alert(handshake(port, h), 40)


for label, host in (("control-char", b"local\x07host"), ("escape", b"local\x1b[0mhost"),
                    ("utf8", "lo\u00e7alhost".encode()), ("nul", b"localhost\x00"),
                    ("trailing-dot", b"localhost."), ("empty-label", b"local..host"),
                    ("space", b"local host"), ("underscore", b"local_host")):
    def _bad_sni(port, host=host):
        return expect_alert(handshake(port, hello_with(
            extensions=standard_extensions() + [sni_ext(host)])), 47)
    scenario(f"sni-{label}", f"server_name host_name {host!r}: illegal_parameter (RFC 6066 3)")(_bad_sni)


@scenario("sni-broken-structure", "server_name whose list length is wrong: decode_error")
def _sni_struct(port):
    bad = ext(EXT_SERVER_NAME, u16(40) + u8(0) + vec16(b"localhost"))
    return expect_alert(handshake(port, hello_with(extensions=standard_extensions() + [bad])), 50)


@scenario("sni-unknown-name", "server_name of a host the server does not know: no alert, continues")
def _sni_unknown(port):
    res = handshake(port, hello_with(extensions=standard_extensions() + [sni_ext("www.example.org")]))
    good, what = expect_ok(res)
    if res.warnings:
        return False, f"warning alerts {res.warnings}"
    return good, what


@scenario("sni-valid", "server_name localhost: continues")
def _sni_ok(port):
    return expect_ok(handshake(port, hello_with(extensions=standard_extensions() + [sni_ext("localhost")])))


for label, body in (("empty", b""), ("two-bytes", b"\x01\x01"), ("value-2", b"\x02")):
    def _ccs(port, body=body):
        return expect_alert(handshake(port, ccs_body=body), 10)
    scenario(f"ccs-{label}", f"ChangeCipherSpec body {body.hex() or 'empty'}: unexpected_message")(_ccs)


@scenario("warnings-few", "four warning alerts in a row during the handshake: tolerated")
def _warn_few(port):
    return expect_ok(handshake(port, warnings_before_cke=4))


@scenario("warnings-flood", "five warning alerts in a row during the handshake: unexpected_message (CVE-2016-8610)")
def _warn_flood(port):
    return expect_alert(handshake(port, warnings_before_cke=5), 10)


@scenario("response-one-record", "a response that fits in 2^14 bytes comes in one record")
def _one_record(port):
    res = handshake(port)
    good, what = expect_ok(res)
    if good and len(res.http) <= 16384 and res.response_records != 1:
        return False, f"{len(res.http)}-byte response in {res.response_records} records"
    return good, f"{what}, {len(res.http)} bytes in {res.response_records} record(s)"


def main(argv):
    if len(argv) == 2 and argv[1] == "--list":
        for name, (doc, _) in SCENARIOS.items():
            print(f"{name}\t{doc}")
        return 0
    if len(argv) != 3 or argv[2] not in SCENARIOS:
        sys.stderr.write(__doc__)
        return 2
    port, name = int(argv[1]), argv[2]
    doc, fn = SCENARIOS[name]
    try:
        good, what = fn(port)
    except Exception as e:          # a probe bug or an unexpected reply
        good, what = False, f"probe error: {type(e).__name__}: {e}"
    print(f"{'ok  ' if good else 'FAIL'} {name}: {what}")
    return 0 if good else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
