#!/usr/bin/env bash
# Install the Debian packages the project needs, when they are missing.
# apt-get as root, sudo otherwise; says what it installs; silent when all are present.
set -eu
packages="gcc make pkg-config pandoc check valgrind graphviz gnuplot-nox libdw-dev"
# The graders: results.json (jq), the Gradescope bundle (zip, unzip), the tests' sandbox
# (bubblewrap, libseccomp-dev), make watch (inotify-tools).
packages="$packages jq zip unzip bubblewrap libseccomp-dev inotify-tools"
# mo-python's interactive prompt: line editing and history.
packages="$packages libreadline-dev"
missing=""
for p in $packages; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "deps: installing missing Debian packages:$missing"
if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
# shellcheck disable=SC2086
$sudo apt-get install -y -qq --no-install-recommends $missing
