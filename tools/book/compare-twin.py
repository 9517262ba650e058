"""Compare a book example's output with its Python twin's, line by line.

    compare-twin.py NAME SOURCE.c C.out PY.out PY.expected

The C program and its twin must print the same lines, addresses normalised, except the
lines the C source declares as differing, each with its reason:

    /* differs "PREFIX": REASON */

A pair of lines may differ when both start with PREFIX. Every declared exception must be
used (a marker that no longer matches anything is stale), and the committed recording
of the twin's output (PY.expected, shown when python3 is not 3.11) must equal what
python3 printed now, but for the lines the source declares as varying from one
interpreter's set-up to another's, each with its reason:

    /* varies "PREFIX": REASON */

(the count of references to 1 depends on what site's .pth files import at start-up).
Exit status 0 when all holds; otherwise each problem is printed.
"""
import re
import sys

DIFFERS = re.compile(r'/\*\s*differs\s+"([^"]*)"\s*:\s*(.*?)\s*\*/', re.S)
VARIES = re.compile(r'/\*\s*varies\s+"([^"]*)"\s*:\s*(.*?)\s*\*/', re.S)


def normalise(text):
    text = re.sub(r'0x[0-9a-f]{6,}', '0xADDR', text)
    return re.sub(r'(^|[^0-9])[0-9]{12,}', r'\1ADDR', text, flags=re.M)


def read_lines(path):
    with open(path, encoding='utf-8') as f:
        return normalise(f.read()).splitlines()


def same_recording(recorded, printed, varying):
    """The recording equals what python3 printed, but for lines that start with a
    varying prefix in both."""
    if len(recorded) != len(printed):
        return False
    return all(r == p or any(r.startswith(v) and p.startswith(v) for v in varying)
               for r, p in zip(recorded, printed))


def main(name, source, c_out, py_out, py_expected):
    with open(source, encoding='utf-8') as f:
        text = f.read()
    markers = [(prefix, ' '.join(reason.split())) for prefix, reason in DIFFERS.findall(text)]
    varying = [prefix for prefix, reason in VARIES.findall(text) if prefix and reason.strip()]
    problems = []
    for prefix, reason in markers:
        if not prefix or not reason:
            problems.append(f'{source}: a differs marker needs a prefix and a reason: "{prefix}": {reason}')
    c_lines, py_lines = read_lines(c_out), read_lines(py_out)
    if len(c_lines) != len(py_lines):
        problems.append(f'{name}: the C program printed {len(c_lines)} lines, its twin {len(py_lines)}')
    used = set()
    for number, (c, py) in enumerate(zip(c_lines, py_lines), 1):
        if c == py:
            continue
        excuse = next((p for p, _ in markers if p and c.startswith(p) and py.startswith(p)), None)
        if excuse is None:
            problems.append(f'{name}: line {number} differs and no marker allows it:\n'
                            f'    C:      {c}\n    Python: {py}')
        else:
            used.add(excuse)
    for prefix, _ in markers:
        if prefix and prefix not in used:
            problems.append(f'{source}: stale marker: no differing line starts with "{prefix}"')
    if not same_recording(read_lines(py_expected), py_lines, varying):
        problems.append(f'{py_expected} is stale: python3 {name}.py now prints something else '
                        f'(make book-expected records it)')
    for p in problems:
        print('FAIL:', p)
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main(*sys.argv[1:]))
