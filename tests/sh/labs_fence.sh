#!/bin/sh
# The lab switches stay in the lab build (include/glasstls/labs.h,
# docs/labs/README.md).  libglasstls.a, libglasstls.so and every program of
# $BUILD/bin must hold no lab symbol (glass_lab_*), no switch name, no
# switch explanation and no lab banner.  To show the check can fail, the
# same check must find all of them in the lab library and the lab build of
# glass-server.
set -u
BUILD=${BUILD:-build}
LAB=$BUILD/labs
fail=0

# the switch names, from the one list of them
names=$(sed -n 's/^[[:space:]]*X([A-Z_0-9]*, *"\([a-z0-9-]*\)".*/\1/p' include/glasstls/labs.h)
[ -n "$names" ] || { echo "FAIL: no switch names found in include/glasstls/labs.h"; exit 1; }
nnames=$(echo "$names" | wc -l)
echo "switches: $(echo $names)"

# found FILE: prints what of the lab build FILE holds, nothing when clean
found() {
    f=$1
    nm -A "$f" 2>/dev/null | grep -E ' [A-Za-z] glass_lab_' | sed 's/^/symbol: /' | head -3
    nm -D "$f" 2>/dev/null | grep -E ' [A-Za-z] glass_lab_' | sed 's/^/dynamic symbol: /' | head -3
    strings -a "$f" | grep -E 'DELIBERATELY INSECURE|GLASS_UNSAFE_LABS' | sed 's/^/string: /' | head -3
    for n in $names; do
        strings -a "$f" | grep -qF -- "$n" && echo "switch name: $n"
    done
}

checked=0
for f in "$BUILD/lib/libglasstls.a" "$BUILD/lib/libglasstls.so" "$BUILD"/bin/*; do
    [ -f "$f" ] || continue
    checked=$((checked + 1))
    hits=$(found "$f")
    if [ -n "$hits" ]; then
        echo "FAIL: $f holds lab code:"; echo "$hits" | sed 's/^/  /'
        fail=1
    fi
done
[ "$checked" -ge 3 ] || { echo "FAIL: only $checked normal files to check (build first)"; fail=1; }
echo "normal build: $checked files checked, no lab symbol, name or banner"

# the check can fail: the lab build holds every switch name and the banner
for f in "$LAB/lib/libglasstls-lab.a" "$LAB/glass-server"; do
    if [ ! -f "$f" ]; then echo "FAIL: $f missing (make labs)"; fail=1; continue; fi
    hits=$(found "$f")
    nn=$(echo "$hits" | grep -c '^switch name: ')
    if [ "$nn" -ne "$nnames" ] || ! echo "$hits" | grep -q '^string: .*DELIBERATELY INSECURE' \
       || ! echo "$hits" | grep -q 'symbol: .*glass_lab_'; then
        echo "FAIL: the check does not see the lab code in $f ($nn of $nnames names):"
        echo "$hits" | sed 's/^/  /'
        fail=1
    else
        echo "lab build: $f: the check finds $nn switch names, the banner and glass_lab_* (as it must)"
    fi
done

# the lab hooks (glass_lab_set_hooks, lab 5): the lab library's handshake
# calls them, so the symbol check above would see one that reached the
# normal library
for h in glass_lab_set_hooks glass_lab_hook_client_random glass_lab_hook_server_hello \
         glass_lab_hook_rsa_premaster; do
    if nm "$LAB/lib/libglasstls-lab.a" 2>/dev/null | grep -q " [A-Za-z] $h\$"; then :; else
        echo "FAIL: the lab library has no $h"; fail=1
    fi
done
n=$(nm "$LAB/lib/libglasstls-lab.a" 2>/dev/null | grep -c ' U glass_lab_hook_')
if [ "$n" -ge 3 ]; then
    echo "lab build: the handshake calls the lab hooks ($n call sites' symbols), the check sees them"
else
    echo "FAIL: only $n calls of glass_lab_hook_* in the lab library"; fail=1
fi

# the lab programs say what they are: every one prints the banner first
for p in "$LAB"/*; do
    [ -f "$p" ] && [ -x "$p" ] || continue
    out=$(timeout 10 "$p" --help 2>&1 </dev/null | head -3)
    if echo "$out" | grep -q 'DELIBERATELY INSECURE'; then
        echo "banner: $(basename "$p"): ok"
    else
        echo "FAIL: $(basename "$p") does not print the lab banner first:"; echo "$out" | sed 's/^/  /'
        fail=1
    fi
done

[ $fail = 0 ] && echo "ok: lab switches fenced into $LAB"
exit $fail
