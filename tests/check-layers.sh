#!/bin/sh
# Layering check (docs/ARCHITECTURE.md): includes point down only.
#   crypto/  may include only crypto-level public headers and its own files;
#   lib/<layer>/ may include lib/<lower layer>/ and public headers of its own
#   (render, the trace renderers, sits on top: it reads handshake messages)
#   level or below.
# Order, lowest first.  A public header belongs to the layer named after it.
set -u
rank_dir() {
    case "$1" in
        crypto) echo 0 ;; common|labs) echo 1 ;; trace) echo 2 ;; keys) echo 3 ;;
        x509) echo 4 ;; record|session) echo 5 ;; handshake) echo 6 ;; conn) echo 7 ;;
        render) echo 8 ;;
        *) echo 99 ;;
    esac
}
rank_header() {   # public headers: glasstls/<name>.h
    case "$1" in
        export|err|ct|hw|sha2|hmac|drbg|aes|gcm|rsa|x25519|ec|bignum) echo 0 ;;
        util|iana|fields|labs) echo 1 ;; trace) echo 2 ;; prf) echo 3 ;; x509) echo 4 ;; record|session) echo 5 ;;
        handshake|config) echo 6 ;; tls|glasstls) echo 7 ;;
        capture) echo 8 ;;   # the capture tap, with the renderers
        *) echo 99 ;;
    esac
}
status=0
for f in $(find crypto lib -name '*.[ch]' 2>/dev/null | sort); do
    top=$(echo "$f" | cut -d/ -f1)
    if [ "$top" = crypto ]; then mine=0; else mine=$(rank_dir "$(echo "$f" | cut -d/ -f2)"); fi
    grep -n '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' "$f" | while IFS= read -r line; do
        inc=$(echo "$line" | sed 's/.*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/')
        case "$inc" in
            glasstls/*) r=$(rank_header "$(basename "$inc" .h)") ;;
            */*)        r=$(rank_dir "$(echo "$inc" | cut -d/ -f1)") ;;
            *)          r=$mine ;;   # same folder
        esac
        if [ "$r" -gt "$mine" ]; then
            echo "layering: $f:${line%%:*}: includes \"$inc\" from a higher layer" >&2
            echo bad
        fi
    done
done | grep -q bad && status=1
[ $status = 0 ] && echo "layering check: ok (includes point down only)"
exit $status
