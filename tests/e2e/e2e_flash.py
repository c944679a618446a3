"""End-to-end tests of the flash file (issue 6): retained memory through a
reset, a crash and a power cycle; the reset reason after a crash; damaged
files refused and left as they were; --flash-reset; WiFi credentials kept
in the DCT across runs; the default file; `vdev flash show`.
e2e.py imports these (every t_ function is a test)."""
import os
import re
import shutil
import subprocess
import tempfile
import time

from vdevtest import VDEV, Control, app, check, env, of_type, run, run_events

__all__ = ["t_flash_retained", "t_flash_power_cycle", "t_flash_refusals", "t_flash_wifi_persist", "t_flash_show",
           "t_flash_which_file", "t_flash_damage_reported"]

RETAINED = app("tests/apps/retained")
COUNTER = app("examples/eeprom-counter")
HEADER = 4096           # the header sector before the data area
RETAINED_REGION = {"argon": (0xC000, 8192), "photon": (0x10000, 8192)}


def boot_lines(text):
    return re.findall(r"boot count (\d+) tag (\S+) plain (\d+) reason (\d+) data (\d+) time (\w+)", text)


def serial_of(seen):
    return "".join(e.get("data", "") for e in seen if e["type"] == "serial" and e.get("port") == "Serial")


def read(path):
    with open(path, "rb") as f:
        return f.read()


def outside_retained(data, platform="argon"):
    off, size = RETAINED_REGION[platform]
    return data[:HEADER + off] + data[HEADER + off + size:]


def t_flash_retained():
    """A retained counter survives System.reset() and a crash; the start after
    the crash reports PANIC; a crash changes nothing outside the retained
    region; a clean stop is a power-down (the counter starts afresh)."""
    d = tempfile.mkdtemp()
    flash = os.path.join(d, "dev.bin")
    try:
        c = Control("flash-retained", RETAINED, extra=["--flash", flash, "--flash-reset"])
        c.run_until(100000)
        c.cmd(cmd="serial-write", data="r")
        c.run_until(200000)
        c.cmd(cmd="serial-write", data="p")  # +10, System.reset(42)
        c.run_until(300000)
        got = boot_lines(serial_of(c.seen))
        check(got == [("1", "power-on", "7", "0", "0", "set"), ("2", "kept-1", "7", "140", "0", "set"),
                      ("13", "kept-2", "7", "140", "42", "set")], "boots %s" % got)
        before = read(flash)
        c.send(cmd="serial-write", data="c")
        c.send(cmd="run", until=400000)
        rc = c.proc.wait(30)
        check(rc == 3, "the crash exit status is %d" % rc)
        after = read(flash)
        check(len(before) == len(after) and outside_retained(before) == outside_retained(after),
              "the crash changed the flash outside the retained region")
        rc, out, err, ev = run_events("flash-retained", RETAINED, ["--flash", flash, "--for", "100ms"])
        check(rc == 0, "exit %d: %s" % (rc, err))
        check(boot_lines(out) == [("14", "kept-13", "7", "130", "1", "set")], "after the crash: %r" % out)
        check(of_type(ev, "boot")[0]["reason"] == "PANIC", "boot %s" % of_type(ev, "boot"))
        # that run stopped cleanly: power down, backup RAM lost
        rc, out, err, ev = run_events("flash-retained", RETAINED, ["--flash", flash, "--for", "100ms"])
        check(boot_lines(out) == [("1", "power-on", "7", "40", "0", "set")], "after a stop: %r" % out)
        check(of_type(ev, "boot")[0]["reason"] == "POWER_DOWN", "boot %s" % of_type(ev, "boot"))
        # kill -9 is a power loss too
        p = subprocess.Popen([VDEV, "run", RETAINED, "--flash", flash, "--clock", "real"], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env("flash-retained"))
        time.sleep(1.0)
        p.kill()
        p.wait(10)
        rc, out, err, ev = run_events("flash-retained", RETAINED, ["--flash", flash, "--for", "100ms"])
        check(boot_lines(out) == [("1", "power-on", "7", "40", "0", "set")], "after kill -9: %r" % out)
    finally:
        shutil.rmtree(d, ignore_errors=True)


def t_flash_power_cycle():
    """The control command power-cycle: retained memory and the RTC are lost,
    the DCT (WiFi networks) is kept; the new boot reports POWER_DOWN."""
    d = tempfile.mkdtemp()
    flash = os.path.join(d, "dev.bin")
    try:
        c = Control("flash-power", RETAINED, extra=["--flash", flash, "--flash-reset"])
        try:
            c.run_until(100000)
            c.cmd(cmd="serial-write", data="wr")
            c.run_until(200000)
            check(c.cmd(cmd="power-cycle")["ok"], "power-cycle refused")
            # as the coordinator does: the next command waits for the new boot to pause
            c.wait_for(lambda e: e["type"] == "paused")
            c.run_until(300000)
            c.cmd(cmd="serial-write", data="l")
            c.run_until(400000)
        finally:
            check(c.close() == 0, "the device did not stop cleanly")
        text = serial_of(c.seen)
        got = boot_lines(text)
        check(got == [("1", "power-on", "7", "0", "0", "set"), ("2", "kept-1", "7", "140", "0", "set"),
                      ("1", "power-on", "7", "40", "0", "unset")], "boots %s" % got)
        check("networks 2: vdev home-net" in text, "networks after the power cycle: %r" % text)
        r = [e for e in c.seen if e["type"] == "reset"]
        check(r[-1]["reason"] == "POWER_DOWN" and r[-1].get("power_cycle") is True, "reset event %s" % r[-1])
    finally:
        shutil.rmtree(d, ignore_errors=True)


def t_flash_refusals():
    """Truncated, corrupt, other-platform and foreign files are refused with a
    sentence naming the file and --flash-reset, and left as they were; the
    same by `vdev flash show`; --flash-reset starts afresh."""
    d = tempfile.mkdtemp()
    try:
        good = os.path.join(d, "good.bin")
        rc, out, err, ev = run_events("flash-refuse", RETAINED, ["--flash", good, "--for", "10ms"])
        check(rc == 0 and os.path.getsize(good) == 585728, "a new argon file: %d %s" % (rc, err))
        rc, out, err, ev = run_events("flash-refuse", RETAINED, ["--flash", os.path.join(d, "photon.bin"),
                                                                 "--platform", "photon", "--for", "10ms"])
        check(rc == 0, "a new photon file: %d %s" % (rc, err))
        base = read(good)
        cases = {
            "truncated.bin": (base[:-4096], "is truncated"),
            "corrupt.bin": (base[:16] + bytes([base[16] ^ 0x40]) + base[17:], "corrupt header (CRC mismatch)"),
            "foreign.bin": (b"#!/bin/sh\necho not flash\n" * 100, "is not a vdev flash file"),
            "photon.bin": (None, "belongs to a photon"),
        }
        for name, (data, needle) in cases.items():
            path = os.path.join(d, name)
            if data is not None:
                with open(path, "wb") as f:
                    f.write(data)
            before = read(path)
            rc, out, err, ev = run_events("flash-refuse", RETAINED, ["--flash", path, "--for", "10ms"])
            check(rc == 2 and needle in err and path in err and "--flash-reset" in err and not ev,
                  "%s: exit %d, %r" % (name, rc, err))
            check(read(path) == before, "%s was changed" % name)
            if name != "photon.bin":
                rc, out, err = run("flash-refuse", ["flash", "show", path])
                check(rc == 2 and needle in err and read(path) == before, "show %s: %d %r" % (name, rc, err))
        path = os.path.join(d, "corrupt.bin")
        rc, out, err, ev = run_events("flash-refuse", RETAINED, ["--flash", path, "--flash-reset", "--for", "10ms"])
        check(rc == 0 and boot_lines(out)[0][0] == "1" and of_type(ev, "boot")[0]["reason"] == "NONE",
              "--flash-reset: %d %r %s" % (rc, out, err))
        check(os.path.getsize(path) == 585728 and read(path)[:8] == b"vdevNOR\n", "--flash-reset: the new file")
        # one device per file
        p = subprocess.Popen([VDEV, "run", RETAINED, "--flash", good, "--clock", "real"], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env("flash-refuse"))
        try:
            time.sleep(1.0)
            rc, out, err, ev = run_events("flash-refuse", RETAINED, ["--flash", good, "--for", "10ms"])
            check(rc == 2 and "in use by another running device" in err, "a shared file: %d %r" % (rc, err))
        finally:
            p.kill()
            p.wait(10)
    finally:
        shutil.rmtree(d, ignore_errors=True)


def t_flash_wifi_persist():
    """WiFi credentials live in the DCT: two separate runs with the same
    --flash see what the first stored; clearing them lasts too; a scenario
    device with flash: keeps its file between runs."""
    d = tempfile.mkdtemp()
    flash = os.path.join(d, "dev.bin")
    try:
        steps = [("l", "networks 1: vdev"), ("w", "set 1"), ("l", "networks 2: vdev home-net"),
                 ("x", "cleared 1"), ("l", None)]
        for i, (cmd, want) in enumerate(steps):
            args = ["--flash", flash, "--for", "100ms"] + (["--flash-reset"] if i == 0 else [])
            rc, out, err, ev = run_events("flash-wifi", RETAINED, args, stdin=cmd.encode())
            if want is None:  # no credentials left: an AUTOMATIC device starts in listening mode
                check(rc == 0 and of_type(ev, "listen", state="begin", reason="no-credentials"),
                      "run %d: no listening mode without credentials: %d %s" % (i, rc, err))
            else:
                check(rc == 0 and want in out, "run %d (%s): %d %r %s" % (i, cmd, rc, out, err))
        # a scenario's device keeps its flash with flash: (relative to the scenario)
        for name, cmd, want in (("store", "wl", "networks 2: vdev home-net"), ("look", "l", "networks 2: vdev home-net")):
            path = os.path.join(d, name + ".yaml")
            with open(path, "w") as f:
                f.write("devices:\n  - app: %s\n    flash: kept.bin\nsteps:\n  - write-serial: %s\n"
                        "  - wait-serial: \"%s\"\n" % (RETAINED, cmd, want))
            rc, out, err = run("flash-wifi", ["test", path])
            check(rc == 0, "scenario %s: %d %s" % (name, rc, out))
        check(os.path.exists(os.path.join(d, "kept.bin")), "no kept.bin next to the scenario")
    finally:
        shutil.rmtree(d, ignore_errors=True)


def t_flash_show():
    """`vdev flash show`: header, regions, DCT without passwords, retained
    image, the boot note, the firmware slot; the default file's place."""
    rc, image, err = run("flash-show", ["build", RETAINED])
    check(rc == 0, "build: %s" % err)
    default = os.path.join(os.path.dirname(image.strip()), "flash-retained.bin")
    named = os.path.join(os.path.dirname(image.strip()), "flash-unit_7.bin")
    for f in (default, named):
        if os.path.exists(f):
            os.unlink(f)
    rc, out, err, ev = run_events("flash-show", RETAINED, ["--for", "100ms"], stdin=b"w")
    check(rc == 0 and os.path.exists(default), "default flash file %s: %d %s" % (default, rc, err))
    rc, out, err, ev = run_events("flash-show", RETAINED, ["--for", "100ms", "--name", "unit/7"])
    check(rc == 0 and os.path.exists(named), "--name's flash file %s: %d %s" % (named, rc, err))
    rc, out, err, ev = run_events("flash-show", RETAINED, ["--for", "100ms"], stdin=b"c")
    check(rc == 3, "the crash: %d" % rc)
    rc, out, err = run("flash-show", ["flash", "show", default])
    check(rc == 0, "show: %d %s" % (rc, err))
    device_id = of_type(ev, "boot")[0]["device_id"]
    for needle in ("layout version 1, platform argon (12)", "retained 0x00c000      8192",
                   "eeprom   0x004000     32768", "device ID: " + device_id, "setup done: yes",
                   "WiFi networks (passwords not shown): vdev (WPA2), home-net (WPA2)",
                   "retained memory: image of 16 bytes (of 3068), valid",
                   "next fresh start reports: PANIC (data 1)", 'firmware slot: app "retained"', "OTA slot: empty",
                   "EEPROM: bank 0 erased; bank 1 erased"):
        check(needle in out, "%r not in:\n%s" % (needle, out))
    check("secret-pw" not in out and "simulated" not in out, "a password is shown:\n%s" % out)
    rc, out, err = run("flash-show", ["flash", "show"])
    check(rc == 2 and "usage: vdev flash show FILE" in err, "no file: %d %r" % (rc, err))


def t_flash_which_file():
    """The first-run experience: `vdev run examples/eeprom-counter` twice
    counts 1, 2 and says on stderr which default file holds the count, new,
    then kept; a named file is told only when it did not exist."""
    rc, image, err = run("flash-which", ["build", COUNTER])
    check(rc == 0, "build: %s" % err)
    default = os.path.join(os.path.dirname(image.strip()), "flash-eeprom-counter.bin")
    if os.path.exists(default):
        os.unlink(default)
    rc, out, err = run("flash-which", ["run", COUNTER, "--clock", "virtual", "--for", "10ms"])
    check(rc == 0 and out == "boot 1\r\n", "first run: %d %r %r" % (rc, out, err))
    check("vdev: flash file %s (new, erased)" % default in err, "first run's stderr: %r" % err)
    rc, out, err = run("flash-which", ["run", COUNTER, "--clock", "virtual", "--for", "10ms"])
    check(rc == 0 and out == "boot 2\r\n", "second run: %d %r %r" % (rc, out, err))
    check("vdev: flash file %s (kept from the last run; --flash-reset erases it)" % default in err,
          "second run's stderr: %r" % err)
    d = tempfile.mkdtemp()
    try:
        named = os.path.join(d, "dev.bin")
        rc, out, err = run("flash-which", ["run", COUNTER, "--clock", "virtual", "--for", "10ms", "--flash", named])
        check(rc == 0 and out == "boot 1\r\n" and
              "vdev: flash file %s did not exist: starting with a new, erased one" % named in err,
              "a new named file: %d %r %r" % (rc, out, err))
        rc, out, err = run("flash-which", ["run", COUNTER, "--clock", "virtual", "--for", "10ms", "--flash", named])
        check(rc == 0 and out == "boot 2\r\n" and "flash file" not in err, "a kept named file: %d %r %r" % (rc, out, err))
        rc, out, err = run("flash-which", ["run", COUNTER, "--clock", "virtual", "--for", "10ms", "--flash", named,
                                           "--flash-reset"])
        check(rc == 0 and out == "boot 1\r\n" and "flash file" not in err, "--flash-reset: %d %r %r" % (rc, out, err))
    finally:
        shutil.rmtree(d, ignore_errors=True)


def flip(path, offset, mask=0x10):
    with open(path, "r+b") as f:
        f.seek(offset)
        b = f.read(1)[0]
        f.seek(offset)
        f.write(bytes([b ^ mask]))


def t_flash_damage_reported():
    """A damaged DCT or EEPROM in a sound file is never lost silently: the
    newest DCT copy failing its CRC (the device runs on the older one), an
    EEPROM record failing its CRC, an EEPROM bank header: each is a `flash`
    event and a line on stderr naming the file, and `vdev flash show` marks
    it."""
    d = tempfile.mkdtemp()
    try:
        good = os.path.join(d, "good.bin")
        for n in (1, 2):
            rc, out, err, ev = run_events("flash-damage", COUNTER, ["--flash", good, "--for", "10ms"])
            check(rc == 0 and out == "boot %d\r\n" % n, "run %d: %d %r %s" % (n, rc, out, err))
        base = read(good)
        dct = HEADER  # the DCT region; copies at 0 and 8192 (Argon)
        seqs = [int.from_bytes(base[dct + c * 8192 + 4:dct + c * 8192 + 8], "little") for c in (0, 1)]
        cur = 0 if seqs[0] > seqs[1] else 1
        eeprom = HEADER + 0x4000  # bank 0: the counter's record is the first after the 32-byte header
        cases = [
            ("dct", dct + cur * 8192 + 32 + 1100, "dct-damaged", "damaged DCT: DCT copy %d" % cur, "DAMAGED"),
            ("record", eeprom + 32 + 8, "eeprom-garbage", "damaged EEPROM (bank 0): a committed record fails its CRC",
             "DAMAGED: the record at offset 32 fails its CRC"),
            ("bank", eeprom + 4, "eeprom-garbage", "damaged EEPROM (bank 0): the bank header",
             "bank 0 unreadable"),
        ]
        for name, offset, op, needle, shown in cases:
            path = os.path.join(d, name + ".bin")
            with open(path, "wb") as f:
                f.write(base)
            flip(path, offset)
            rc, out, err = run("flash-damage", ["flash", "show", path])
            check(rc == 0 and shown in out, "%s: show: %d %r" % (name, rc, out))
            rc, out, err, ev = run_events("flash-damage", COUNTER, ["--flash", path, "--for", "10ms"])
            check(rc == 0, "%s: exit %d %s" % (name, rc, err))
            check(len(of_type(ev, "flash", op=op)) == 1, "%s: flash events %s" % (name, of_type(ev, "flash")))
            check(("vdev: flash file %s: " % path) + needle in err, "%s: stderr %r" % (name, err))
            if name != "dct":  # the counter's record is lost: the EEPROM counts afresh
                check(out == "boot 1\r\n", "%s: %r" % (name, out))
        # an undamaged file says nothing of the kind
        rc, out, err, ev = run_events("flash-damage", COUNTER, ["--flash", good, "--for", "10ms"])
        check(rc == 0 and out == "boot 3\r\n" and "damaged" not in err and not of_type(ev, "flash"),
              "the good file: %d %r %r" % (rc, out, err))
    finally:
        shutil.rmtree(d, ignore_errors=True)
