#!/usr/bin/env python3
"""Records a real OpenSSL TLS 1.2 session and prints it as a glass-kat
record for tests/vectors/tls12_openssl_session.rsp.

    python3 tests/vectors/tools/tls12_openssl_session.py [ems|noems] WORKDIR

What it does (all on 127.0.0.1, throwaway key made with `openssl req`):
  1. openssl req -x509 -newkey rsa:2048 -nodes -keyout key.pem -out cert.pem
         -days 30 -subj /CN=localhost
  2. openssl s_server -accept 127.0.0.1:PORT -cert cert.pem -key key.pem
         -no_ticket -naccept 1 -quiet                      (this script's child)
  3. a byte relay (this script) between the client and the server, keeping
     the records each side sent;
  4. openssl s_client -connect 127.0.0.1:RELAY -tls1_2
         -cipher AES128-GCM-SHA256 -keylogfile keylog.txt -msg </dev/null
     ("noems": run with OPENSSL_CONF pointing at a file whose
      system_default section says "Options = -ExtendedMasterSecret",
      since OpenSSL 3.0's s_client has no -no_ems switch).
From OpenSSL: the keylog's "RSA" line gives the premaster secret and its
"CLIENT_RANDOM" line the master secret; -msg gives every handshake message
in order (Finished decrypted).  The key block (RFC 5246 6.3) is computed
here with Python's hmac and then CHECKED against OpenSSL by decrypting
both encrypted Finished records captured by the relay with
pyca/cryptography's AESGCM (RFC 5288: nonce = salt(4) || explicit(8)).
The master secret and both verify_data are also recomputed here and must
equal OpenSSL's, so the script fails rather than print a wrong vector.
"""
import hashlib, hmac, os, re, socket, subprocess, sys, threading, time
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

def p_sha256(secret, seed, n):
    out, a = b"", seed
    while len(out) < n:
        a = hmac.new(secret, a, hashlib.sha256).digest()
        out += hmac.new(secret, a + seed, hashlib.sha256).digest()
    return out[:n]

def prf(secret, label, seed, n):
    return p_sha256(secret, label + seed, n)

def free_port():
    s = socket.socket(); s.bind(("127.0.0.1", 0)); p = s.getsockname()[1]; s.close(); return p

def relay(lsock, sport, log):
    c, _ = lsock.accept()
    s = socket.create_connection(("127.0.0.1", sport))
    def pump(a, b, tag):
        while True:
            d = a.recv(65536)
            if not d:
                try: b.shutdown(socket.SHUT_WR)
                except OSError: pass
                return
            log[tag] += d
            b.sendall(d)
    t = threading.Thread(target=pump, args=(s, c, "s2c")); t.start()
    pump(c, s, "c2s"); t.join(); c.close(); s.close()

def records(stream):
    i, out = 0, []
    while i + 5 <= len(stream):
        typ, ln = stream[i], int.from_bytes(stream[i + 3:i + 5], "big")
        out.append((typ, stream[i + 1:i + 3], stream[i + 5:i + 5 + ln])); i += 5 + ln
    return out

def main():
    mode, wd = sys.argv[1], sys.argv[2]
    os.makedirs(wd, exist_ok=True); os.chdir(wd)
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "key.pem",
                    "-out", "cert.pem", "-days", "30", "-subj", "/CN=localhost"], check=True,
                   capture_output=True)
    sport, rport = free_port(), free_port()
    srv = subprocess.Popen(["openssl", "s_server", "-accept", "127.0.0.1:%d" % sport, "-cert", "cert.pem",
                            "-key", "key.pem", "-no_ticket", "-naccept", "1", "-quiet"],
                           stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(1)
        lsock = socket.socket(); lsock.bind(("127.0.0.1", rport)); lsock.listen(1)
        log = {"c2s": b"", "s2c": b""}
        th = threading.Thread(target=relay, args=(lsock, sport, log)); th.start()
        env = dict(os.environ)
        if mode == "noems":
            with open("noems.cnf", "w") as f:
                f.write("openssl_conf = init\n[init]\nssl_conf = ssl\n[ssl]\nsystem_default = sd\n"
                        "[sd]\nOptions = -ExtendedMasterSecret\n")
            env["OPENSSL_CONF"] = os.path.abspath("noems.cnf")
        if os.path.exists("keylog.txt"): os.remove("keylog.txt")
        cli = subprocess.run(["openssl", "s_client", "-connect", "127.0.0.1:%d" % rport, "-tls1_2",
                              "-cipher", "AES128-GCM-SHA256", "-keylogfile", "keylog.txt", "-msg"],
                             stdin=subprocess.DEVNULL, capture_output=True, text=True, env=env, timeout=20)
        th.join(timeout=10); lsock.close()
    finally:
        srv.kill(); srv.wait()      # only the server this script started

    keylog = open("keylog.txt").read()
    pms = bytes.fromhex(re.search(r"^RSA [0-9a-f]{16} ([0-9a-f]+)$", keylog, re.M).group(1))
    cr_hex, ms_hex = re.search(r"^CLIENT_RANDOM ([0-9a-f]{64}) ([0-9a-f]{96})$", keylog, re.M).groups()
    # -msg: "<<< TLS 1.2, Handshake [length 0055], ServerHello" then hex lines
    msgs, cur = [], None
    for line in cli.stdout.splitlines():
        m = re.match(r"^(<<<|>>>) .*?, (\w+) \[length [0-9a-f]+\](?:, (\w+))?", line)
        if m:
            cur = None
            if m.group(2) == "Handshake":
                cur = [m.group(1), m.group(3), b""]; msgs.append(cur)
        elif cur is not None and re.match(r"^    [0-9a-f ]+$", line):
            cur[2] += bytes.fromhex(line.strip())
    names = [m[1] for m in msgs]
    assert names == ["ClientHello", "ServerHello", "Certificate", "ServerHelloDone",
                     "ClientKeyExchange", "Finished", "Finished"], names
    ch, sh = msgs[0][2], msgs[1][2]
    client_random, server_random = ch[6:38], sh[6:38]
    assert client_random.hex() == cr_hex
    ems = b"\x00\x17\x00\x00" in sh[38 + 1 + sh[38] + 3:]   # extension 23 in ServerHello
    assert ems == (mode == "ems"), "EMS negotiated: %s" % ems
    upto_cke = b"".join(m[2] for m in msgs[:5])
    if ems:
        ms = prf(pms, b"extended master secret", hashlib.sha256(upto_cke).digest(), 48)
    else:
        ms = prf(pms, b"master secret", client_random + server_random, 48)
    assert ms.hex() == ms_hex, "master secret differs from OpenSSL's keylog"
    kb = prf(ms, b"key expansion", server_random + client_random, 40)
    cfin, sfin = msgs[5][2], msgs[6][2]
    assert cfin[4:] == prf(ms, b"client finished", hashlib.sha256(upto_cke).digest(), 12)
    assert sfin[4:] == prf(ms, b"server finished", hashlib.sha256(upto_cke + cfin).digest(), 12)
    # check the key block against OpenSSL: decrypt both encrypted Finished
    ckey, skey, civ, siv = kb[0:16], kb[16:32], kb[32:36], kb[36:40]
    for stream, key, iv, want in (("c2s", ckey, civ, cfin), ("s2c", skey, siv, sfin)):
        recs = records(log[stream])
        i = [k for k, r in enumerate(recs) if r[0] == 20][0] + 1   # first record after CCS
        typ, ver, frag = recs[i]
        aad = (0).to_bytes(8, "big") + bytes([typ]) + ver + (len(frag) - 24).to_bytes(2, "big")
        assert AESGCM(key).decrypt(iv + frag[:8], frag[8:], aad) == want
    print("# %s session, OpenSSL %s" % ("EMS" if ems else "no-EMS",
          subprocess.run(["openssl", "version"], capture_output=True, text=True).stdout.strip()))
    print("[TLS12 = SHA-256]")
    print("ExtendedMasterSecret = %s" % ("yes" if ems else "no"))
    print("PreMasterSecret = " + pms.hex())
    print("ClientRandom = " + client_random.hex())
    print("ServerRandom = " + server_random.hex())
    print("HandshakeToClientKeyExchange = " + upto_cke.hex())
    print("MasterSecret = " + ms_hex)
    print("KeyBlock = " + kb.hex())
    print("ClientFinished = " + cfin.hex())
    print("ServerFinished = " + sfin.hex())

main()
