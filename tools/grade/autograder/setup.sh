#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder's image: install what
# grading needs, then build the debug runtime and the grader's tools.
set -eu
cd "$(dirname "$0")"
packages="gcc make pkg-config check valgrind libdw-dev jq bubblewrap libseccomp-dev"
missing=""
for p in $packages; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # shellcheck disable=SC2086
    apt-get install -y -qq --no-install-recommends $missing
fi
make --no-print-directory grade-ready
