#!/usr/bin/env python3
"""check_recipes.py TRACE DIR [NAME...] -- runs every recipe of a
glasstls --trace 3 --recipes output and compares what it prints with the
value the trace gave.

A recipe is two lines:
    recipe: <what> = <expected>
      $ <shell command>
The command runs with sh in DIR (the --dump-dir folder); its output,
stripped, must match <expected> (a shell-style glob where the recipe
fixes only part of the value, e.g. "0002*00<premaster>").  Each expected
value is also checked against the trace itself: a hex value must appear
in a line that is not a recipe (so a recipe cannot vouch for a value the
trace never showed); a record's plaintext must be a Finished (14 00 00 0c
and its traced verify_data), an alert (2 bytes) or HTTP text.  Each NAME
(or several, split by |) must begin the <what> of at least one recipe.  Prints one line per recipe;
exits 1 on any failure.
"""
import fnmatch
import re
import subprocess
import sys


def main():
    trace_path, folder = sys.argv[1], sys.argv[2]
    names = [n for a in sys.argv[3:] for n in a.split("|") if n]
    lines = open(trace_path, encoding="utf-8", errors="replace").read().splitlines()
    plain = "\n".join(l for l in lines if "recipe:" not in l and not l.lstrip().startswith("$ "))
    plain_nospace = re.sub(r"[ \t]", "", plain)
    recipes, fails = [], 0
    for i, line in enumerate(lines):
        m = re.match(r"^\s*recipe: (.*?) = (.+?)\s*$", line)
        if not m:
            continue
        cmd = re.match(r"^\s*\$ (.*)$", lines[i + 1]) if i + 1 < len(lines) else None
        if cmd is None:
            print(f"FAIL recipe without a command: {line.strip()}")
            fails += 1
            continue
        recipes.append((m.group(1), m.group(2), cmd.group(1)))
    for what, expect, cmd in recipes:
        r = subprocess.run(["sh", "-c", cmd], cwd=folder, capture_output=True, text=True, timeout=60)
        out = r.stdout.strip()
        ok = r.returncode == 0 and fnmatch.fnmatchcase(out, expect) if "*" in expect else \
            r.returncode == 0 and out == expect
        traced = True
        if what.startswith("plaintext of"):
            b = bytes.fromhex(expect)
            traced = (b[:4] == b"\x14\x00\x00\x0c" and b[4:].hex() in plain) or len(b) == 2 \
                or b"HTTP/1." in b
        elif re.fullmatch(r"[0-9a-f]+", expect):
            traced = expect in plain or expect in plain_nospace
        elif "*" in expect:
            tail = expect.split("*")[-1]         # "00" + the traced value
            traced = tail.startswith("00") and tail[2:] in plain
        if ok and traced:
            print(f"ok   {what} = {expect[:40]}{'...' if len(expect) > 40 else ''}")
        else:
            fails += 1
            why = "the command printed " + repr(out[:80]) + (" / " + r.stderr.strip()[:200] if r.stderr.strip() else "") \
                if not ok else "the value is not in the trace"
            print(f"FAIL {what}: {why}\n     $ {cmd[:300]}")
    for n in names:
        if not any(what == n or what.startswith(n) for what, _, _ in recipes):
            fails += 1
            print(f"FAIL no recipe for {n}")
    print(f"{len(recipes)} recipes, {fails} failed")
    return 1 if fails or not recipes else 0


if __name__ == "__main__":
    sys.exit(main())
