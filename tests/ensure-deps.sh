#!/bin/sh
# Makes sure the test-only tools are installed: cmocka (unit tests),
# pkg-config, valgrind, and the interop peers (openssl, gnutls-cli, curl,
# python3-cryptography, tshark), gdb (the debugging test) and Node.js with
# npm (the Mermaid check; npm then fetches mermaid itself).  Installs them with apt-get when running
# as root (or with sudo); otherwise prints one line saying what to install.
set -u
need=""
have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "ok installed"; }
for p in libcmocka-dev pkg-config openssl gnutls-bin curl python3-cryptography valgrind tshark \
         gdb; do
    have_pkg "$p" || need="$need $p"
done
# Node.js may come from elsewhere than Debian (with its own npm): only a
# missing command is asked of apt-get.
command -v node >/dev/null 2>&1 || need="$need nodejs"
command -v npm >/dev/null 2>&1 || need="$need npm"
[ -z "$need" ] && exit 0
if [ "$(id -u)" = 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO="sudo -n"
else
    echo "glasstls: missing test tools; please run: sudo apt-get install$need" >&2
    exit 1
fi
echo "glasstls: installing test tools:$need"
export DEBIAN_FRONTEND=noninteractive
# tshark asks whether non-root users may capture; answer no.
echo "wireshark-common wireshark-common/install-setuid boolean false" | $SUDO debconf-set-selections 2>/dev/null || true
$SUDO apt-get update -qq >/dev/null || true
$SUDO apt-get install -y -qq $need >/dev/null || {
    echo "glasstls: apt-get install$need failed; please install them by hand" >&2
    exit 1
}
