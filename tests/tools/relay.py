#!/usr/bin/env python3
"""A loopback TCP relay for tests/sh/record_openssl.sh: accepts one client
on 127.0.0.1 (a free port, written to PORTFILE), connects it to
127.0.0.1:TARGET, forwards both ways and saves the raw bytes of each
direction to PREFIX.c2s and PREFIX.s2c.  Bounded in time: gives up after
TIMEOUT seconds.

usage: relay.py TARGET PORTFILE PREFIX TIMEOUT
"""
import os
import select
import socket
import sys
import time


def main():
    target, portfile, prefix, timeout = int(sys.argv[1]), sys.argv[2], sys.argv[3], float(sys.argv[4])
    deadline = time.monotonic() + timeout
    lst = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    lst.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    lst.bind(("127.0.0.1", 0))
    lst.listen(1)
    with open(portfile + ".tmp", "w") as f:
        f.write(str(lst.getsockname()[1]))
    os.rename(portfile + ".tmp", portfile)
    lst.settimeout(timeout)
    cli, _ = lst.accept()
    lst.close()
    srv = socket.create_connection(("127.0.0.1", target), timeout=timeout)
    peer = {cli: srv, srv: cli}
    data = {cli: bytearray(), srv: bytearray()}
    open_ = {cli, srv}
    while open_ and time.monotonic() < deadline:
        ready, _, _ = select.select(list(open_), [], [], 0.2)
        for s in ready:
            try:
                chunk = s.recv(65536)
            except OSError:
                chunk = b""
            if chunk:
                data[s] += chunk
                peer[s].sendall(chunk)
            else:
                open_.discard(s)
                try:
                    peer[s].shutdown(socket.SHUT_WR)
                except OSError:
                    pass
    with open(prefix + ".c2s", "wb") as f:
        f.write(data[cli])
    with open(prefix + ".s2c", "wb") as f:
        f.write(data[srv])
    cli.close()
    srv.close()
    return 0 if not open_ else 1


if __name__ == "__main__":
    sys.exit(main())
