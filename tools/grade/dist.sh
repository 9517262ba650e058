#!/usr/bin/env bash
# What the instructor hands out.
#
#   dist.sh student OUT_DIR          OUT_DIR/mo-student.tar.gz: the project as a student gets
#                                    it, without solutions/ and tests/mutants/ (top folder
#                                    mo-student/); it builds and grades labs on its own
#   dist.sh autograder OUT_DIR LAB   OUT_DIR/autograder-LAB.zip for Gradescope: the same tree
#                                    with setup.sh and run_autograder (for LAB) at its top
#   dist.sh files                    the list of the student's files (what both hold)
#
# The files are those git knows (tracked, or new and not ignored) when the project is a
# git checkout, every file otherwise; build directories never. The bundle is made by
# zip(1), keeping the scripts' executable bits.
set -u

project_files() {
    if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
        git ls-files --cached --others --exclude-standard
    else
        find . -type f ! -path './.git/*' | sed 's|^\./||'
    fi | grep -vE '^(solutions/|tests/mutants/|build/|build-[^/]*/|\.git/)' | sort -u |
        while IFS= read -r f; do [ -f "$f" ] && printf '%s\n' "$f"; done
}

# stage DIR: copy the student's files into DIR (created afresh).
stage() {
    local dir=$1
    rm -rf "$dir" && mkdir -p "$dir" || exit 1
    project_files | tar -cf - -T - | tar -xf - -C "$dir" || exit 1
}

case ${1:-} in
    files)
        project_files
        ;;
    student)
        out=$2
        mkdir -p "$out" || exit 1
        stage "$out/stage/mo-student"
        tar --sort=name --owner=0 --group=0 --numeric-owner -czf "$out/mo-student.tar.gz" -C "$out/stage" mo-student ||
            exit 1
        rm -rf "$out/stage"
        echo "dist-student: $out/mo-student.tar.gz ($(du -k "$out/mo-student.tar.gz" | cut -f 1) KiB)"
        ;;
    autograder)
        out=$2 lab=$3
        [ -d "labs/$lab" ] && [ -d "tests/labs/$lab" ] || { echo "autograder: no lab named '$lab'" >&2; exit 2; }
        mkdir -p "$out" || exit 1
        stage "$out/autograder-$lab"
        cp tools/grade/autograder/setup.sh "$out/autograder-$lab/setup.sh"
        sed "s/@LAB@/$lab/g" tools/grade/autograder/run_autograder >"$out/autograder-$lab/run_autograder"
        chmod 755 "$out/autograder-$lab/setup.sh" "$out/autograder-$lab/run_autograder"
        rm -f "$out/autograder-$lab.zip"
        (cd "$out/autograder-$lab" && zip -q -r -X "../autograder-$lab.zip" .) || exit 1
        rm -rf "${out:?}/autograder-$lab"
        echo "autograder: $out/autograder-$lab.zip (upload it as the assignment's autograder on Gradescope)"
        ;;
    *)
        echo "usage: dist.sh student OUT_DIR | autograder OUT_DIR LAB | files" >&2
        exit 2
        ;;
esac
