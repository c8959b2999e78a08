#!/usr/bin/env python3
"""docs_examples.py — the examples in docs/ are real glass-step output.

A region of a Markdown file between

    <!-- BEGIN glass-step ARGS [step=N] -->
    <!-- END glass-step -->

holds the output of `$BUILD/bin/glass-step --no-pause --seed 1 ARGS` (a
deterministic run), in a ```text block; with step=N only that step of the
run (from its "== step N:" line to the next step); "mermaid ARGS" puts the
Mermaid diagram of that run (--mermaid) in a ```mermaid block; "files
DIR ARGS" runs it with --dump-dir DIR and lists the files it wrote (name
and size, in order); "html ARGS box=N rows=K" writes the page of --html
and shows its boxes, then the first K rows of box N as a Markdown table.

Each run is made in an empty temporary folder holding only a link to the
repository's tests/ (glass-step finds its certificates there), so the
files a run writes (--dump-dir hs) stay out of the repository and the
paths it prints are the same relative ones on every machine (the
absolute path of the repository, in a recipe naming the server's key,
is written as ../, its path from the dump folder the recipes run in).

    python3 tests/tools/docs_examples.py docs/*.md          # rewrite (make docs)
    python3 tests/tools/docs_examples.py --check docs/*.md  # exit 1 when stale
"""
import os
import re
import shutil
import subprocess
import sys

BEGIN = re.compile(r'^<!-- BEGIN glass-step (.*?) -->$')
END = '<!-- END glass-step -->'
cache = {}


def in_scratch(cmd):
    """Runs cmd (glass-step's path first, relative to the repository) in a
    fresh folder with a link to tests/; returns (stdout, folder)."""
    import tempfile
    build = os.environ.get('BUILD', 'build')
    top = os.getcwd()
    d = tempfile.mkdtemp(prefix='glass-docs-')
    os.symlink(os.path.join(top, 'tests'), os.path.join(d, 'tests'))
    cmd = [os.path.join(top, build, 'bin', 'glass-step')] + cmd
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, cwd=d).stdout
    # the recipes name the server's key by its absolute path, which differs
    # from machine to machine: from the dump folder they run in (a folder
    # of the scratch one, beside the tests/ link), it is ../tests/...
    real = os.path.realpath(top) + '/'
    out = out.replace(real, '../').replace(d + '/', '')
    return out, d


def run(args):
    if args not in cache:
        out, d = in_scratch(['--no-pause', '--seed', '1'] + args.split())
        shutil.rmtree(d)
        cache[args] = out
    return cache[args]


def mermaid(args):
    _, d = in_scratch(['--no-pause', '--seed', '1', '--trace', '0', '--mermaid',
                       'diagram.mmd'] + args.split())
    with open(os.path.join(d, 'diagram.mmd')) as f:
        text = f.read()
    shutil.rmtree(d)
    return '```mermaid\n' + text + '```\n'


def files(spec):
    folder, _, args = spec.partition(' ')
    _, d = in_scratch(['--no-pause', '--seed', '1', '--trace', '0', '--dump-dir', folder] +
                      args.split())
    root = os.path.join(d, folder)
    lines = ['$ glass-step --seed 1 --dump-dir %s %s   # then, in %s/ (bytes, file):' %
             (folder, args.strip(), folder)]
    for name in sorted(os.listdir(root)):
        lines.append('%8d  %s' % (os.path.getsize(os.path.join(root, name)), name))
    shutil.rmtree(d)
    return '```text\n' + '\n'.join(lines) + '\n```\n'


def have_gdb():
    return shutil.which('gdb') is not None


# "#1  0x000055555555a036 in run_send (...) at lib/handshake/engine.c:202"
#   -> "#1  run_send (...) at lib/handshake/engine.c"
FRAME_PC = re.compile(r'^(#\d+\s+)0x[0-9a-f]+ in ')
LINE_NO = re.compile(r'( at [\w./-]+\.[ch]):\d+')
ADDRESS = re.compile(r'0x[0-9a-f]{8,}')   # a pointer in a frame or a value
GDB_NOISE = re.compile(r'^(\[Thread debugging |Using host libthread_db |'
                       r'\[Inferior \d+ \(process \d+\) killed\])')


def gdb_session(spec):
    args, _, cmds = spec.partition(':')
    cmds = [c.strip() for c in cmds.split(';') if c.strip()]
    if not cmds:
        sys.exit('gdb region without commands: ' + spec)
    build = os.environ.get('BUILD', 'build')
    cmd = ['gdb', '-batch', '-nx', '-x', 'docs/glass-step.gdb',
           '-ex', 'echo (gdb) run\\n', '-ex', 'run']
    for c in cmds:
        cmd += ['-ex', 'echo (gdb) %s\\n' % c.replace('\\', '\\\\'), '-ex', c]
    cmd += ['--args', os.path.join(build, 'bin', 'glass-step'), '--no-pause', '--seed', '1']
    cmd += args.split()
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    errors = [l for l in r.stderr.splitlines() if l.strip() and not l.startswith('warning:')]
    if errors:
        sys.exit('gdb session "%s" failed:\n  %s' % (spec, '\n  '.join(errors)))
    out = r.stdout.splitlines()
    if '(gdb) run' not in out:
        sys.exit('gdb session "%s" did not run:\n%s' % (spec, r.stdout))
    lines = []
    for line in out[out.index('(gdb) run'):]:
        if GDB_NOISE.match(line):
            continue
        if line.startswith('#'):                  # a frame of a backtrace
            line = LINE_NO.sub(r'\1', FRAME_PC.sub(r'\1', line))
        if re.match(r'^(#\d+ |\$\d+ = )', line):
            line = ADDRESS.sub('0x...', line)
        lines.append(line)
    return '```text\n' + '\n'.join(lines).strip('\n') + '\n```\n'


def html_page(spec):
    import html as h
    m = re.match(r'^(.*?)\s+box=(\d+)\s+rows=(\d+)$', spec)
    if not m:
        sys.exit('html region wants "ARGS box=N rows=K": ' + spec)
    args, box, rows = m.group(1), int(m.group(2)), int(m.group(3))
    _, d = in_scratch(['--no-pause', '--seed', '1', '--trace', '0', '--html', 'page.html'] +
                      args.split())
    with open(os.path.join(d, 'page.html')) as f:
        page = f.read()
    shutil.rmtree(d)

    def text(frag):
        return h.unescape(re.sub(r'<[^>]*>', '', frag)).strip()
    parts = re.split(r'<h2>', page)[1:]
    titles = [text(p.split('</h2>')[0]) for p in parts]
    out = ['```text'] + titles + ['```', '']
    cells = re.findall(r'<tr class="d\d+">(.*?)</tr>', parts[box - 1], re.S)[:rows]
    out.append('| offset | bytes | field | value | RFC | why |')
    out.append('|---|---|---|---|---|---|')
    for row in cells:
        tds = [text(c).replace('|', '\\|') for c in re.findall(r'<td[^>]*>(.*?)</td>', row, re.S)]
        out.append('| ' + ' | '.join(tds) + ' |')
    return '\n'.join(out) + '\n'


def example(spec):
    if spec.startswith('mermaid'):
        return mermaid(spec[len('mermaid'):].strip())
    if spec.startswith('files '):
        return files(spec[len('files '):].strip())
    if spec.startswith('html '):
        return html_page(spec[len('html '):].strip())
    if spec.startswith('gdb'):
        return gdb_session(spec[len('gdb'):].strip())
    m = re.match(r'^(.*?)(?:\s+step=(\d+))?$', spec)
    out = run(m.group(1).strip())
    if m.group(2):
        n = int(m.group(2))
        lines, keep = [], False
        for line in out.splitlines():
            if line.startswith('== step '):
                keep = line.startswith('== step %d:' % n)
            if keep:
                lines.append(line)
        out = '\n'.join(lines).rstrip('\n') + '\n'
    else:
        out = out.strip('\n') + '\n'
    return '```text\n' + out + '```\n'


def render(text):
    res, lines, i = [], text.splitlines(keepends=True), 0
    while i < len(lines):
        res.append(lines[i])
        m = BEGIN.match(lines[i].rstrip('\n'))
        i += 1
        if not m:
            continue
        start = i
        while i < len(lines) and lines[i].rstrip('\n') != END:
            i += 1
        if i == len(lines):
            sys.exit('unterminated glass-step region: ' + m.group(0))
        if m.group(1).startswith('gdb') and not have_gdb():
            print('note: gdb is not installed; left the session "%s" as it is' % m.group(1),
                  file=sys.stderr)
            res.extend(lines[start:i])
        else:
            res.append(example(m.group(1)))
        res.append(lines[i])
        i += 1
    return ''.join(res)


def main():
    check = '--check' in sys.argv
    stale = 0
    for path in [a for a in sys.argv[1:] if a != '--check']:
        with open(path) as f:
            old = f.read()
        new = render(old)
        if new == old:
            continue
        if check:
            stale += 1
            print('%s: examples are stale (run `make docs`)' % path)
        else:
            with open(path, 'w') as f:
                f.write(new)
            print('regenerated the examples in ' + path)
    sys.exit(1 if stale else 0)


main()
