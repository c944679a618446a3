"""End-to-end tests of the emulated EEPROM (docs/flash.md, "EEPROM emulation"),
imported by e2e.py: the kill -9 torture. tests/apps/eeprom-torture writes
without end into 9 slots; it is killed (SIGKILL) over and over on one flash
file, and at each start every slot must be whole, never behind where it was,
and hold at least the last write that had returned. Two kinds of kill: from
outside at a random wall time, and by the app itself right after the Kth
flash operation of a put (TORTURE_KILL), which lands in page swaps at every
step."""
import json
import os
import random
import re
import select
import signal
import subprocess
import tempfile
import time

from vdevtest import VDEV, app, check, env, run

TORTURE = "tests/apps/eeprom-torture"
SLOTS = 9  # must match the app: write n goes to slot n % 9


class Device:
    """The torture app on a flash file, its Serial lines read as they come."""

    def __init__(self, name, platform, flash, events, kill_at=None):
        argv = [VDEV, "run", app(TORTURE), "--clock", "virtual", "--platform", platform, "--flash", flash,
                "--events", events]
        e = env(name)
        if kill_at:
            e["TORTURE_KILL"] = "%d %d" % kill_at
        self.p = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, env=e)
        self.buf = b""
        self.last_w = None  # the last "w N": every write up to N returned

    def _take(self, data):
        self.buf += data
        *lines, self.buf = self.buf.split(b"\n")
        out = []
        for raw in lines:
            line = raw.decode(errors="replace").strip()
            m = re.fullmatch(r"w (\d+)", line)
            if m:
                self.last_w = int(m.group(1))
            out.append(line)
        return out

    def boot_report(self, timeout=60):
        """{slot: counter or -1} from the boot lines, up to "ready"."""
        slots, end = {}, time.time() + timeout
        while time.time() < end:
            r, _, _ = select.select([self.p.stdout], [], [], 0.5)
            if not r:
                check(self.p.poll() is None, "the app exited: %s" % self.p.stderr.read().decode()[-2000:])
                continue
            for line in self._take(os.read(self.p.stdout.fileno(), 65536)):
                check(not line.startswith("torn"), "a torn record after a kill: %r" % line)
                m = re.fullmatch(r"slot (\d+) (-?\d+)", line)
                if m:
                    slots[int(m.group(1))] = int(m.group(2))
                if line.startswith("ready"):
                    check(len(slots) == SLOTS, "boot lines %s" % slots)
                    return slots
        raise AssertionError("no boot report")

    def run_for(self, seconds):
        """Read its output for that long, or until it exits (a self-kill): True if it exited."""
        end = time.time() + seconds
        while time.time() < end:
            r, _, _ = select.select([self.p.stdout], [], [], max(0.0, end - time.time()))
            if r:
                data = os.read(self.p.stdout.fileno(), 65536)
                if not data:
                    return True
                self._take(data)
        return False

    def kill9(self):
        self.p.send_signal(signal.SIGKILL)
        rest = self.p.stdout.read()  # written before the kill: those writes had returned
        self._take(rest)
        self.p.wait()
        self.p.stderr.close()
        self.p.stdout.close()
        return self.p.returncode


def flash_events(path):
    """flash and panic events (a killed run's file may end in half a line)."""
    found = []
    with open(path) as f:
        for line in f:
            try:
                e = json.loads(line)
            except ValueError:
                continue
            if e["type"] in ("flash", "panic"):
                found.append(e)
    return found


def flash_sequence(name, flash):
    """The active bank's sequence number (1 + the page swaps so far), from `vdev flash show`."""
    rc, out, err = run(name, ["flash", "show", flash])
    check(rc == 0, "vdev flash show: %d %s" % (rc, err))
    seqs = [int(s) for s in re.findall(r"active, sequence (\d+)", out)]
    check(seqs, "no active EEPROM bank: %s" % out)
    return max(seqs)


def torture(platform, kills, self_kills, seed):
    name = "eeprom-torture-" + platform
    rng = random.Random(seed)
    rc, out, err = run(name, ["build", app(TORTURE), "--platform", platform], timeout=300)
    check(rc == 0, "build: %s" % err)
    with tempfile.TemporaryDirectory() as d:
        flash, events = os.path.join(d, "flash.bin"), os.path.join(d, "events.jsonl")
        must = {}   # slot -> the least counter it may hold (a write that returned)
        seen = {}   # slot -> its counter at the previous boot
        writes = 0
        cut_ops = set()  # K of the self-kills that happened
        runs = kills + self_kills
        for i in range(runs + 1):
            # K: 1-2 cut an appended record; 3-27 the steps of a swap (9 image records)
            kill_at = (rng.randrange(0, 3000), rng.randrange(1, 28)) if kills <= i < runs else None
            dev = Device(name, platform, flash, events, kill_at)
            slots = dev.boot_report()
            for s, n in slots.items():
                check(n >= seen.get(s, -1), "run %d: slot %d went back from %d to %d" % (i, s, seen.get(s, -1), n))
                check(n >= must.get(s, -1), "run %d: slot %d holds %d, but write %d had returned"
                      % (i, s, n, must.get(s, -1)))
            seen = slots
            if i == runs:  # a clean stop, so its events are all written
                dev.p.send_signal(signal.SIGTERM)
                check(dev.p.wait(10) == 128 + signal.SIGTERM, "the last run did not stop cleanly")
                check(not flash_events(events), "last run: %s" % flash_events(events))
                break
            exited = dev.run_for(rng.uniform(0.005, 0.25) if not kill_at else 30)
            check(dev.kill9() == -signal.SIGKILL, "the app was not killed by SIGKILL")
            check(exited == bool(kill_at), "run %d: self-kill %s: exited %s" % (i, kill_at, exited))
            if kill_at:
                cut_ops.add(kill_at[1])
            check(not flash_events(events), "run %d: %s" % (i, flash_events(events)))
            if dev.last_w is not None:
                writes = max(writes, dev.last_w)
                for s in range(SLOTS):  # the last write to each slot up to last_w
                    k = dev.last_w - ((dev.last_w - s) % SLOTS)
                    if k >= 0:
                        must[s] = max(must.get(s, -1), k)
        swaps = flash_sequence(name, flash) - 1
    check(writes > 10000, "%s: only %d writes across the kills" % (platform, writes))
    check(swaps >= runs, "%s: only %d page swaps in %d kills" % (platform, swaps, runs))
    check(len([k for k in cut_ops if k > 2]) >= self_kills // 3, "%s: swap steps cut: %s" % (platform, cut_ops))
    print("%s: %d kills from outside, %d self-kills (flash steps %s), %d writes, %d page swaps (seed %d)"
          % (platform, kills, self_kills, sorted(cut_ops), writes, swaps, seed))


def t_eeprom_torture():
    seed = int(os.environ.get("VDEV_TORTURE_SEED", random.randrange(1 << 30)))
    torture("argon", 40, 30, seed)
    torture("photon", 12, 12, seed)
