#!/usr/bin/env python3
"""tls_evil_server.py — a TLS 1.2 server that behaves the way real servers
do and the standard allows, for tests of glass-client
(tests/sh/conformance_client.sh).

Independent of glasstls: the server side of ECDHE_RSA_WITH_AES_128_GCM_SHA256
(X25519, the ServerKeyExchange signed rsa_pkcs1_sha256 with the given key)
and RSA_WITH_AES_128_GCM_SHA256 written here from RFC 5246 / RFC 7627 over
python3-cryptography, with the record layer of tls_probe.py.  It serves
one connection, then exits.

usage: tls_evil_server.py PORTFILE CHAIN.pem KEY.pem SCENARIO
  (tls_evil_server.py --list for the scenarios)
Writes the port it listens on (127.0.0.1, chosen by the kernel) to
PORTFILE, then prints one line about the connection: "served: ..." when
the client completed the handshake and got the page, "client: ..."
when it stopped (its alert, or the connection closing).  Bounded: gives
up after 20 seconds.
"""
import hashlib
import os
import socket
import struct
import sys

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, x25519

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tls_probe as t   # noqa: E402  (the shared record layer and PRF)

PAGE = b"<!DOCTYPE html><title>evil</title><p>served by tls_evil_server.py</p>\n"


class Flight:
    """Handshake messages to send, then how to cut them into records."""

    def __init__(self):
        self.msgs = []

    def add(self, conn, msg, hashed=True):
        if hashed:
            conn.transcript += msg
        self.msgs.append(msg)


def send_flight(conn, msgs, how):
    data = b"".join(msgs)
    if how == "one-record":                  # every message in one record
        conn.send(t.CT_HANDSHAKE, data)
    elif how == "byte-records":              # one byte per record
        conn.send(t.CT_HANDSHAKE, data, frag=1)
    elif how == "odd-records":               # records cutting across messages
        conn.send(t.CT_HANDSHAKE, data, frag=7)
    elif how == "one-write":                 # one record per message, one TCP write
        conn.send_raw(b"".join(conn.record(t.CT_HANDSHAKE, m) for m in msgs))
    else:                                    # one record and one write per message
        for m in msgs:
            conn.send(t.CT_HANDSHAKE, m)


def load_chain(path):
    pem = open(path, "rb").read()
    certs, marker = [], b"-----BEGIN CERTIFICATE-----"
    for part in pem.split(marker)[1:]:
        certs.append(x509.load_pem_x509_certificate(marker + part))
    return [c.public_bytes(serialization.Encoding.DER) for c in certs]


def parse_client_hello(msg):
    body = msg[4:]
    p = 2
    random = body[p:p + 32]
    p += 32
    p += 1 + body[p]
    n = struct.unpack("!H", body[p:p + 2])[0]
    suites = [struct.unpack("!H", body[p + 2 + i:p + 4 + i])[0] for i in range(0, n, 2)]
    p += 2 + n
    p += 1 + body[p]
    exts = {}
    if p < len(body):
        end = p + 2 + struct.unpack("!H", body[p:p + 2])[0]
        p += 2
        while p < end:
            et, el = struct.unpack("!HH", body[p:p + 4])
            exts[et] = body[p + 4:p + 4 + el]
            p += 4 + el
    return random, suites, exts


def serve(conn, chain, key, scenario):
    how = {"coalesced": "one-record", "fragmented": "byte-records",
           "cut-across": "odd-records", "one-write": "one-write"}.get(scenario, "plain")
    t_, msg = conn.read_message()
    if t_ != t.HT_CLIENT_HELLO:
        return f"client: sent message {t_} first"
    client_random, suites, exts = parse_client_hello(msg)
    rsa_kx = scenario == "rsa-kx"
    suite = t.RSA_AES128_GCM_SHA256 if rsa_kx else t.ECDHE_RSA_AES128_GCM_SHA256
    if suite not in suites:
        return "client: did not offer the suite"
    ems = t.EXT_EMS in exts
    server_random = os.urandom(32)

    flight = Flight()
    if scenario == "hello-requests":         # RFC 5246 7.4.1.1: ignored, not hashed
        for _ in range(3):
            flight.add(conn, t.u8(t.HT_HELLO_REQUEST) + t.u24(0), hashed=False)
    if scenario == "hello-request-flood":
        for _ in range(40):
            flight.add(conn, t.u8(t.HT_HELLO_REQUEST) + t.u24(0), hashed=False)
    sh_exts = [t.ext(t.EXT_RENEGO, b"\x00")]
    if ems:
        sh_exts.append(t.ext(t.EXT_EMS))
    if not rsa_kx and t.EXT_POINT_FORMATS in exts:
        sh_exts.append(t.ext(t.EXT_POINT_FORMATS, t.vec8(b"\x00")))
    if scenario == "extensions-reversed":
        sh_exts.reverse()
    sh = (t.u16(0x0303) + server_random + t.vec8(os.urandom(32)) + t.u16(suite) + b"\x00"
          + t.vec16(b"".join(sh_exts)))
    flight.add(conn, t.u8(t.HT_SERVER_HELLO) + t.vec24(sh))
    certs = b"".join(t.vec24(c) for c in chain)
    flight.add(conn, t.u8(t.HT_CERTIFICATE) + t.vec24(t.vec24(certs)))
    if not rsa_kx:
        priv = x25519.X25519PrivateKey.generate()
        pub = priv.public_key().public_bytes(serialization.Encoding.Raw,
                                             serialization.PublicFormat.Raw)
        params = b"\x03" + t.u16(t.X25519_GROUP) + t.vec8(pub)
        signed = client_random + server_random + params
        if scenario.startswith("ske-pss"):     # RFC 8446 4.2.3: salt = hash length
            alg, h = {"ske-pss": (t.RSA_PSS_SHA256, hashes.SHA256()),
                      "ske-pss-sha384": (t.RSA_PSS_SHA384, hashes.SHA384()),
                      "ske-pss-sha512": (t.RSA_PSS_SHA512, hashes.SHA512())}[scenario]
            offered = exts.get(t.EXT_SIG_ALGS, b"")[2:]
            if t.u16(alg) not in [offered[i:i + 2] for i in range(0, len(offered), 2)]:
                return f"client: did not offer {alg:04x}"
            sig = key.sign(signed, padding.PSS(mgf=padding.MGF1(h), salt_length=h.digest_size), h)
        else:
            alg = t.RSA_PKCS1_SHA256
            sig = key.sign(signed, padding.PKCS1v15(), hashes.SHA256())
        flight.add(conn, t.u8(t.HT_SKE) + t.vec24(params + t.u16(alg) + t.vec16(sig)))
    if scenario in ("certificate-request", "certificate-request-cas"):
        # RFC 5246 7.4.4: rsa_sign(1), ecdsa_sign(64); two schemes; CAs
        cas = b""
        if scenario == "certificate-request-cas":
            for name in (b"CN=glasstls test CA", b"O=Example, CN=Other CA"):
                cas += t.vec16(b"\x30" + t.u8(len(name)) + name)
        cr = t.vec8(b"\x01\x40") + t.vec16(t.u16(0x0401) + t.u16(0x0804)) + t.vec16(cas)
        flight.add(conn, t.u8(t.HT_CERT_REQUEST) + t.vec24(cr))
    flight.add(conn, t.u8(t.HT_SHD) + t.u24(0))
    if scenario == "warnings":               # four warnings in a row: tolerated
        send_flight(conn, flight.msgs[:1], how)
        for _ in range(4):
            conn.send(t.CT_ALERT, b"\x01\x5a")
        send_flight(conn, flight.msgs[1:], how)
    elif scenario == "warning-flood":        # five in a row: unexpected_message
        send_flight(conn, flight.msgs[:1], how)
        for _ in range(5):
            conn.send(t.CT_ALERT, b"\x01\x5a")
        send_flight(conn, flight.msgs[1:], how)
    else:
        send_flight(conn, flight.msgs, how)

    want_cert = scenario.startswith("certificate-request")
    if want_cert:
        t_, msg = conn.read_message()
        if t_ != t.HT_CERTIFICATE:
            return f"client: sent message {t_} where its Certificate was due"
        if msg[4:] != b"\x00\x00\x00":
            return "client: its Certificate message is not empty"
    t_, msg = conn.read_message()
    if t_ != t.HT_CKE:
        return f"client: sent message {t_} where ClientKeyExchange was due"
    if rsa_kx:
        pms = key.decrypt(msg[6:], padding.PKCS1v15())
    else:
        peer = x25519.X25519PublicKey.from_public_bytes(msg[5:])
        pms = priv.exchange(peer)
    if ems:
        master = t.prf(pms, b"extended master secret",
                       hashlib.sha256(conn.transcript).digest(), 48)
    else:
        master = t.prf(pms, b"master secret", client_random + server_random, 48)
    kb = t.prf(master, b"key expansion", server_random + client_random, 40)
    ctype, body = conn.read_record()
    if ctype != t.CT_CCS:
        return f"client: record type {ctype} where ChangeCipherSpec was due"
    conn.enc_in = (kb[0:16], kb[32:36])
    want = t.prf(master, b"client finished", hashlib.sha256(conn.transcript).digest(), 12)
    t_, msg = conn.read_message()
    if t_ != t.HT_FINISHED or msg[4:] != want:
        return "client: its Finished is wrong"
    conn.send(t.CT_CCS, b"\x01")
    conn.enc_out = (kb[16:32], kb[36:40])
    verify = t.prf(master, b"server finished", hashlib.sha256(conn.transcript).digest(), 12)
    fin = t.u8(t.HT_FINISHED) + t.vec24(verify)
    conn.transcript += fin
    conn.send(t.CT_HANDSHAKE, fin)
    request = b""
    while b"\r\n\r\n" not in request:
        ctype, body = conn.read_record()
        if ctype == t.CT_APP:
            request += body
        elif ctype == t.CT_ALERT:
            return f"client: alert {body.hex()} instead of a request"
    response = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: "
                + str(len(PAGE)).encode() + b"\r\nConnection: close\r\n\r\n" + PAGE)
    if scenario == "app-data-fragmented":    # the response one byte per record
        conn.send(t.CT_APP, response, frag=1)
    else:
        conn.send(t.CT_APP, response)
    conn.send(t.CT_ALERT, b"\x01\x00")       # close_notify
    return "served: " + request.split(b"\r\n", 1)[0].decode(errors="replace")


SCENARIOS = {
    "plain": "one record and one write per message",
    "coalesced": "the whole server flight in one record",
    "fragmented": "the server flight one byte per record",
    "cut-across": "records of 7 bytes cutting across messages",
    "one-write": "one record per message, all in one TCP write",
    "extensions-reversed": "ServerHello extensions in the other order",
    "hello-requests": "three HelloRequests before the ServerHello (ignored)",
    "hello-request-flood": "forty HelloRequests before the ServerHello",
    "warnings": "four warning alerts after the ServerHello",
    "warning-flood": "five warning alerts in a row after the ServerHello",
    "certificate-request": "a CertificateRequest with no CA names",
    "certificate-request-cas": "a CertificateRequest naming two CAs",
    "rsa-kx": "RSA key exchange",
    "ske-pss": "ServerKeyExchange signed rsa_pss_rsae_sha256",
    "ske-pss-sha384": "ServerKeyExchange signed rsa_pss_rsae_sha384",
    "ske-pss-sha512": "ServerKeyExchange signed rsa_pss_rsae_sha512",
    "app-data-fragmented": "the HTTP response one byte per record",
}


def main(argv):
    if len(argv) == 2 and argv[1] == "--list":
        for name, doc in SCENARIOS.items():
            print(f"{name}\t{doc}")
        return 0
    if len(argv) != 5 or argv[4] not in SCENARIOS:
        sys.stderr.write(__doc__)
        return 2
    portfile, chain_path, key_path, scenario = argv[1:]
    chain = load_chain(chain_path)
    key = serialization.load_pem_private_key(open(key_path, "rb").read(), password=None)
    lst = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    lst.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    lst.bind(("127.0.0.1", 0))
    lst.listen(1)
    lst.settimeout(20)
    with open(portfile + ".tmp", "w") as f:
        f.write(str(lst.getsockname()[1]))
    os.rename(portfile + ".tmp", portfile)
    try:
        sock, _ = lst.accept()
    except socket.timeout:
        print("client: never connected")
        return 1
    lst.close()
    sock.settimeout(20)
    conn = t.Conn(sock=sock)
    try:
        print(serve(conn, chain, key, scenario))
    except t.Alert as a:
        print(f"client: {a}")
    except t.Closed as c:
        print(f"client: {c}")
    finally:
        conn.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
