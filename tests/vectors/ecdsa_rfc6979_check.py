#!/usr/bin/env python3
# Recomputes tests/vectors/ecdsa_rfc6979.txt with an independent
# implementation, pyca/cryptography (RFC 6979 deterministic signing, needs
# cryptography >= 43): for each key record U = xG, for each signature
# record the deterministic (R, S) over Msg with its Hash.  Prints one line
# per mismatch and exits 1 if any; the numbers in the file came from the
# RFC, this only checks that none was mistyped.
#   python3 tests/vectors/ecdsa_rfc6979_check.py tests/vectors/ecdsa_rfc6979.txt
import sys

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

CURVES = {"P-256": ec.SECP256R1(), "P-384": ec.SECP384R1()}
HASHES = {"SHA-1": hashes.SHA1(), "SHA-224": hashes.SHA224(), "SHA-256": hashes.SHA256(),
          "SHA-384": hashes.SHA384(), "SHA-512": hashes.SHA512()}


def records(path):
    curve, rec = None, {}
    for line in list(open(path)) + ["\n"]:
        line = line.strip()
        if line.startswith("#"):
            continue
        if line.startswith("["):
            curve = line[1:-1]
            continue
        if not line:
            if rec:
                yield curve, rec
            rec = {}
            continue
        k, v = (s.strip() for s in line.split("=", 1))
        rec[k] = v


def main():
    bad = checked = 0
    key = None
    for curve, rec in records(sys.argv[1]):
        if "x" in rec:
            key = ec.derive_private_key(int(rec["x"], 16), CURVES[curve])
            pub = key.public_key().public_numbers()
            ok = (pub.x, pub.y) == (int(rec["Ux"], 16), int(rec["Uy"], 16))
        else:
            sig = key.sign(bytes.fromhex(rec["Msg"]),
                           ec.ECDSA(HASHES[rec["Hash"]], deterministic_signing=True))
            r, s = decode_dss_signature(sig)
            ok = (r, s) == (int(rec["R"], 16), int(rec["S"], 16))
        checked += 1
        if not ok:
            bad += 1
            print("mismatch:", curve, rec)
    print("%d records checked, %d mismatches" % (checked, bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
