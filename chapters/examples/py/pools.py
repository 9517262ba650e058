"""The pools as sys._debugmallocstats() reports them, for the book's Python twins.

take() writes a report (the function writes to file descriptor 2) into a file
made in advance and returns its number; read it with blocks_in_use() or
arenas() only when the step being measured is over, so that reading one report
allocates nothing between two.
"""
import gc
import os
import re
import sys
import tempfile

ROW = re.compile(rb"^ *(\d+) +(\d+) +(\d+) +(\d+) +(\d+)$")
_files = [tempfile.TemporaryFile() for _ in range(32)]
_saved = os.dup(2)
_taken = 0
gc.disable()    # a collection between two reports would add its own frees


def take():
    global _taken
    os.dup2(_files[_taken].fileno(), 2)
    sys._debugmallocstats()
    os.dup2(_saved, 2)
    _taken += 1
    return _taken - 1


def _lines(i):
    f = _files[i]
    f.seek(0)
    return f.read().split(b"\n")


def blocks_in_use(i):
    """{size class: blocks in use} in report i."""
    rows = (ROW.match(line) for line in _lines(i))
    return {int(m.group(1)): int(m.group(4)) for m in rows if m}


def arenas(i):
    """The '# arenas ...' lines of report i, as {label: value}."""
    out = {}
    for line in _lines(i):
        if line.startswith(b"# arenas"):
            label, value = line.split(b"=")
            out[label.strip().decode()] = int(value.replace(b",", b""))
    return out


def changed(before, after, at_least=1):
    """[(class, block size, change in blocks in use)], where it changed by at
    least at_least."""
    b, a = blocks_in_use(before), blocks_in_use(after)
    out = []
    for c in sorted(set(a) | set(b)):
        delta = a.get(c, 0) - b.get(c, 0)
        if abs(delta) >= at_least:
            out.append((c, 16 * (c + 1), delta))
    return out


def first_line(i):
    return _lines(i)[0].decode()
