#!/usr/bin/env python3
"""Print the plain 'N passed, N failed' line for a meson test log.

A cmocka test binary counts its test cases; every other test counts as one."""
import json
import re
import sys

passed = failed = skipped = 0
with open(sys.argv[1]) as f:
    for line in f:
        t = json.loads(line)
        result = t.get("result")
        out = t.get("stdout", "") or ""
        m = re.search(r"\[==========\] (\d+) test\(s\) run\.", out)
        if result == "SKIP":
            skipped += 1
        elif m:
            n = int(m.group(1))
            f_ = re.search(r"\[  FAILED  \] (\d+) test\(s\)", out)
            nf = int(f_.group(1)) if f_ else (0 if result == "OK" else 1)
            if result != "OK" and nf == 0:
                nf = 1
            failed += nf
            passed += max(n - nf, 0)
        elif result in ("OK", "EXPECTEDFAIL"):
            passed += 1
        else:
            failed += 1
print(f"{passed} passed, {failed} failed" + (f", {skipped} skipped" if skipped else ""))
