#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz_ydoc, fuzz_att) with clang and runs each
# briefly over a copy of its seed corpus: the targets keep building and find
# nothing quickly.
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
rc=0
"$work/fuzz_ydoc" -runs=20000 -max_len=4096 "$work/corpus" 2>&1 | tail -3 || rc=1
# the ATT/GATT target (ble-bridge/att.c, gatt_db.c, att_server.c, gatt_disc.c)
att_src=("$root"/ble-bridge/att.c "$root"/ble-bridge/gatt_db.c "$root"/ble-bridge/att_server.c "$root"/ble-bridge/gatt_disc.c)
if ! clang -g -O1 -fsanitize=fuzzer,address,undefined -I"$root/ble-bridge" "${att_src[@]}" "$here/fuzz_att.c" \
        -o "$work/fuzz_att" 2>"$work/build-att.log"; then
    cat "$work/build-att.log"; exit 1
fi
mkdir "$work/corpus_att"
cp "$here"/corpus_att/* "$work/corpus_att/"
"$work/fuzz_att" -runs=30000 -max_len=2048 "$work/corpus_att" 2>&1 | tail -3 || rc=1
exit $rc
