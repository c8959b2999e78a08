#!/usr/bin/env python3
"""check_handshake_page.py — checks the /handshake page a browser fetched
from glass-server (tests/sh/web_handshake_page.sh).

  check_handshake_page.py DOM KEYLOG [--png FILE] [--no-secrets]

DOM is the page as the browser built it (chromium --dump-dom), KEYLOG the
browser's own SSLKEYLOGFILE.  Prints one "ok"/"FAIL" line per check and
exits 1 when any fails.  The checks, each independent of glasstls's code:

  * one box per message, in the order of a full TLS 1.2 handshake, client
    boxes and server boxes told apart by their class;
  * every message has its byte map (no box falls back to bare bytes);
  * the client random on the page is the browser's, and (with secrets)
    the master secret on the page equals the browser's key-log line for
    that client random; no other connection's master secret is shown;
  * the ClientHello's full hex (on the page) is parsed here, with our own
    small parser: every code point the browser sent (suites, extension
    types, groups, signature schemes, versions, key-share groups, PSK
    modes, certificate compression algorithms) appears on the page as a
    named code point, and no code point is shown as "unknown";
  * --png: the screenshot is a PNG of plausible size, and decoding it
    (zlib, PNG filters; no imaging library) finds the coloured border
    bands of the client and server boxes, two per box.
"""
import struct
import sys
import zlib
from html.parser import HTMLParser

FAILS = 0


def check(name, cond, detail=""):
    global FAILS
    if cond:
        print("ok   " + name)
    else:
        FAILS += 1
        print("FAIL " + name + (": " + detail if detail else ""))


class Page(HTMLParser):
    """Collects the message boxes, their code-point cells, ids' text."""

    def __init__(self):
        super().__init__()
        self.boxes = []          # dicts: msg, side, cps, unknown, hex, nomap
        self.ids = {}            # id -> text
        self.stack = []          # (tag, id, class)
        self.cell = None         # (class, [text]) of an open td
        self.box = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        cls = a.get("class", "") or ""
        if tag == "section" and "msg" in cls.split():
            side = "client" if "client" in cls.split() else "server" if "server" in cls.split() else "?"
            self.box = {"msg": a.get("data-msg"), "side": side, "cps": [], "unknown": [],
                        "hex": "", "nomap": False}
            self.boxes.append(self.box)
        self.stack.append((tag, a.get("id"), cls, []))

    def handle_endtag(self, tag):
        while self.stack:
            t, ident, cls, text = self.stack.pop()
            s = "".join(text)
            if self.stack:
                self.stack[-1][3].append(s)
            if ident:
                self.ids[ident] = s
            if t == "td" and self.box is not None:
                if "cp-unknown" in cls.split():
                    self.box["unknown"].append(s)
                elif "cp" in cls.split():
                    self.box["cps"].append(s)
                if s.startswith("message (no byte map)"):
                    self.box["nomap"] = True
            if t == "pre" and ident and ident.startswith("hex-") and self.box is not None:
                self.box["hex"] = "".join(s.split())
            if t == "section" and self.box is not None and "msg" in cls.split():
                self.box = None
            if t == tag:
                break

    def handle_data(self, data):
        if self.stack:
            self.stack[-1][3].append(data)


def u16(b, i):
    return b[i] << 8 | b[i + 1]


def client_hello_code_points(m):
    """(kind, value) of every code point in a ClientHello message (4-byte
    header included), parsed from RFC 5246 7.4.1.2 / RFC 8446 4.2."""
    out = []
    assert m[0] == 1, "not a ClientHello"
    i = 4 + 2 + 32
    i += 1 + m[i]                                  # session_id
    n = u16(m, i); i += 2
    out += [("suite", u16(m, i + k)) for k in range(0, n, 2)]
    i += n
    i += 1 + m[i]                                  # compression_methods
    if i == len(m):
        return out
    end = i + 2 + u16(m, i); i += 2
    while i < end:
        t, n = u16(m, i), u16(m, i + 2)
        body = m[i + 4:i + 4 + n]
        i += 4 + n
        out.append(("extension", t))
        if t in (10, 13, 50) and len(body) >= 2:     # groups, sigalgs, sigalgs_cert
            kind = "group" if t == 10 else "sigalg"
            out += [(kind, u16(body, 2 + k)) for k in range(0, u16(body, 0), 2)]
        elif t == 43 and body:                        # supported_versions
            out += [("version", u16(body, 1 + k)) for k in range(0, body[0], 2)]
        elif t == 51 and len(body) >= 2:              # key_share
            j = 2
            while j < 2 + u16(body, 0):
                out.append(("group", u16(body, j)))
                j += 4 + u16(body, j + 2)
        elif t == 45 and body:                        # psk_key_exchange_modes
            out += [("psk_mode", body[1 + k]) for k in range(body[0])]
        elif t == 27 and body:                        # compress_certificate
            out += [("cert_compression", u16(body, 1 + k)) for k in range(0, body[0], 2)]
    return out


def png_rows(path):
    """Decodes an 8-bit RGB/RGBA PNG: (width, height, rows of bytes, bpp)."""
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    i, idat, w = 8, b"", None
    while i < len(data):
        n, typ = struct.unpack(">I4s", data[i:i + 8])
        body = data[i + 8:i + 8 + n]
        if typ == b"IHDR":
            w, h, depth, ctype = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and ctype in (2, 6), "only 8-bit RGB/RGBA"
            bpp = 3 if ctype == 2 else 4
        elif typ == b"IDAT":
            idat += body
        i += 12 + n
    raw = zlib.decompress(idat)
    stride = w * bpp
    rows, prev, p = [], bytearray(stride), 0
    for _ in range(h):
        f, line = raw[p], bytearray(raw[p + 1:p + 1 + stride])
        p += 1 + stride
        for x in range(stride):                     # PNG filters (ISO 15948 9)
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if f == 1: line[x] = (line[x] + a) & 255
            elif f == 2: line[x] = (line[x] + b) & 255
            elif f == 3: line[x] = (line[x] + (a + b) // 2) & 255
            elif f == 4:
                pa, pb, pc = abs(b - c), abs(a - c), abs(a + b - 2 * c)
                pr = a if pa <= pb and pa <= pc else b if pb <= pc else c
                line[x] = (line[x] + pr) & 255
        rows.append(bytes(line))
        prev = line
    return w, h, rows, bpp


def bands(rows, bpp, rgb, min_run):
    """Horizontal bands: runs of consecutive rows holding at least min_run
    pixels of colour rgb (a box's top or bottom border)."""
    count, inside = 0, False
    for line in rows:
        n = sum(1 for x in range(0, len(line), bpp) if line[x:x + 3] == rgb)
        if n >= min_run and not inside:
            count += 1
        inside = n >= min_run
    return count


def main():
    args = sys.argv[1:]
    png = None
    secrets = "--no-secrets" not in args
    if "--png" in args:
        png = args[args.index("--png") + 1]
    dom_path, keylog_path = args[0], args[1]
    page = Page()
    page.feed(open(dom_path, encoding="utf-8", errors="replace").read())

    want = [("ClientHello", "client"), ("ServerHello", "server"), ("Certificate", "server"),
            ("ServerKeyExchange", "server"), ("ServerHelloDone", "server"),
            ("ClientKeyExchange", "client"), ("ChangeCipherSpec", "client"),
            ("Finished", "client"), ("ChangeCipherSpec", "server"), ("Finished", "server")]
    got = [(b["msg"], b["side"]) for b in page.boxes]
    check("a box for every message, in order, client and server told apart", got == want,
          "got %s" % got)
    nomap = [b["msg"] for b in page.boxes if b["nomap"]]
    check("every message is split into its fields (byte map)", not nomap, "no map: %s" % nomap)

    keys = {}
    for line in open(keylog_path):
        f = line.split()
        if len(f) == 3 and f[0] == "CLIENT_RANDOM":
            keys[f[1].lower()] = f[2].lower()
    cr = page.ids.get("client-random", "").strip().lower()
    check("the page's client random is one of the browser's (key log)", cr in keys,
          "page %r, key log %s" % (cr, list(keys)))
    ch = next((b for b in page.boxes if b["msg"] == "ClientHello"), None)
    check("the ClientHello's bytes carry that client random",
          ch is not None and ch["hex"][12:76] == cr)
    ms = page.ids.get("master-secret", "").strip().lower()
    if secrets:
        check("the master secret on the page equals the browser's key-log line",
              cr in keys and ms == keys[cr], "page %r, browser %r" % (ms, keys.get(cr)))
        line = page.ids.get("keylog", "").split()
        check("the page's key-log line is the browser's",
              line == ["CLIENT_RANDOM", cr, keys.get(cr, "?")])
        others = [k for r, k in keys.items() if r != cr and k in open(dom_path).read()]
        check("no other connection's master secret is on the page", not others)
    else:
        check("without --show-secrets: no master secret on the page",
              "master-secret" not in page.ids and "no-secrets" in page.ids and
              not any(k in open(dom_path).read() for k in keys.values()))

    if ch is not None and ch["hex"]:
        pts = client_hello_code_points(bytes.fromhex(ch["hex"]))
        shown = set()
        for c in ch["cps"]:
            f = c.split()
            if f and f[0].startswith("0x"):
                shown.add(int(f[0], 16))
        missing = sorted({(k, v) for k, v in pts if v not in shown})
        check("every code point the browser sent is named on the page (%d code points)"
              % len(pts), pts and not missing, "not named: %s" % missing)
        # RFC 8701 section 2: 0x?A?A (the PSK-mode ones are one byte)
        sent = [v for k, v in pts if k != "psk_mode" and v >> 8 == v & 255 and v & 15 == 10]
        grease = [c for c in ch["cps"] if c.endswith(" GREASE")]
        if sent:
            check("the %d GREASE values sent are shown as GREASE" % len(sent),
                  len(grease) >= len(sent), "shown: %s" % grease)
    unknown = [u for b in page.boxes for u in b["unknown"]]
    check("no code point is shown as unknown", not unknown, "unknown: %s" % unknown)

    if png is not None:
        data = open(png, "rb").read()
        w, h, rows, bpp = png_rows(png)
        check("screenshot: a PNG of %dx%d, %d bytes" % (w, h, len(data)),
              w >= 800 and h >= 1000 and len(data) > 20000)
        n_client = sum(1 for m, s in want if s == "client")
        n_server = len(want) - n_client
        cb = bands(rows, bpp, bytes([0x2b, 0x6c, 0xb0]), w // 3)
        sb = bands(rows, bpp, bytes([0xb7, 0x59, 0x1f]), w // 3)
        check("screenshot: %d client boxes drawn (%d border bands)" % (n_client, cb),
              cb == 2 * n_client)
        check("screenshot: %d server boxes drawn (%d border bands)" % (n_server, sb),
              sb == 2 * n_server)
    print("%s" % ("all checks passed" if FAILS == 0 else "%d checks failed" % FAILS))
    sys.exit(1 if FAILS else 0)


if __name__ == "__main__":
    main()
