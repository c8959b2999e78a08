#!/usr/bin/env python3
"""A TLS 1.2 HTTP server (Python's ssl module, i.e. OpenSSL) that frames its
responses in the ways glass-client must handle, and cuts some short, to test
glass-client's reading of the response (tests/sh/web_interop.sh).

    odd_server.py CERT KEY COUNT     prints "port N", serves COUNT connections

Paths: /chunked (Transfer-Encoding: chunked), /close (no length, ends with
close_notify), /short (Content-Length 100, 10 bytes, TCP closed without
close_notify), /short-notify (the same, but with close_notify), /noclose
(no length, TCP closed without close_notify)."""
import socket, ssl, sys

cert, key, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
ctx.minimum_version = ctx.maximum_version = ssl.TLSVersion.TLSv1_2
ctx.load_cert_chain(cert, key)
ls = socket.socket()
ls.bind(("127.0.0.1", 0))
ls.listen(8)
print("port", ls.getsockname()[1], flush=True)
for _ in range(count):
    raw, _addr = ls.accept()
    raw.settimeout(10)
    try:
        s = ctx.wrap_socket(raw, server_side=True)
        req = b""
        while b"\r\n\r\n" not in req:
            chunk = s.recv(4096)
            if not chunk:
                break
            req += chunk
        path = req.split(b" ")[1].decode() if req.count(b" ") >= 2 else "/"
        if path == "/chunked":
            s.sendall(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                      b"5\r\nhello\r\n7;ext=1\r\n world!\r\n0\r\nX-Trailer: 1\r\n\r\n")
            s = s.unwrap()
        elif path == "/close":
            s.sendall(b"HTTP/1.0 200 OK\r\n\r\nall of it\n")
            s = s.unwrap()
        elif path in ("/short", "/short-notify"):
            s.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789")
            if path == "/short-notify":
                s = s.unwrap()
        elif path == "/noclose":
            s.sendall(b"HTTP/1.0 200 OK\r\n\r\npart of it\n")
        s.close()              # SSLSocket.close() sends no close_notify of its own
    except (OSError, ssl.SSLError) as e:
        print("connection failed:", e, flush=True)
        raw.close()
