#!/usr/bin/env python3
# Writes ec_cryptography.vec: P-256 and P-384 values made by an independent
# implementation, pyca/cryptography (OpenSSL underneath), for
# tests/test_ec.c:
#   key     d, then Q = dG as 04 || X || Y
#   ecdh    d, the peer's point, the shared x-coordinate
#   sig     Q, hash, message, a DER signature with a random k (must verify)
#   det     d, hash, message, the RFC 6979 deterministic DER signature
#           (glasstls must produce the same bytes)
#   bad     Q, hash, message, a DER signature of another message (must not verify)
# and, computed here with plain integer arithmetic (the curve equation
# y^2 = x^3 - 3x + b, square roots by a^((p+1)/4) since p = 3 mod 4),
# points that validation must refuse:
#   invalid <name> 04 || X || Y   (x >= p of a valid point, a point on
#           another curve b' = b + 1, a point of the quadratic twist,
#           an off-curve point, coordinates of all ones, (0, 0))
#   python3 tests/vectors/ec_cryptography.py > tests/vectors/ec_cryptography.vec
import os

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec

CURVES = [
    ("P-256", ec.SECP256R1(), 32, hashes.SHA256(), "SHA-256",
     0xFFFFFFFF00000001000000000000000000000000FFFFFFFFFFFFFFFFFFFFFFFF,
     0x5AC635D8AA3A93E7B3EBBD55769886BC651D06B0CC53B0F63BCE3C3E27D2604B),
    ("P-384", ec.SECP384R1(), 48, hashes.SHA384(), "SHA-384",
     int("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFE"
         "FFFFFFFF0000000000000000FFFFFFFF", 16),
     int("B3312FA7E23EE7E4988E056BE3F82D19181D9C6EFE8141120314088F5013875A"
         "C656398D8A2ED19D2A85C8EDD3EC2AEF", 16)),
]


def pt(key):
    return key.public_key().public_bytes(serialization.Encoding.X962,
                                         serialization.PublicFormat.UncompressedPoint).hex()


def enc(x, y, size):
    return "04" + x.to_bytes(size, "big").hex() + y.to_bytes(size, "big").hex()


def sqrt(a, p):
    r = pow(a, (p + 1) // 4, p)
    return r if r * r % p == a % p else None


for name, curve, size, h, hname, p, b in CURVES:
    print("# %s" % name)
    for _ in range(3):
        d = ec.generate_private_key(curve)
        dv = d.private_numbers().private_value
        print("key %s %s %s" % (name, dv.to_bytes(size, "big").hex(), pt(d)))
        peer = ec.generate_private_key(curve)
        z = d.exchange(ec.ECDH(), peer.public_key())
        print("ecdh %s %s %s %s" % (name, dv.to_bytes(size, "big").hex(), pt(peer), z.hex()))
        msg = os.urandom(40)
        sig = d.sign(msg, ec.ECDSA(h))
        print("sig %s %s %s %s %s" % (name, pt(d), hname, msg.hex(), sig.hex()))
        det = d.sign(msg, ec.ECDSA(h, deterministic_signing=True))
        print("det %s %s %s %s %s" % (name, dv.to_bytes(size, "big").hex(), hname, msg.hex(), det.hex()))
        other = d.sign(msg + b"!", ec.ECDSA(h))
        print("bad %s %s %s %s %s" % (name, pt(d), hname, msg.hex(), other.hex()))
    # points validation must refuse
    x = 1
    while sqrt(x ** 3 - 3 * x + b, p) is None:
        x += 1
    y = sqrt(x ** 3 - 3 * x + b, p)
    print("invalid %s x_plus_p %s" % (name, enc(x + p, y, size)))        # (x + p, y): x >= p
    print("invalid %s y_is_p %s" % (name, enc(x, p, size)))
    x = 1
    while sqrt(x ** 3 - 3 * x + b + 1, p) is None:
        x += 1
    print("invalid %s other_curve %s" % (name, enc(x, sqrt(x ** 3 - 3 * x + b + 1, p), size)))
    # twist: x^3 - 3x + b is a non-residue; with a non-residue c, (x, y)
    # with c y^2 = x^3 - 3x + b lies on the twist
    c = 2
    while sqrt(c, p) is not None:
        c += 1
    x = 1
    while sqrt(x ** 3 - 3 * x + b, p) is not None:
        x += 1
    y = sqrt((x ** 3 - 3 * x + b) * pow(c, -1, p) % p, p)
    print("invalid %s twist %s" % (name, enc(x, y, size)))
    G = ec.derive_private_key(1, curve).public_key().public_numbers()
    print("invalid %s off_curve %s" % (name, enc(G.x, (G.y + 1) % p, size)))
    print("invalid %s all_ones %s" % (name, "04" + "ff" * (2 * size)))
    print("invalid %s zero %s" % (name, "04" + "00" * (2 * size)))
