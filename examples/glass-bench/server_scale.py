#!/usr/bin/env python3
# server_scale.py — the clients of net.sh's figures on glass-server at
# scale (net.sh starts and stops the servers).  One run does one
# measurement and prints its result.
#
#   mem PORT PID N MODE     connections held open by this one process (two
#                           threads opening them, so both of the server's
#                           workers get some): RssAnon (/proc/PID/status)
#                           of the server after 4 warm-up connections and
#                           after N more; prints the growth / N in bytes.
#                           MODE idle: after the handshake (the server
#                           waits for the request); busy: each has asked
#                           for big.bin and read 16 KiB of it, so the
#                           server is blocked in the middle of sending
#                           (a 16 KiB receive buffer here and the server's --sndbuf keep the
#                           kernel's share of 10,000 such sockets small).
#   load PORT PID HALF CONC FETCH WARM
#                           WARM full handshakes first (fills the server's
#                           session cache, so a later new session replaces
#                           an old one instead of taking a fresh slot) and
#                           one whole cycle of what follows, unmeasured,
#                           then the server's descriptors and RssAnon at
#                           the start; HALF half-open connections, a
#                           quarter of each kind: TCP connected and
#                           nothing sent; a TLS record header only; half a
#                           ClientHello; the whole handshake and no
#                           request.  Then CONC clients at once, each
#                           fetching FETCH over a new connection with a
#                           full handshake; every fetch's result and
#                           latency.  The half-open ones are closed and
#                           the server given up to 10 s to notice.
#                           Prints key=value lines (see the end of load()).
# Each run raises its own descriptor limit (RLIMIT_NOFILE, soft up to
# the hard limit) as far as it needs: the limit of this process only.
# Every socket is on 127.0.0.1, every wait is bounded.
import os
import resource
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


def want_fds(n):
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    need = n + 64
    if soft < need:
        if hard != resource.RLIM_INFINITY and hard < need:
            raise SystemExit("server_scale: %d descriptors needed, hard limit %d" % (need, hard))
        resource.setrlimit(resource.RLIMIT_NOFILE, (need, hard))


def context(cipher=None):
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    ctx.maximum_version = ssl.TLSVersion.TLSv1_2
    ctx.options |= ssl.OP_NO_TICKET
    if cipher:
        ctx.set_ciphers(cipher)
    return ctx


def connect(ctx, port, timeout=30, rcvbuf=0):
    raw = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    raw.settimeout(timeout)
    if rcvbuf:
        raw.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
    raw.connect(("127.0.0.1", port))
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


def open_many(n, one, threads=2):
    """n connections made by one(), from `threads` threads (the handshake
    releases the GIL, so both server workers are kept busy)."""
    out = [[] for _ in range(threads)]
    errors = []

    def run(i, k):
        try:
            for _ in range(k):
                out[i].append(one())
        except Exception as e:  # noqa: BLE001 - reported, the run fails
            errors.append(e)

    ts = [threading.Thread(target=run, args=(i, n // threads + (i < n % threads)))
          for i in range(threads)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    if errors:
        raise SystemExit("server_scale: %s" % errors[0])
    return [s for part in out for s in part]


def mem(port, pid, n, mode):
    want_fds(n + 4)
    ctx = context()

    def one():
        s = connect(ctx, port, 60, 16384 if mode == "busy" else 0)
        if mode == "busy":
            s.sendall(b"GET /big.bin HTTP/1.1\r\nHost: localhost\r\n\r\n")
            got = 0
            while got < 16384:
                d = s.recv(16384 - got)
                if not d:
                    raise RuntimeError("the server closed a busy connection")
                got += len(d)
        return s

    held = open_many(4, one)
    time.sleep(0.5)
    r0 = rss_anon(pid)
    held += open_many(n, one)
    time.sleep(1.0)
    r1 = rss_anon(pid)
    print("%.0f" % ((r1 - r0) / n))
    for s in held:
        s.close()


def cycle(ctx, port, pid, half, conc, path, fd0):
    """HALF half-open connections held while CONC clients fetch at once,
    then closed; returns what load() prints."""
    half_open = []
    hello_start = bytes.fromhex("16030100c8010000c40303") + b"\x00" * 16
    t_half = time.time()
    for i in range(half):
        if i % 4 == 3:
            half_open.append(connect(ctx, port, 30))     # handshake done, no request
            continue
        s = socket.create_connection(("127.0.0.1", port), 10)
        if i % 4 == 1:
            s.sendall(bytes.fromhex("1603030200"))   # a record header, no body
        elif i % 4 == 2:
            s.sendall(hello_start)                   # half a ClientHello
        half_open.append(s)
    deadline = time.time() + 10
    while time.time() < deadline and n_fds(pid) < fd0 + half:
        time.sleep(0.05)
    time.sleep(0.3)
    r = {"fd_half_open": n_fds(pid), "rss_half_open": rss_anon(pid)}
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
        t.join(max(1.0, t0 + 120 - time.time()))
    r["wall_s"] = time.time() - t0
    r["fd_after_fetches"], r["rss_after_fetches"] = n_fds(pid), rss_anon(pid)
    r["held_s"] = time.time() - t_half
    for s in half_open:
        s.close()
    # back to the start: the server sees each close at once (EOF) and a
    # worker left without connections trims its heap at its next scan
    deadline = time.time() + 10
    while time.time() < deadline and n_fds(pid) > fd0:
        time.sleep(0.1)
    time.sleep(1.0)
    r["fd_end"], r["rss_end"] = n_fds(pid), rss_anon(pid)
    r["ok"] = sorted(x[1] for x in results if x and x[0] == "ok")
    r["bad"] = [x[0] if x else "no answer in 120 s" for x in results if not x or x[0] != "ok"]
    return r


def load(port, pid, half, conc, path, warm):
    want_fds(half + conc)
    ctx = context()
    # the warm-up: the session cache full, and one small cycle of every
    # kind of connection, so that what the first of each leaves for good
    # (the workers' stack pages, malloc's own bookkeeping) is in the start
    open_many(warm, lambda: connect(ctx, port, 30).close(), threads=2)
    fd_w = n_fds(pid)
    cycle(ctx, port, pid, half, conc, path, fd_w)
    fd0, m0 = n_fds(pid), rss_anon(pid)
    r = cycle(ctx, port, pid, half, conc, path, fd0)
    ok = r["ok"]

    def pct(p):
        return ok[min(len(ok) - 1, int(p * len(ok)))] * 1000 if ok else -1

    print("ok=%d of=%d" % (len(ok), conc))
    print("p50_ms=%.1f p99_ms=%.1f max_ms=%.1f wall_s=%.2f held_s=%.1f"
          % (pct(0.5), pct(0.99), ok[-1] * 1000 if ok else -1, r["wall_s"], r["held_s"]))
    print("fd_start=%d fd_half_open=%d fd_after_fetches=%d fd_end=%d"
          % (fd0, r["fd_half_open"], r["fd_after_fetches"], r["fd_end"]))
    print("rss_start=%d rss_half_open=%d rss_after_fetches=%d rss_end=%d"
          % (m0, r["rss_half_open"], r["rss_after_fetches"], r["rss_end"]))
    for b in r["bad"][:5]:
        print("failure: %s" % b)


def main():
    cmd = sys.argv[1]
    if cmd == "mem":
        mem(int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), sys.argv[5])
    elif cmd == "load":
        load(int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), int(sys.argv[5]), sys.argv[6],
             int(sys.argv[7]))
    else:
        raise SystemExit("usage: server_scale.py mem PORT PID N idle|busy | "
                         "load PORT PID HALF CONC FILE WARM")


if __name__ == "__main__":
    main()
