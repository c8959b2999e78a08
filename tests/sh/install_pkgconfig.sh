#!/bin/sh
# make install PREFIX=... and a program built outside the tree against the
# installed library with pkg-config, as a user of glasstls would: once
# against the shared library (pkg-config --cflags --libs) and once static
# (--static).  The program computes a SHA-256 known answer (FIPS 180-4,
# "abc") and names an error with glass_strerror; both builds must print
# the same.  Also: the shared library exports the public API only (every
# exported function is declared in an installed header).
set -u
BUILD=${BUILD:-build}
command -v pkg-config >/dev/null 2>&1 || { echo "SKIP: pkg-config is not installed"; exit 0; }
case $BUILD in   # an instrumented library needs instrumented programs: the plain build checks this
    *sanitize*|*debug*) echo "SKIP: $BUILD is not the plain build"; exit 0 ;;
esac
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
fails=0; passes=0
ok()  { passes=$((passes + 1)); echo "ok   $*"; }
bad() { fails=$((fails + 1)); echo "FAIL $*"; }

PREFIX=$TMP/prefix
if make --no-print-directory install BUILD="$BUILD" PREFIX="$PREFIX" >"$TMP/install.log" 2>&1; then
    ok "make install PREFIX=$PREFIX"
else
    bad "make install:"; tail -5 "$TMP/install.log"; echo "$passes passed, $fails failed"; exit 1
fi

mkdir "$TMP/user"
cat > "$TMP/user/kat.c" <<'C'
#include <stdio.h>
#include <string.h>
#include <glasstls/glasstls.h>

int main(void)
{
    uint8_t d[32];
    char hex[65];
    glass_sha256((const uint8_t *)"abc", 3, d);
    for (int i = 0; i < 32; i++)
        snprintf(hex + 2 * i, 3, "%02x", d[i]);
    printf("%s\n%s\n", hex, glass_strerror(GLASS_E_BAD_TAG));
    return 0;
}
C
want="ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
export PKG_CONFIG_PATH="$PREFIX/lib/pkgconfig"
for kind in shared static; do
    # static: pkg-config --static for the libraries, and -static so the
    # linker takes libglasstls.a although libglasstls.so sits beside it
    if [ $kind = static ]; then flag=--static; link=-static; else flag=""; link=""; fi
    # shellcheck disable=SC2046
    if (cd "$TMP/user" && cc -o kat-$kind kat.c $(pkg-config --cflags glasstls) \
            $(pkg-config $flag --libs glasstls) $link >"$TMP/cc-$kind.log" 2>&1); then
        out=$(LD_LIBRARY_PATH="$PREFIX/lib" "$TMP/user/kat-$kind" 2>&1)
        first=$(echo "$out" | head -n 1)
        if [ "$first" = "$want" ] && [ "$(echo "$out" | wc -l)" = 2 ]; then
            ok "$kind build with pkg-config $flag: SHA-256(\"abc\") = $first"
        else
            bad "$kind build printed: $out"
        fi
    else
        bad "$kind build failed:"; cat "$TMP/cc-$kind.log"
    fi
done
# the shared one really uses the installed .so
if LD_LIBRARY_PATH="$PREFIX/lib" ldd "$TMP/user/kat-shared" 2>/dev/null | grep -q "$PREFIX/lib/libglasstls.so"; then
    ok "the shared build loads $PREFIX/lib/libglasstls.so"
else
    bad "the shared build does not load the installed libglasstls.so"
fi
if ldd "$TMP/user/kat-static" 2>/dev/null | grep -q libglasstls; then
    bad "the static build still needs libglasstls.so"
else
    ok "the static build needs no libglasstls.so"
fi

# exports: every defined function of the .so is declared in a public header
nm -D --defined-only "$PREFIX/lib/libglasstls.so" | awk '$2 == "T" { print $3 }' > "$TMP/exports"
n=$(wc -l < "$TMP/exports"); internal=0
while read -r sym; do
    grep -qw "$sym" "$PREFIX"/include/glasstls/*.h || { internal=$((internal + 1)); echo "     internal: $sym"; }
done < "$TMP/exports"
if [ "$n" -gt 100 ] && [ $internal = 0 ]; then
    ok "libglasstls.so exports $n functions, each declared in include/glasstls/"
else
    bad "libglasstls.so exports $n functions, $internal of them internal"
fi
echo "$passes passed, $fails failed"
[ $fails = 0 ]
