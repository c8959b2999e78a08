#!/bin/sh
# The one fast-path pattern of crypto/ (crypto/cpu.h): a fast path is chosen
# at build time by whole file (real code or stub) and at run time by a plain
# `if` on the predicates of glasstls/hw.h.  Checked here:
#   1. no conditional preprocessor line (#if, #ifdef, #ifndef, #elif, #else)
#      inside braces in any crypto/*.c, so inside no function body;
#   2. only crypto/cpu.c reads the raw feature bits (glass_cpu_features());
#      every other file asks a glass_cpu_has_X() predicate.
# The checker first proves on two small samples that it can fail.
set -u
status=0

# Prints file:line for each conditional directive found at brace depth > 0.
# Comments, string and character literals are removed before counting, and
# preprocessor lines (with their continuations) are not counted.
find_inner_if() {
    awk '
    FNR == 1 { depth = 0; incomment = 0; cont = 0 }
    {
        line = $0
        if (cont) { cont = (line ~ /\\$/); next }
        if (!incomment && line ~ /^[ \t]*#/) {
            if (depth > 0 && line ~ /^[ \t]*#[ \t]*(if|ifdef|ifndef|elif|else)([^a-z_]|$)/)
                print FILENAME ":" FNR ": " line
            cont = (line ~ /\\$/)
            next
        }
        out = ""
        while (length(line) > 0) {
            if (incomment) {
                i = index(line, "*/")
                if (i == 0) { line = ""; break }
                line = substr(line, i + 2); incomment = 0; continue
            }
            c = substr(line, 1, 1); two = substr(line, 1, 2)
            if (two == "/*") { incomment = 1; line = substr(line, 3); continue }
            if (two == "//") break
            if (c == "\"" || c == "\047") {
                # skip a literal, honouring backslash escapes
                j = 2
                while (j <= length(line)) {
                    d = substr(line, j, 1)
                    if (d == "\\") { j += 2; continue }
                    if (d == c) break
                    j++
                }
                line = substr(line, j + 1); continue
            }
            out = out c; line = substr(line, 2)
        }
        n = split(out, ch, "")
        for (k = 1; k <= n; k++) {
            if (ch[k] == "{") depth++
            else if (ch[k] == "}") depth--
        }
    }' "$@"
}

# Self-test: a directive inside a function must be found, one between
# functions (and braces inside comments and strings) must not.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat >"$tmp/bad.c" <<'EOF'
static int f(void)
{
    /* { not a brace */ const char *s = "}";
#if defined(X)
    return 1;
#endif
    return s[0];
}
EOF
cat >"$tmp/good.c" <<'EOF'
/* } */
#if defined(X)
static int f(void) { return "{"[0]; }
#else
static int f(void) { return '}'; }
#endif
EOF
found=$(find_inner_if "$tmp/bad.c")
case "$found" in
    *"bad.c:4: #if defined(X)"*) echo "ok   self-test: a #if inside a function body is caught" ;;
    *) echo "FAIL self-test: the #if inside a function body was missed"; status=1 ;;
esac
if [ -n "$(find_inner_if "$tmp/good.c")" ]; then
    echo "FAIL self-test: file-level #if reported as inside a function"; status=1
else
    echo "ok   self-test: file-level #if/#else is accepted"
fi

inner=$(find_inner_if crypto/*.c)
if [ -n "$inner" ]; then
    echo "FAIL #if inside a function body in crypto/ (choose by whole file and a plain if, see crypto/cpu.h):"
    echo "$inner"
    status=1
else
    echo "ok   no #if inside a function body in crypto/*.c ($(ls crypto/*.c | wc -l) files)"
fi

raw=$(grep -n 'glass_cpu_features[[:space:]]*(' crypto/*.c | grep -v '^crypto/cpu\.c:')
if [ -n "$raw" ]; then
    echo "FAIL feature bits read outside crypto/cpu.c (use a glass_cpu_has_X() predicate):"
    echo "$raw"
    status=1
else
    echo "ok   only crypto/cpu.c reads the feature bits"
fi
exit $status
