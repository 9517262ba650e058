#!/usr/bin/env bash
# The allocator an example asks to run on, from a marker comment in its C source:
#   /* allocator: pymalloc */
# prints the name (default, debug, malloc, malloc_debug, pymalloc, pymalloc_debug:
# PYTHONMALLOC's names), or nothing when the source has no marker. The build runs
# the C program with MOMALLOC=NAME and its Python twin with PYTHONMALLOC=NAME.
#   allocator-of.sh SOURCE
# A marker naming something else fails, naming the source.
set -u
src=$1
name=$(sed -nE 's#.*/\*[[:space:]]*allocator:[[:space:]]*([A-Za-z_]+)[[:space:]]*\*/.*#\1#p' "$src" | head -n 1)
case "$name" in
    ""|default|debug|malloc|malloc_debug|pymalloc|pymalloc_debug) printf '%s' "$name" ;;
    *) echo "book: $src asks for allocator '$name': not one of default, debug, malloc," \
            "malloc_debug, pymalloc, pymalloc_debug" >&2; exit 1 ;;
esac
