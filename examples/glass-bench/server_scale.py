#!/usr/bin/env python3
# server_scale.py — the clients of server.sh (glass-bench's figures on
# glass-server at scale).  One run does one measurement and prints one
# line; server.sh starts and stops the servers.
#
#   mem PORT PID N MODE     connections held open by this one process:
#                           RssAnon (/proc/PID/status) of the server after
#                           4 warm-up connections and after N more, and
#                           prints the growth / N.  MODE idle: after the
#                           handshake (the server waits for the request);
#                           busy: each has asked for big.bin and read
#                           16 KiB of it, so the server is blocked in the
#                           middle of sending (its socket buffers full).
#   hs PORT SECONDS CONC    CONC threads doing full handshakes (RSA key
#                           exchange, no resumption, no request) for
#                           SECONDS; prints handshakes per wall second.
#   load PORT PID HALF CONC FETCH
#                           HALF half-open connections (TCP connected; a
#                           third send nothing, a third a record header,
#                           a third half a ClientHello), then CONC
#                           clients at once each fetching FETCH (a 64 KiB
#                           file) over a full handshake; prints every
#                           fetch's result and latency, the server's
#                           descriptors and RssAnon before, during, and
#                           after (the half-open ones closed, the server
#                           given 10 s to notice).
# Every socket is on 127.0.0.1, every wait is bounded.
import os
import socket
import ssl
import sys
import threading
import time


def rss_anon(pid):
    with open("/proc/%s/status" % pid) as f:
        for line in f:
            if line.startswith("RssAnon:"):
                return int(line.split()[1]) * 1024
    return -1


def n_fds(pid):
    return len(os.listdir("/proc/%s/fd" % pid))


def context(cipher=None):
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    ctx.maximum_version = ssl.TLSVersion.TLSv1_2
    ctx.options |= ssl.OP_NO_TICKET
    if cipher:
        ctx.set_ciphers(cipher)
    return ctx


def connect(ctx, port, timeout=30):
    raw = socket.create_connection(("127.0.0.1", port), timeout)
    return ctx.wrap_socket(raw, server_hostname="localhost")


def fetch(ctx, port, path):
    """A whole GET over a new connection: the body's length, or raises."""
    s = connect(ctx, port)
    try:
        s.sendall(b"GET /" + path.encode() + b" HTTP/1.1\r\nHost: localhost\r\n\r\n")
        data = b""
        while True:
            d = s.recv(65536)
            if not d:
                break
            data += d
    except ssl.SSLError as e:
        if "EOF" not in str(e) and "close notify" not in str(e).lower():
            raise
    finally:
        s.close()
    head, _, body = data.partition(b"\r\n\r\n")
    if not head.startswith(b"HTTP/1.1 200"):
        raise RuntimeError("status: %r" % head[:40])
    for line in head.split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            if int(line.split(b":")[1]) != len(body):
                raise RuntimeError("short body")
    return len(body)


def mem(port, pid, n, mode):
    ctx = context()

    def one():
        s = connect(ctx, port)
        if mode == "busy":
            s.sendall(b"GET /big.bin HTTP/1.1\r\nHost: localhost\r\n\r\n")
            got = 0
            while got < 16384:
                d = s.recv(16384 - got)
                if not d:
                    raise SystemExit("the server closed a busy connection")
                got += len(d)
        return s

    held = [one() for _ in range(4)]
    time.sleep(0.5)
    r0 = rss_anon(pid)
    held += [one() for _ in range(n)]
    time.sleep(1.0)
    r1 = rss_anon(pid)
    print("%.0f" % ((r1 - r0) / n))
    for s in held:
        s.close()


def hs(port, seconds, conc):
    ctx = context("AES128-GCM-SHA256")
    count = [0] * conc
    stop = time.time() + seconds

    def run(i):
        while time.time() < stop:
            try:
                s = connect(ctx, port, 10)
                s.close()
                count[i] += 1
            except OSError:
                pass

    t0 = time.time()
    ts = [threading.Thread(target=run, args=(i,)) for i in range(conc)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    print("%.1f" % (sum(count) / (time.time() - t0)))


def load(port, pid, half, conc, path):
    fd0, m0 = n_fds(pid), rss_anon(pid)
    half_open = []
    hello_start = bytes.fromhex("16030100c8010000c40303") + b"\x00" * 16
    for i in range(half):
        s = socket.create_connection(("127.0.0.1", port), 10)
        if i % 3 == 1:
            s.sendall(bytes.fromhex("1603010200"))   # a record header, no body
        elif i % 3 == 2:
            s.sendall(hello_start)                   # half a ClientHello
        half_open.append(s)
    time.sleep(1.0)
    fd1, m1 = n_fds(pid), rss_anon(pid)
    ctx = context()
    results = [None] * conc
    go = threading.Event()

    def run(i):
        go.wait()
        t = time.time()
        try:
            fetch(ctx, port, path)
            results[i] = ("ok", time.time() - t)
        except Exception as e:  # noqa: BLE001 - every failure is reported
            results[i] = ("failed: %s" % e, time.time() - t)

    ts = [threading.Thread(target=run, args=(i,)) for i in range(conc)]
    for t in ts:
        t.start()
    t0 = time.time()
    go.set()
    for t in ts:
        t.join(120)
    wall = time.time() - t0
    fd2, m2 = n_fds(pid), rss_anon(pid)
    # the half-open ones were still held by the server while the fetches ran
    still = sum(1 for s in half_open if s.fileno() >= 0)
    for s in half_open:
        s.close()
    # back to the start: the server notices the closes at once (EOF)
    deadline = time.time() + 10
    while time.time() < deadline and n_fds(pid) > fd0:
        time.sleep(0.1)
    time.sleep(1.0)                                  # a scan: the memory trimmed
    fd3, m3 = n_fds(pid), rss_anon(pid)
    ok = [r[1] for r in results if r and r[0] == "ok"]
    bad = [r[0] for r in results if not r or r[0] != "ok"]
    ok.sort()

    def pct(p):
        return ok[min(len(ok) - 1, int(p * len(ok)))] * 1000 if ok else -1

    print("ok %d of %d" % (len(ok), conc))
    print("latency_ms median %.1f p90 %.1f p99 %.1f max %.1f wall_s %.2f"
          % (pct(0.5), pct(0.9), pct(0.99), ok[-1] * 1000 if ok else -1, wall))
    print("fds start %d half_open %d after_fetches %d end %d" % (fd0, fd1, fd2, fd3))
    print("rss_anon start %d half_open %d after_fetches %d end %d" % (m0, m1, m2, m3))
    print("half_open_held %d" % still)
    for b in bad[:5]:
        print("failure: %s" % b)


def main():
    cmd = sys.argv[1]
    if cmd == "mem":
        mem(int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), sys.argv[5])
    elif cmd == "hs":
        hs(int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]))
    elif cmd == "load":
        load(int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), int(sys.argv[5]), sys.argv[6])


if __name__ == "__main__":
    main()
