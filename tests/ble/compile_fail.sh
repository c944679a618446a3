#!/bin/sh
# BLE fix #1901: BleCharacteristic::setValue() with a type that is not
# standard-layout must not compile, and the error must point at the app's
# call; the same app with a standard-layout type must build.
# usage: compile_fail.sh VDEV
set -u
VDEV=$1
HERE=$(cd "$(dirname "$0")" && pwd)
APPS=$HERE/../apps
OUT=$(mktemp)
trap 'rm -f "$OUT"' EXIT

"$VDEV" build "$APPS/compile-fail-ble-layout" >"$OUT" 2>&1
rc=$?
if [ "$rc" -ne 2 ]; then
    echo "compile-fail-ble-layout: exit $rc, expected 2"
    cat "$OUT"
    exit 1
fi
line=$(grep -n 'BLE_LAYOUT_LINE' "$APPS/compile-fail-ble-layout/compile-fail-ble-layout.ino" | cut -d: -f1)
if ! grep -q "compile-fail-ble-layout.ino:$line:.*error" "$OUT"; then
    echo "compile-fail-ble-layout: no error at line $line"
    cat "$OUT"
    exit 1
fi
if ! grep -q "setValue" "$OUT"; then
    echo "compile-fail-ble-layout: the error does not name setValue"
    cat "$OUT"
    exit 1
fi

"$VDEV" build "$APPS/compile-ok-ble-layout" >"$OUT" 2>&1
rc=$?
if [ "$rc" -ne 0 ]; then
    echo "compile-ok-ble-layout: exit $rc, expected 0"
    cat "$OUT"
    exit 1
fi
echo "ok"
