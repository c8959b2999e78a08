#!/usr/bin/env python3
"""asn1_compare.py WALK OPENSSL — compares the TLV walk of one certificate
printed by `glass-x509 show --der` (WALK: that section of its output) with
`openssl asn1parse -i` of the same DER (OPENSSL): element by element, the
offset, depth, header length, length, constructed/primitive and the tag
(tag names normalised: asn1parse says OBJECT and cont [ 3 ], glass-x509
OBJECT IDENTIFIER and [3]).  Formatting and values are not compared.
Prints the first difference; exit 0 when the two walks are the same."""
import re
import sys

LINE = re.compile(r'^\s*(\d+):d=(\d+)\s+hl=(\d+)\s+l=\s*(\d+)\s+(cons|prim):\s*(.*)$')
OPENSSL_TAGS = {
    'OBJECT': 'OBJECT IDENTIFIER', 'UTF8STRING': 'UTF8String',
    'PRINTABLESTRING': 'PrintableString', 'IA5STRING': 'IA5String',
    'T61STRING': 'T61String', 'BMPSTRING': 'BMPString', 'VISIBLESTRING': 'VisibleString',
    'UNIVERSALSTRING': 'UniversalString', 'UTCTIME': 'UTCTime',
    'GENERALIZEDTIME': 'GeneralizedTime',
}


def openssl_tag(rest):
    m = re.match(r'cont \[ (\d+) \]', rest)
    if m:
        return '[%s]' % m.group(1)
    m = re.match(r'(appl|priv) \[ (\d+) \]', rest)
    if m:
        return '[%s %s]' % ('APPLICATION' if m.group(1) == 'appl' else 'PRIVATE', m.group(2))
    name = re.split(r'\s{2,}|:|\[HEX DUMP\]', rest.strip())[0].strip()
    return OPENSSL_TAGS.get(name, name)


def glass_tag(rest):
    m = re.match(r'(\[[A-Z ]*\d+\])', rest.strip())
    if m:
        return m.group(1)
    return re.split(r'\s{2,}', rest.strip())[0]


def parse(path, tag_of):
    rows = []
    for line in open(path):
        m = LINE.match(line)
        if m:
            off, d, hl, l, kind, rest = m.groups()
            rows.append((int(off), int(d), int(hl), int(l), kind, tag_of(rest)))
    return rows


def main():
    mine = parse(sys.argv[1], glass_tag)
    ref = parse(sys.argv[2], openssl_tag)
    if not ref:
        sys.exit('no element in the openssl output')
    for i, (a, b) in enumerate(zip(mine, ref)):
        if a != b:
            sys.exit('element %d differs:\n  glass-x509: %s\n  openssl:    %s' % (i, a, b))
    if len(mine) != len(ref):
        sys.exit('%d elements, openssl has %d' % (len(mine), len(ref)))
    print('%d elements agree' % len(ref))


main()
