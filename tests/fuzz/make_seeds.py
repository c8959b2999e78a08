#!/usr/bin/env python3
"""make_seeds.py TARGET OUTDIR [SHARED_VECTORS]

Writes a seed corpus for one fuzz target (tests/fuzz/fuzz_TARGET.c) into
OUTDIR, generated from the repository's fixtures so that no large corpus is
committed: certificates and keys from tests/certs and tests/fixtures,
vector files from tests/vectors (and the first 8 KiB of each file under
SHARED_VECTORS when given), and records built here byte by byte following
RFC 5246 section 6.2.  Python standard library only.  Run from the
repository root.
"""
import base64
import glob
import hashlib
import os
import re
import struct
import sys

PEM_RE = re.compile(rb"-----BEGIN ([A-Z0-9 ]+)-----\r?\n(.*?)-----END \1-----", re.S)


def pem_blocks(path):
    with open(path, "rb") as f:
        text = f.read()
    out = []
    for label, body in PEM_RE.findall(text):
        lines = [l for l in body.split(b"\n") if l and b":" not in l]
        try:
            out.append((label.decode(), base64.b64decode(b"".join(lines))))
        except Exception:
            pass
    return out


def cert_files():
    return sorted(glob.glob("tests/certs/*.pem"))


def key_files():
    return sorted(glob.glob("tests/certs/*.key") + glob.glob("tests/fixtures/rsa/*.pem"))


def rec(ctype, payload, version=0x0303):
    return struct.pack(">BHH", ctype, version, len(payload)) + payload


def hs(msg_type, body):
    return struct.pack(">B", msg_type) + len(body).to_bytes(3, "big") + body


def item(ctype, payload):
    return struct.pack(">BH", ctype, len(payload)) + payload


def sslv2_hello(version=0x0303):
    """An SSLv2-compatible CLIENT-HELLO (RFC 5246 E.2) offering TLS 1.2."""
    specs = b"\x00\x00\x9c\x00\xc0\x2f\x00\x00\xff\x01\x00\x80"
    body = (b"\x01" + struct.pack(">HHHH", version, len(specs), 0, 32) + specs
            + bytes(range(32)))
    return struct.pack(">H", 0x8000 | len(body)) + body


def large_hello(n_ext):
    """A ClientHello with n_ext empty extensions (past the 32 KiB handshake
    buffer when n_ext > 8200), cut into records of 1,000 bytes."""
    exts = (b"\xff\x01\x00\x01\x00" + b"\x00\x0a\x00\x04\x00\x02\x00\x1d"
            + b"\x00\x0d\x00\x04\x00\x02\x04\x01"
            + b"".join(struct.pack(">HH", 1000 + i, 0) for i in range(n_ext)))
    body = (bytes([3, 3]) + bytes(32) + b"\x00" + b"\x00\x02\xc0\x2f" + b"\x01\x00"
            + struct.pack(">H", len(exts)) + exts)
    msg = hs(1, body)
    return b"".join(rec(22, msg[i:i + 1000]) for i in range(0, len(msg), 1000))


def record_seeds():
    hello = hs(1, bytes([3, 3]) + bytes(range(32)) + b"\x00" + b"\x00\x02\xc0\x2f" + b"\x01\x00")
    fin = hs(20, bytes(12))
    raw = [
        rec(22, hello, 0x0301),
        rec(22, hello[:10]) + rec(22, hello[10:]),
        rec(22, hello + fin),
        rec(21, b"\x01\x00"),                    # close_notify
        rec(21, b"\x02\x28"),                    # fatal handshake_failure
        rec(21, b"\x01\x5a") + rec(23, b"hello"),  # warning then data
        rec(23, b"") * 3 + rec(23, b"data"),
        rec(20, b"\x01"),
        rec(22, hs(2, bytes(70))[:30]),          # truncated
        rec(23, bytes(16384)),
        rec(22, b"\x0b\x01\x00\x00"),           # 64 KiB certificate header
        sslv2_hello(),                           # RFC 5246 E.2
        rec(22, hs(1, bytes(3000))[:2000]) + rec(22, hs(1, bytes(3000))[2000:]),
    ]
    # the sealed form: items the harness turns into records
    sealed = [
        item(22, hello) + item(20, b"\x01") + item(22, fin) + item(23, b"application data"),
        item(22, hello[:7]) + item(22, hello[7:]) + item(20, b"\x01") + item(21, b"\x01\x00"),
        item(20, b"\x01") + item(23, b"") + item(23, b"x" * 300) + item(21, b"\x02\x0a"),
        item(20, b"\x01") + item(22, fin[:2]) + item(23, b"y") + item(22, fin[2:]),
    ]
    seeds = []
    for flags in (0x00, 0x01, 0x04, 0x08, 0x20, 0x40, 0x81, 0xc1):
        seeds += [bytes([flags]) + s for s in raw]
    for flags in (0x02, 0x03, 0x06, 0x0a, 0x12, 0x22):
        seeds += [bytes([flags]) + s for s in sealed]
    return seeds


GOLDEN = {  # golden transcript -> fuzz_client's configuration byte
    "handshake_rsa_aes128.hex": 1, "handshake_rsa_aes256.hex": 2,
    "handshake_ecdhe_aes128.hex": 3, "handshake_ecdhe_aes256.hex": 4,
}


def golden_sends(path):
    """[(who, bytes)] of a tests/vectors/handshake_*.hex transcript."""
    out = []
    with open(path) as f:
        for line in f:
            if line[:2] in ("C ", "S "):
                out.append((line[0], bytes.fromhex(line[2:].strip())))
    return out


def plaintext_messages(stream):
    """Handshake messages of the plaintext records at the start of a stream
    (up to its ChangeCipherSpec)."""
    msgs, data, i = [], b"", 0
    while i + 5 <= len(stream):
        ctype, _, n = struct.unpack(">BHH", stream[i:i + 5])
        if ctype != 22:
            break
        data += stream[i + 5:i + 5 + n]
        i += 5 + n
    while len(data) >= 4:
        n = int.from_bytes(data[1:4], "big")
        msgs.append((data[0], data[4:4 + n]))
        data = data[4 + n:]
    return msgs


def handshake_seeds(target):
    seeds = []
    for name, cfg in sorted(GOLDEN.items()):
        sends = golden_sends(os.path.join("tests/vectors", name))
        client = b"".join(b for who, b in sends if who == "C")
        server = b"".join(b for who, b in sends if who == "S")
        if target == "server":
            seeds.append(client)
            seeds.append(client[:len(client) // 2])
        elif target == "client":
            seeds.append(bytes([cfg]) + server)
            seeds.append(bytes([cfg | 8]) + server)
        else:
            sel = {1: 0, 2: 1, 11: 2, 12: 3, 14: 4, 13: 9, 15: 10}
            rsa = name.startswith("handshake_rsa")
            for t, body in plaintext_messages(client) + plaintext_messages(server):
                if t == 16:
                    seeds.append(bytes([5 if rsa else 6]) + body)
                elif t in sel:
                    seeds.append(bytes([sel[t]]) + body)
    # the client-certificate flavour (tests/test_mtls.c's golden transcript)
    sends = golden_sends("tests/vectors/mtls_C02F.hex")
    client = b"".join(b for who, b in sends if who == "C")
    server = b"".join(b for who, b in sends if who == "S")
    if target == "server_mtls":
        seeds += [client, client[:len(client) // 2]]
    elif target == "hs_msg":
        sel = {11: 2, 13: 9, 15: 10, 16: 6}
        for t, body in plaintext_messages(client) + plaintext_messages(server):
            if t in sel:
                seeds.append(bytes([sel[t]]) + body)
    elif target == "client":
        seeds += [bytes([3 | 16]) + server, bytes([3]) + server]
    # the resumed flavour (tests/test_resume.c's golden transcript, peer.h's
    # fuzz_peer_run_resumed): the halves complete the abbreviated handshake
    sends = golden_sends("tests/vectors/handshake_resumed_ticket.hex")
    client = b"".join(b for who, b in sends if who == "C")
    server = b"".join(b for who, b in sends if who == "S")
    if target == "server_resume":
        seeds += [client, client[:len(client) // 2]]
        # a ticket that does not open (one bit of its ciphertext): full
        # handshake, then the rest of the client's bytes are wrong for it
        at = client.index(b"resume-test-key1") + 16 + 12
        seeds.append(client[:at] + bytes([client[at] ^ 1]) + client[at + 1:])
        # a full handshake's client half: no session offered at all
        for name in sorted(GOLDEN):
            full = golden_sends(os.path.join("tests/vectors", name))
            seeds.append(b"".join(b for who, b in full if who == "C"))
    elif target == "client":
        seeds += [bytes([32]) + server, bytes([32]) + server[:len(server) // 2]]
        # the server ignores the offer and answers with a full handshake
        full = golden_sends("tests/vectors/handshake_ecdhe_aes128.hex")
        seeds.append(bytes([32]) + b"".join(b for who, b in full if who == "S"))
    if target == "server":
        seeds += [sslv2_hello(), sslv2_hello(0x0301), large_hello(8300)]
    if target == "hs_msg":
        seeds += [bytes([7]) + bytes(range(12)), bytes([8, 1]), bytes([4])]
        # CertificateRequest (RFC 5246 7.4.4): rsa_sign + ecdsa_sign, two
        # schemes, no CA names / one CA name
        cr = b"\x02\x01\x40" + b"\x00\x04\x04\x01\x08\x04"
        seeds += [bytes([9]) + cr + b"\x00\x00",
                  bytes([9]) + cr + b"\x00\x08\x00\x06" + b"\x30\x04\x31\x02\x30\x00"]
        with open("tests/vectors/hs_openssl_flight.hex") as f:
            for line in f:
                parts = line.split()
                if len(parts) == 3 and parts[0] in ("client", "server") and parts[1].isdigit():
                    t, msg = int(parts[1]), bytes.fromhex(parts[2])
                    m = {1: 0, 2: 1, 11: 2, 12: 3, 14: 4}
                    if t in m:
                        seeds.append(bytes([m[t]]) + msg[4:])
    return seeds


def ticket_seeds():
    """fuzz_ticket: mode byte + a ticket (0), a session state (1), a
    session blob (2), a NewSessionTicket body (3), in the layouts of
    include/glasstls/session.h and RFC 5077 3.3."""
    master = bytes(range(48))
    name = b"localhost"
    state = (bytes([1]) + struct.pack(">HB", 0xC02F, 1) + master +
             struct.pack(">Q", 900) + bytes([len(name)]) + name + bytes([0]))
    blob = (b"GLSS" + bytes([1]) + struct.pack(">HB", 0xC02F, 1) + master +
            struct.pack(">QI", 900, 7200) + bytes([32]) + bytes(range(32)) +
            bytes([len(name)]) + name + bytes([32]) + bytes(32) + struct.pack(">H", 4) +
            b"tick")
    ticket = b"fuzz-ticket-key1" + bytes(12) + bytes(len(state)) + bytes(16)
    nst = struct.pack(">IH", 7200, len(ticket)) + ticket
    return [b"\x00" + ticket, b"\x01" + state, b"\x02" + blob, b"\x03" + nst,
            b"\x03" + struct.pack(">IH", 0, 0)]


def seeds_for(target, shared):
    s = []
    if target in ("der", "x509"):
        for p in cert_files():
            s += [d for label, d in pem_blocks(p) if label == "CERTIFICATE"]
        with open("tests/certs/localhost.der", "rb") as f:
            s.append(f.read())
    if target in ("x509", "pathbuild"):
        # chains, leaf first: among them the nameConstraints cases
        # (chain-pv-nc*, -dns-*, -ip-*, -dir-*, -email-*) and the path
        # building ones (chain-pv-cross*, chain-pv-hostile.pem)
        for p in sorted(glob.glob("tests/certs/chain-*.pem")):
            s.append(b"".join(d for label, d in pem_blocks(p) if label == "CERTIFICATE"))
    if target in ("der", "key"):
        for p in key_files():
            s += [d for label, d in pem_blocks(p)]
    if target in ("pem", "key"):
        for p in key_files():
            with open(p, "rb") as f:
                s.append(f.read())
    if target == "pem":
        for p in cert_files():
            with open(p, "rb") as f:
                s.append(f.read())
    if target == "ec_keys":
        ec = [p for p in cert_files() if "ec" in os.path.basename(p)]
        for p in ec:
            s += [d for label, d in pem_blocks(p) if label == "CERTIFICATE"]
            s.append(b"".join(d for label, d in pem_blocks(p) if label == "CERTIFICATE"))
        for p in sorted(glob.glob("tests/certs/ec*.key") + glob.glob("tests/certs/demo-ec*.key")):
            s += [d for label, d in pem_blocks(p)]
            with open(p, "rb") as f:
                s.append(f.read())
    if target == "record":
        s += record_seeds()
    if target in ("hs_msg", "server", "client", "server_mtls", "server_resume"):
        s += handshake_seeds(target)
    if target == "ticket":
        s += ticket_seeds()
    if target in ("ec_point", "ecdsa_der"):
        # points and DER signatures of tests/vectors/ec_cryptography.vec,
        # behind the curve byte the targets read first (0: P-256, 1: P-384)
        with open("tests/vectors/ec_cryptography.vec") as f:
            for line in f:
                w = line.split()
                if not w or w[0].startswith("#"):
                    continue
                cb = b"\x00" if w[1] == "P-256" else b"\x01"
                if target == "ec_point" and w[0] in ("key", "invalid"):
                    s.append(cb + bytes.fromhex(w[-1]))
                if target == "ecdsa_der" and w[0] in ("sig", "det", "bad"):
                    s.append(cb + bytes.fromhex(w[-1]))
    if target == "kat":
        files = sorted(glob.glob("tests/vectors/*.rsp") + glob.glob("tests/vectors/*.txt"))
        if shared and os.path.isdir(shared):
            for root, _, names in os.walk(shared):
                files += [os.path.join(root, n) for n in sorted(names) if n != "README.md"]
        for p in files:
            with open(p, "rb") as f:
                data = f.read(8192)
            # cut at a line end so the seed is a well-formed (short) file
            cut = data.rfind(b"\n\n")
            s.append(data[:cut + 1] if cut > 0 else data)
    return s


def main():
    target, outdir = sys.argv[1], sys.argv[2]
    shared = sys.argv[3] if len(sys.argv) > 3 else ""
    os.makedirs(outdir, exist_ok=True)
    seeds = seeds_for(target, shared)
    if not seeds:
        sys.exit("make_seeds.py: no seeds for target %r" % target)
    for data in seeds:
        name = "seed-" + hashlib.sha1(data).hexdigest()
        with open(os.path.join(outdir, name), "wb") as f:
            f.write(data)
    print("%s: %d seeds in %s" % (target, len(seeds), outdir))


if __name__ == "__main__":
    main()
