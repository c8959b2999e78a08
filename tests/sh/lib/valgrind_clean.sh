# valgrind_clean.sh — sourced by the tests/sh/*_valgrind.sh scripts (this
# folder is not run by tests/run-all.sh).
#
# valgrind_clean SECONDS WHAT BINARY...: runs each test binary under valgrind
# memcheck with leak-check=full, where an invalid access, a use of
# uninitialised memory or a definite, indirect or possible leak fails
# (exit 99), as does a failing test; at most SECONDS per binary.  Prints
# "ok: WHAT clean under valgrind ..." and returns 0 when all are clean.
# Skips (returns 0) on an ASan build, without valgrind, or when valgrind
# cannot read the build's debug information.
valgrind_clean() {
    secs=$1; what=$2; shift 2
    case "${BUILD:-build}" in
        *sanitize*) echo "SKIP: valgrind does not run ASan builds (ASan checks this build)"; return 0 ;;
    esac
    command -v valgrind >/dev/null 2>&1 || { echo "SKIP: valgrind is not installed"; return 0; }
    vg_log=$(mktemp)
    vg_rc=0
    for vg_bin in "$@"; do
        timeout "$secs" valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect,possible \
            --show-leak-kinds=definite,indirect,possible --error-exitcode=99 \
            "$vg_bin" >"$vg_log" 2>&1
        vg_rc=$?
        cat "$vg_log"
        # this valgrind cannot read some compilers' debug info (e.g. clang's DWARF 5)
        if [ $vg_rc != 0 ] && grep -q "debuginfo reader: .*\|I can't recover" "$vg_log"; then
            echo "SKIP: valgrind cannot read this build's debug information (build with gcc)"
            rm -f "$vg_log"
            return 0
        fi
        [ $vg_rc = 0 ] || { echo "FAIL: $vg_bin under valgrind (exit $vg_rc)"; break; }
    done
    rm -f "$vg_log"
    [ $vg_rc = 0 ] && echo "ok: $what clean under valgrind (memcheck, leak-check=full)"
    return $vg_rc
}
