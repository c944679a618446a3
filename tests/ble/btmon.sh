#!/usr/bin/env bash
# Has btmon (BlueZ) decode a capture written by tests/unit/snoop_sample.c
# through ble-bridge/snoop.c: every HCI command, event and ATT PDU in it must
# come out named, and btmon must complain about nothing.
# Usage: btmon.sh SNOOP_SAMPLE_EXE. Skipped (77) where btmon is missing.
set -uo pipefail
sample=${1:?usage: btmon.sh SNOOP_SAMPLE_EXE}
btmon=$(command -v btmon || true)
[ -z "$btmon" ] && [ -x /usr/bin/btmon ] && btmon=/usr/bin/btmon
[ -z "$btmon" ] && { echo "btmon not installed (Debian: bluez)"; exit 77; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$sample" "$work/sample.btsnoop" || { echo "snoop_sample failed"; exit 1; }
# -T: absolute dates, to check the timestamps too
"$btmon" -r "$work/sample.btsnoop" -T >"$work/out.txt" 2>&1 || { cat "$work/out.txt"; echo "btmon failed"; exit 1; }

fail=0
expect() {
    local n
    n=$(grep -cF -- "$1" "$work/out.txt")
    if [ "$n" -lt "${2:-1}" ]; then
        echo "missing (want ${2:-1}, got $n): $1"
        fail=1
    fi
}
# a command's name may be cut short on its own line; its Command Complete
# or Status line names it in full, and both carry the opcode
expect "LE Set Random Address (0x08|0x0005)"
expect "(0x08|0x0005)" 2
expect "LE Set Advertising Parameters (0x08|0x0006)"
expect "(0x08|0x0006)" 2
expect "Min advertising interval: 100.000 msec (0x00a0)"
expect "LE Set Advertising Data (0x08|0x0008)"
expect "(0x08|0x0008)" 2
expect "Name (complete): vdev"
expect "LE Set Scan Response Data (0x08|0x0009)"
expect "(0x08|0x0009)" 2
expect "Battery Service (0x180f)"
expect "LE Set Advertise Enable (0x08|0x000a)"
expect "Advertising: Enabled (0x01)"
expect "Advertising: Disabled (0x00)"
expect "LE Set Scan Parameters (0x08|0x000b)"
expect "(0x08|0x000b)" 2
expect "LE Set Scan Enable (0x08|0x000c)"
expect "(0x08|0x000c)" 4
expect "LE Advertising Report (0x02)" 2
expect "Event type: Connectable undirected - ADV_IND (0x00)"
expect "Event type: Scan response - SCAN_RSP (0x04)"
expect "RSSI: -58 dBm (0xc6)" 2
expect "LE Create Connection (0x08|0x000d)"
expect "(0x08|0x000d)" 2
expect "Command Status (0x0f)" 2
expect "LE Connection Complete (0x01)" 2
expect "Role: Central (0x00)"
expect "Role: Peripheral (0x01)"
expect "Connection interval: 30.00 msec (0x0018)" 2
expect "Supervision timeout: 4000 msec (0x0190)" 3
expect "ACL Data TX: Handle 64" 3
expect "ACL Data RX: Handle 64" 3
expect "ATT: Exchange MTU Request (0x02)"
expect "ATT: Exchange MTU Response (0x03)"
expect "ATT: Read By Group Type Request (0x10)"
expect "ATT: Handle Value Notification (0x1b)"
expect "ATT: Write Request (0x12)"
expect "ATT: Write Response (0x13)"
expect "Disconnect (0x01|0x0006)" 2
expect "Disconnect Complete (0x05)" 2
expect "Reason: Connection Terminated By Local Host (0x16)"
expect "Reason: Connection Timeout (0x08)"
expect "2020-01-01 00:00:00.009500"   # device time 9.5 ms after the fixed epoch
[ "$(grep -c '^[<>] ' "$work/out.txt")" -eq 34 ] || { echo "expected 34 packets"; fail=1; }
if grep -iE "invalid|malformed|too short|unknown|unsupported" "$work/out.txt"; then
    echo "btmon complained"
    fail=1
fi
if [ "$fail" -ne 0 ]; then
    echo "---- btmon output ----"
    cat "$work/out.txt"
    exit 1
fi
echo "btmon decoded $(grep -c '^[<>] ' "$work/out.txt") packets"
