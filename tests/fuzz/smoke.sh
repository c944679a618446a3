#!/usr/bin/env bash
# Builds the libFuzzer target with clang and runs it briefly over a copy of
# the seed corpus: the fuzz target keeps building and finds nothing quickly.
# Skipped (77) where clang cannot build fuzzers.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
command -v clang >/dev/null || { echo "clang not installed"; exit 77; }
if ! clang -g -O1 -fsanitize=fuzzer,address,undefined -I"$root/scenarios" "$root/scenarios/ynode.c" \
        "$here/fuzz_ydoc.c" $(pkg-config --cflags --libs yaml-0.1) -o "$work/fuzz_ydoc" 2>"$work/build.log"; then
    if grep -q "libclang_rt.fuzzer\|fuzzer" "$work/build.log" && ! grep -q "error:" "$work/build.log"; then
        echo "no libFuzzer runtime"; exit 77
    fi
    cat "$work/build.log"; exit 1
fi
mkdir "$work/corpus"
cp "$here"/corpus/* "$work/corpus/"
"$work/fuzz_ydoc" -runs=20000 -max_len=4096 "$work/corpus" 2>&1 | tail -3
