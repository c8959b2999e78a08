#!/usr/bin/env python3
"""Capture real TLS 1.2 handshake messages made by OpenSSL (through
Python's ssl module over memory BIOs, no sockets) for the codec tests of
tests/test_hs_codec.c.

    python3 tests/tools/capture_hello.py CERT.pem KEY.pem > tests/vectors/hs_openssl_flight.hex

Writes one line per handshake message: "<who> <type> <hex of the whole
message incl. its 4-byte header>".  The client offers only TLS 1.2 with the
server name "glass.test"; the server answers with ECDHE-RSA-AES128-GCM-SHA256.
"""
import ssl, sys

def records(data):
    """Split raw TLS bytes into (content_type, fragment) records."""
    out, i = [], 0
    while i + 5 <= len(data):
        ct, n = data[i], int.from_bytes(data[i+3:i+5], "big")
        out.append((ct, data[i+5:i+5+n])); i += 5 + n
    return out

def messages(data):
    """Handshake messages of the plaintext handshake records in data."""
    buf = b"".join(f for ct, f in records(data) if ct == 22)
    out, i = [], 0
    while i + 4 <= len(buf):
        n = int.from_bytes(buf[i+1:i+4], "big")
        out.append(buf[i:i+4+n]); i += 4 + n
    return out

cctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
cctx.minimum_version = cctx.maximum_version = ssl.TLSVersion.TLSv1_2
cctx.check_hostname = False; cctx.verify_mode = ssl.CERT_NONE
cctx.options |= ssl.OP_NO_TICKET   # glasstls clients offer no session tickets
sctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
sctx.maximum_version = ssl.TLSVersion.TLSv1_2
sctx.load_cert_chain(sys.argv[1], sys.argv[2])
sctx.set_ciphers("ECDHE-RSA-AES128-GCM-SHA256")

c_in, c_out, s_in, s_out = (ssl.MemoryBIO() for _ in range(4))
cli = cctx.wrap_bio(c_in, c_out, server_hostname="glass.test")
srv = sctx.wrap_bio(s_in, s_out, server_side=True)
try: cli.do_handshake()
except ssl.SSLWantReadError: pass
hello = c_out.read()
s_in.write(hello)
try: srv.do_handshake()
except ssl.SSLWantReadError: pass
flight = s_out.read()
for who, data in (("client", hello), ("server", flight)):
    for m in messages(data):
        print(who, m[0], m.hex())
