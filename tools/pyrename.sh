#!/bin/sh
# Rename a C source written for CPython's C API to Mo's, and nothing else:
# Py -> Mo, _Py -> _Mo, PY -> MO at the start of a name, and the includes
# <Python.h> / "Python.h" -> "mo.h" (Argument Clinic's "clinic/x.c.h" includes
# stay as they are: rename the clinic file too and put it beside the source).
#
#   tools/pyrename.sh IN.c OUT.c
#
# Used by tools/outside.mk to build tests/outside/ext/*.c as their authors wrote
# them; the renamed copies live under build/.
set -eu
[ $# -eq 2 ] || { echo "usage: $0 IN.c OUT.c" >&2; exit 2; }
sed -e 's/[<"]Python\.h[>"]/"mo.h"/' \
    -e 's/\([^A-Za-z0-9_]\|^\)Py/\1Mo/g' \
    -e 's/\([^A-Za-z0-9_]\|^\)_Py/\1_Mo/g' \
    -e 's/\([^A-Za-z0-9_]\|^\)PY/\1MO/g' \
    "$1" > "$2.tmp" && mv "$2.tmp" "$2"
