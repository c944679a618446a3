#!/usr/bin/env python3
"""End-to-end tests: example and test apps built and run through `vdev`,
checked by their events, Serial output and exit codes."""
import json
import os
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import tty

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from vdevtest import VDEV, Control, app, check, env, main, of_type, run, run_events  # noqa: E402


def t_blink():
    rc, out, err, ev = run_events("blink", app("examples/blink"), ["--for", "10s"])
    check(rc == 0, "exit %d: %s" % (rc, err))
    d7 = [e for e in of_type(ev, "pin", pin="D7")]
    # pinMode shows the latch (0), then on at 0 s, off at 1 s, ... off at 9 s
    check([e["t"] for e in d7[1:]] == [i * 1000000 for i in range(10)], "D7 times %s" % [e["t"] for e in d7])
    check([e["value"] for e in d7[1:]] == [1, 0] * 5, "D7 values %s" % [e["value"] for e in d7])
    check(ev[0]["type"] == "boot" and ev[0]["platform"] == "argon", "first event %s" % ev[0])
    check(ev[-1]["type"] == "stop" and ev[-1]["t"] == 10000000, "last event %s" % ev[-1])


def t_blink_platforms():
    for platform in ("boron", "photon"):
        rc, out, err, ev = run_events("blink-" + platform, app("examples/blink"), ["--for", "3s", "--platform", platform])
        check(rc == 0, "%s: exit %d: %s" % (platform, rc, err))
        check(ev[0]["platform"] == platform, "%s boot %s" % (platform, ev[0]))
        check(len(of_type(ev, "pin", pin="D7")) == 4, "%s: D7 events %s" % (platform, of_type(ev, "pin")))


def t_button():
    c = Control("button", app("examples/button"))
    try:
        c.run_until(100000)
        check(any(e["type"] == "serial" and "ready" in e.get("data", "") for e in c.seen), "no ready")
        check(c.cmd(cmd="set-pin", pin="D2", value=0)["ok"], "set-pin refused")
        c.run_until(200000)
        check(c.cmd(cmd="get-pin", pin="D7")["value"] == 1, "D7 not on after a press")
        c.cmd(cmd="set-pin", pin="D2", value=1)
        c.run_until(300000)
        check(c.cmd(cmd="get-pin", pin="D7")["value"] == 1, "D7 changed on release")
        c.cmd(cmd="set-pin", pin="D2", value=0)
        c.run_until(400000)
        check(c.cmd(cmd="get-pin", pin="D7")["value"] == 0, "D7 not off after a second press")
        r = c.cmd(cmd="set-pin", pin="D99", value=1)
        check(not r["ok"] and "unknown pin" in r["error"], "bad pin accepted: %s" % r)
        r = c.cmd(cmd="frobnicate")
        check(not r["ok"], "unknown command accepted")
    finally:
        check(c.close() == 0, "device did not stop cleanly")
    with open(c.events_path) as f:
        text = f.read()
    check('"type":"input","pin":"D2","value":0' in text, "input events missing from the event file")


def t_serial_echo():
    rc, out, err, ev = run_events("serial-echo", app("examples/serial-echo"), ["--for", "1s"], stdin=b"hello\nworld\n")
    check(rc == 0, "exit %d: %s" % (rc, err))
    check(out == "ready\r\n1: HELLO\r\n2: WORLD\r\n", "stdout %r" % out)
    data = "".join(e.get("data", "") for e in of_type(ev, "serial", port="Serial"))
    check(data == out, "serial events %r" % data)
    c = Control("serial-echo-ctl", app("examples/serial-echo"))
    try:
        c.run_until(10000)
        c.cmd(cmd="serial-write", port="Serial", data="abc\n")
        c.run_until(50000)
        check(any(e["type"] == "serial" and e.get("data") == "1: ABC\r\n" for e in c.seen), "no echo via control")
    finally:
        c.close()


def t_threads_timer():
    rc, out, err, ev = run_events("threads-timer", app("examples/threads-timer"), ["--for", "3.1s"])
    check(rc == 0, "exit %d: %s" % (rc, err))
    check("worker: second 1, 4 timer ticks" in out and "worker: second 3, 12 timer ticks" in out, "stdout %r" % out)
    times = [e["t"] for e in of_type(ev, "pin", pin="D7")][1:]
    check(times[:4] == [250000, 500000, 750000, 1000000], "timer toggles at %s" % times[:4])


def t_logging():
    c = Control("logging", app("examples/logging"))
    try:
        c.run_until(1000000)
        c.cmd(cmd="set-analog", pin="A0", value=3500)
        c.run_until(3000000)
    finally:
        c.close()
    lines = "".join(e.get("data", "") for e in c.seen if e["type"] == "serial")
    check("0000000000 [app] INFO: logging example, Device OS 1.4.0\r\n" in lines, "log lines %r" % lines)
    check("[app.sensor] TRACE: raw sensor reading 3500\r\n" in lines, "trace line missing %r" % lines)
    check("0000002000 [app] WARN: sensor high: 3500\r\n" in lines, "warn line missing %r" % lines)
    check("ERROR: with attributes [code = 42, details = example]\r\n" in lines, "attributes %r" % lines)
    logs = [e for e in c.seen if e["type"] == "log"]
    check(any(e["level"] == "WARN" and e["category"] == "app" and e["message"] == "sensor high: 3500" for e in logs),
          "log events %s" % logs)


def t_determinism():
    results = []
    for i in range(2):
        rc, out, err, ev = run_events("determinism", app("examples/threads-timer"),
                                      ["--for", "5s", "--seed", "7", "--flash-reset"])
        check(rc == 0, "exit %d" % rc)
        results.append(ev)
    check(results[0] == results[1], "two runs with the same seed differ")
    outs = set()
    for seed in ("1", "1", "2"):
        rc, out, err, ev = run_events("random", app("tests/apps/random"), ["--for", "10ms", "--seed", seed])
        outs.add(out)
    check(len(outs) == 2, "seeds 1,1,2 gave %s" % outs)


def t_busywait():
    rc, out, err, ev = run_events("busywait", app("tests/apps/busywait"), ["--for", "3s"])
    check(rc == 0, "exit %d: %s" % (rc, err))
    ticks = [int(line.split()[1]) for line in out.split("\r\n") if line.startswith("tick")]
    check(len(ticks) == 3 and ticks[0] == 750, "ticks %s" % ticks)
    for a, b in zip(ticks, ticks[1:]):
        check(749 <= b - a <= 752, "tick spacing %s" % ticks)


def t_crash():
    rc, out, err, ev = run_events("crash", app("tests/apps/crash"), ["--for", "5s"])
    check(rc == 3, "exit code %d (expected 3)" % rc)
    p = of_type(ev, "panic")
    check(len(p) == 1 and p[0]["t"] == 1000000, "panic events %s" % p)
    check("crashHere" in p[0]["backtrace"] and "SIGSEGV" in err, "report: %s" % err)
    check("crashHere" in err and "crash.cpp" in err, "report lacks the function or file: %s" % err)


def t_assert():
    rc, out, err, ev = run_events("assert", app("tests/apps/assert"), ["--for", "5s"])
    check(rc == 3, "exit code %d (expected 3)" % rc)
    p = of_type(ev, "panic")
    check(len(p) == 1 and p[0]["t"] == 250000 and p[0]["code"] == 10 and p[0]["thread"] == "checker", "panic %s" % p)
    check("SIGABRT" in err and "checkLimits" in err and "Assertion" in err, "report: %s" % err)


def t_panic_api():
    """SPARK_ASSERT(), PANIC() and panic_() (reachable through Particle.h on
    Device OS; they did not compile): SOS with the panic code, a `panic` event
    with the message, PANIC() logged at the PANIC level, exit 3; the next start
    reports RESET_REASON_PANIC (130) with the code and kept retained memory."""
    d = tempfile.mkdtemp()
    try:
        flash = os.path.join(d, "dev.bin")
        rc, out, err, ev = run_events("panic", app("tests/apps/panic"), ["--flash", flash, "--for", "10ms"])
        check(rc == 0 and "start 1 reason 0 data 0" in out, "first start: %d %r %s" % (rc, out, err))
        for cmd, code, message in (("a", 10, "AssertionFailure readings > 0"), ("p", 11, "state 7 is not handled"),
                                   ("o", 8, "OutOfHeap")):
            # a fresh start (start 1: a clean stop lost backup RAM), then the panic
            rc, out, err, ev = run_events("panic", app("tests/apps/panic"), ["--flash", flash, "--for", "1s"],
                                          stdin=cmd.encode())
            check(rc == 3, "%s: exit %d %s" % (cmd, rc, err))
            p = of_type(ev, "panic")
            check(len(p) == 1 and p[0]["code"] == code and p[0]["message"] == message, "%s: panic %s" % (cmd, p))
            sos = of_type(ev, "led", pattern="sos")
            check(sos and sos[-1]["code"] == code, "%s: led %s" % (cmd, of_type(ev, "led")[-2:]))
            check("vdev: PANIC %d: %s" % (code, message) in err, "%s: stderr %r" % (cmd, err))
            logs = of_type(ev, "log", level="PANIC")
            check((cmd == "o") == (not logs) and all(l["message"] == message for l in logs), "%s: logs %s" % (cmd, logs))
            rc, out, err, ev = run_events("panic", app("tests/apps/panic"), ["--flash", flash, "--for", "10ms"])
            want = "start 2 reason 130 data %d" % code  # backup RAM kept through the panic
            check(rc == 0 and want in out, "%s: after the panic %r (want %r)" % (cmd, out, want))
    finally:
        shutil.rmtree(d, ignore_errors=True)


def t_bad_input():
    rc, out, err = run("bad", ["run", app("tests/apps/does-not-exist")])
    check(rc == 2 and "no such app" in err, "missing app: %d %s" % (rc, err))
    rc, out, err = run("bad", ["run", app("tests/apps/nosetup"), "--clock", "virtual", "--for", "1s"])
    check(rc == 2 and "no setup()" in err, "missing setup: %d %s" % (rc, err))
    rc, out, err = run("bad", ["build", app("tests/apps/compile-error")])
    check(rc == 2 and "compile-error.ino:3" in err and "undefinedThing" in err, "compile error: %d %s" % (rc, err))
    rc, out, err = run("bad", ["run", app("examples/blink"), "--clock", "sometimes"])
    check(rc == 2 and "--clock" in err, "bad flag: %d %s" % (rc, err))
    rc, out, err = run("bad", ["run", app("examples/blink"), "--for", "ten"])
    check(rc == 2 and "--for" in err, "bad duration: %d %s" % (rc, err))
    rc, out, err = run("bad", ["run", app("examples/blink"), "--bogus"])
    check(rc == 2 and "unknown option" in err, "unknown flag: %d %s" % (rc, err))
    rc, out, err = run("bad", ["frob"])
    check(rc == 2, "unknown command: %d" % rc)
    rc, out, err, ev = run_events("badpin", app("tests/apps/badpin"), ["--for", "10ms"])
    check(rc == 0, "bad pins crashed: %d %s" % (rc, err))
    check("read 0 analog 0" in out, "stdout %r" % out)
    w = of_type(ev, "warning")
    check(any(e.get("pin") == 99 and e["what"] == "digitalWrite" for e in w), "warnings %s" % w)
    check(len([e for e in w if e.get("pin") == 99 and e["what"] == "digitalWrite"]) == 1, "warned twice")
    check(of_type(ev, "pin", pin="D7", value=1), "later calls still work")


def t_reset():
    rc, out, err, ev = run_events("reset", app("tests/apps/reset"), ["--for", "2s", "--flash-reset"])
    check(rc == 0, "exit %d: %s" % (rc, err))
    check("boot reason 0 millis 0" in out and "boot reason 140 millis 0" in out, "stdout %r" % out)
    check("after reset: data 7" in out, "reset data %r" % out)
    boots = of_type(ev, "boot")
    check(len(boots) == 2 and boots[1]["boot"] == 1 and boots[1]["reason"] == "USER", "boots %s" % boots)
    r = of_type(ev, "reset")
    check(len(r) == 1 and r[0]["t"] == 500000 and boots[1]["t"] == 500000, "reset %s boots %s" % (r, boots))
    check(ev[-1]["type"] == "stop" and ev[-1]["t"] == 2000000, "stop %s" % ev[-1])
    check("time 1568073600" in out, "virtual RTC after the reset: %r" % out)
    # real time: the RTC keeps following the host clock through the reset
    rc, out, err = run("reset", ["run", app("tests/apps/reset"), "--for", "1s"])
    host = int(time.time())
    rtc = [int(line.split()[1]) for line in out.split("\r\n") if line.startswith("time ")]
    check(rc == 0 and len(rtc) == 1 and abs(rtc[0] - host) <= 2, "real RTC %s vs host %d" % (rtc, host))


def t_threads():
    rc, out, err, ev = run_events("threads", app("tests/apps/threads"), ["--for", "2s"])
    check(rc == 0, "exit %d: %s" % (rc, err))
    expect = ["got 1 at 100", "got 2 at 200", "one-shot at 300", "got 3 at 300", "semaphore 0 at 300",
              "empty queue take 1 at 350", "recursive lock ok", "one-shot fired 1 time(s)", "single threaded"]
    got = [line for line in out.split("\r\n") if line]
    check(got == expect, "trace %s" % got)


def t_project():
    rc, out, err, ev = run_events("project", app("tests/apps/project"), ["--for", "10ms"])
    check(rc == 0, "exit %d: %s" % (rc, err))
    check(out == "hello, vdev\r\nprototype ok\r\n", "stdout %r" % out)
    rc, out, err = run("project", ["build", app("tests/apps/project")])
    check(rc == 0 and "greeter-app-" in out, "image path %r" % out)


def t_platform_pins():
    rc, out, err, ev = run_events("pins-photon", app("tests/apps/photon-analog"), ["--for", "10ms", "--platform", "photon"])
    check(rc == 0 and "A0=10 D7=7" in out, "photon: %r %s" % (out, err))
    rc, out, err, ev = run_events("pins-argon", app("tests/apps/photon-analog"), ["--for", "10ms"])
    check(rc == 0 and "A0=19 D7=7" in out, "argon: %r" % out)


def t_control_lockstep():
    c = Control("lockstep", app("examples/blink"))
    try:
        check(c.cmd(cmd="status")["platform"] == "argon", "status")
        c.run_until(2500000)
        pins = [e for e in c.seen if e["type"] == "pin" and e["pin"] == "D7"]
        check([e["t"] for e in pins] == [0, 0, 1000000, 2000000], "pins in lockstep %s" % pins)
        check(all(e["t"] <= 2500000 for e in c.seen), "time ran past the grant")
        r = c.cmd(cmd="run")
        check(not r["ok"], "run without a time accepted")
    finally:
        check(c.close() == 0, "stop")


def t_serial1():
    # virtual time, through the control channel: the pty must not echo the app's output back
    c = Control("serial1", app("tests/apps/serial1"))
    try:
        c.run_until(50000)
        c.cmd(cmd="serial-write", port="Serial1", data="abc")
        c.run_until(100000)
    finally:
        c.close()
    out = "".join(e.get("data", "") for e in c.seen if e["type"] == "serial" and e["port"] == "Serial1")
    check(out == "hello from Serial1\r\nABC", "Serial1 output %r" % out)
    ins = [e for e in c.seen if e["type"] == "serial-in"]
    check(len(ins) == 1 and ins[0]["data"] == "abc", "serial-in %s (echo of the app's output?)" % ins)
    ports = [e for e in c.seen if e["type"] == "serial-port"]
    check(ports == [], "a pty in virtual time: %s" % ports)
    tones = [e for e in c.seen if e["type"] == "tone"]
    check(tones and tones[0]["pin"] == "D2" and tones[0]["frequency"] == 440, "tone %s" % tones)
    logs = [e for e in c.seen if e["type"] == "log"]
    check(logs and logs[0].get("code") == 7 and logs[0].get("details") == "why", "log attributes %s" % logs)
    # real time, through the pty itself
    p = subprocess.Popen([VDEV, "run", app("tests/apps/serial1"), "--for", "3s"], stdin=subprocess.DEVNULL,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env("serial1"))
    line = p.stderr.readline().decode()
    while line.startswith("vdev: flash file "):  # the default flash file, told at a fresh start
        line = p.stderr.readline().decode()
    check(line.startswith("vdev: Serial1 is /dev/pts/"), "no pty path: %r" % line)
    fd = os.open(line.split()[-1], os.O_RDWR | os.O_NOCTTY)
    try:
        tty.setraw(fd)
        os.write(fd, b"xyz")
        got = b""
        end = time.time() + 2.5
        while b"XYZ" not in got and time.time() < end:
            r, _, _ = select.select([fd], [], [], 0.2)
            if r:
                got += os.read(fd, 100)
    finally:
        os.close(fd)
    p.wait(10)
    check(b"XYZ" in got, "pty echo %r" % got)


def t_binary_stdin():
    rc, out, err, ev = run_events("binary", app("examples/serial-echo"), ["--for", "10ms"], stdin=b"\xff\x00ok")
    ins = of_type(ev, "serial-in")
    check(rc == 0 and len(ins) == 1 and ins[0].get("hex") == "ff006f6b" and ins[0]["port"] == "Serial",
          "serial-in %s" % ins)


def t_signal():
    with tempfile.TemporaryDirectory() as d:
        evp = os.path.join(d, "e.jsonl")
        p = subprocess.Popen([VDEV, "run", app("examples/blink"), "--events", evp, "--trace"],
                             stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env("signal"))
        seen = b""
        end = time.time() + 30
        while time.time() < end and b" pin " not in seen and p.poll() is None:
            r, _, _ = select.select([p.stderr], [], [], 0.2)
            if r:
                seen += os.read(p.stderr.fileno(), 4096)
        time.sleep(0.3)
        p.send_signal(signal.SIGINT)
        rc = p.wait(10)
        with open(evp) as f:
            lines = f.read().splitlines()
    check(rc == 130, "exit %d after SIGINT" % rc)
    last = json.loads(lines[-1])
    check(last["type"] == "stop" and last["reason"] == "signal" and last["signal"] == "INT", "last event %s" % last)


def t_lockstep_reset():
    c = Control("lockstep-reset", app("tests/apps/reset"))
    try:
        c2 = c.connect_another()
        check(c2.cmd(cmd="status")["ok"], "second client")
        c.run_until(1000000)  # the app resets itself at 0.5 s, inside this grant
        boots = [e for e in c.seen if e["type"] == "boot"]
        check(len(boots) == 2 and boots[1]["boot"] == 1 and boots[1]["t"] == 500000, "boots %s" % boots)
        check(c.seen[-1]["type"] == "paused" and c.seen[-1]["t"] == 1000000, "paused %s" % c.seen[-1])
        check(c2.cmd(cmd="status")["granted"] == 1000000, "second client lost, or grant changed")
        r = c.cmd(cmd="run", until=900000)
        check(not r["ok"] and r["granted"] == 1000000, "a past grant accepted: %s" % r)
    finally:
        check(c.close() == 0, "stop")
    c = Control("free-run", app("examples/blink"), extra=["--clock", "real", "--for", "20s"], lockstep=False)
    r = c.cmd(cmd="run", until=5000000)
    check(not r["ok"] and "lockstep" in r["error"], "run without lockstep: %s" % r)
    check(c.cmd(cmd="status")["granted"] is None, "status granted")
    c.close()


def t_api_coverage():
    rc, out, err, ev = run_events("api-coverage", app("tests/apps/api-coverage"), ["--for", "2s"])
    check(rc == 0, "exit %d: %s" % (rc, err))
    expect = ["publish 0 i2c 2 got 0 spi ff", "string 42-x3.14 ff max 3 constrain 255 map 127",
              "version 1.4.0 010400ff id 24", "time 2019-09-09T19:00:00-05:00", "bits 1 52 18", "1.500 0",
              "0000000000 [app.cov] TRACE: trace shown 1", "0000000000 [app] WARN: macro warn",
              "waited 0 at 200", "timer ticks 12"]
    got = [line for line in out.split("\r\n") if line]
    check(got == expect, "output %s" % got)
    cloud = [(e["op"], e.get("name")) for e in of_type(ev, "cloud")]
    check(("variable", "counter") in cloud and ("function", "lambda") in cloud and ("publish", "hello") in cloud
          and ("subscribe", None) in cloud, "cloud events %s" % cloud)
    check(of_type(ev, "i2c", op="write", address=0x48, data="01", ack=False), "i2c events %s" % of_type(ev, "i2c"))
    check(of_type(ev, "spi", tx="9f", length=1), "spi events %s" % of_type(ev, "spi"))
    check(of_type(ev, "system", mode="SEMI_AUTOMATIC", threaded=True), "system event")


def t_scenarios():
    with tempfile.TemporaryDirectory() as d:
        junit = os.path.join(d, "junit.xml")
        rc, out, err = run("scenarios", ["test", app("tests/scenarios"), "-j", "2", "--junit", junit], timeout=300)
        check(rc == 0, "exit %d: %s %s" % (rc, out[-3000:], err))
        with open(junit) as f:
            xml = f.read()
    n = len([f for f in os.listdir(app("tests/scenarios")) if f.endswith(".yaml")])
    check(xml.count("<testsuite ") == n and 'failures="0"' in xml, "junit: %s" % xml[:500])
    check('name="waits_for_a_timer"' in xml and 'classname="unit-pass.dut"' in xml, "on-device cases: %s" % xml)
    check("%d scenario(s): %d passed, 0 failed" % (n, n) in out, "summary: %s" % out[-500:])


def t_scenarios_fail():
    cases = {
        "wrong-pin.yaml": ["FAIL  expect-pin", "wrong-pin.yaml:9:5", "expected: D7 to be 0", "seen:     D7 is 1",
                           "events of button:"],
        "timeout.yaml": ["FAIL  wait-serial", "timeout.yaml:7:5", 'expected: Serial to show "never printed"',
                         "t=2.000000 s"],
        "crash.yaml": ["FAIL  delay", "device crash crashed (panic code 1", "crashHere"],
        "unit-tests.yaml": ["FAIL  run-tests", "Test summary: 5 passed, 4 failed, and 2 skipped"],
        "ble-wrong-value.yaml": ["FAIL  ble-read", "ble-wrong-value.yaml:10:5", "expected: value 4e", "seen:     4d"],
    }
    for name, needles in cases.items():
        with tempfile.TemporaryDirectory() as d:
            junit = os.path.join(d, "junit.xml")
            rc, out, err = run("scenarios-fail", ["test", app("tests/scenarios-fail/" + name), "--junit", junit])
            check(rc == 1, "%s: exit %d (expected 1): %s" % (name, rc, err))
            for needle in needles:
                check(needle in out, "%s: %r not in output:\n%s" % (name, needle, out))
            with open(junit) as f:
                xml = f.read()
            check("<failure message=" in xml, "%s: junit has no failure" % name)
            if name == "unit-tests.yaml":
                check('name="b_int_mismatch"' in xml and "Assertion failed: (answer=41) == (42=42)" in xml
                      and 'name="f_skipped"' in xml and "<skipped/>" in xml, "on-device cases: %s" % xml)


def t_scenarios_bad():
    bad = app("tests/scenarios-bad")
    expect = {
        "unknown-key.yaml": "unknown-key.yaml:4:5: unknown key 'colour'",
        "bad-duration.yaml": "bad-duration.yaml:6:12: bad duration 'soon'",
        "unknown-pin.yaml": "unknown-pin.yaml:6:23: unknown pin 'D12' on photon",
        "missing-app.yaml": "missing-app.yaml:3:10: no such app: ../apps/nowhere",
        "unknown-step.yaml": "unknown-step.yaml:5:5: unknown step 'sleep'",
        "needs-device.yaml": "needs-device.yaml:8:5: this step needs device:",
        "syntax.yaml": "syntax.yaml:2:",
    }
    check(sorted(expect) == sorted(os.listdir(bad)), "files %s" % os.listdir(bad))
    for name, needle in expect.items():
        rc, out, err = run("scenarios-bad", ["test", os.path.join(bad, name)])
        check(rc == 2 and needle in err and "nothing was run" in err, "%s: exit %d, %r" % (name, rc, err))
    # one bad file stops a whole run before anything starts
    rc, out, err = run("scenarios-bad", ["test", app("tests/scenarios/blink.yaml"), os.path.join(bad, "syntax.yaml")])
    check(rc == 2 and "scenario:" not in out, "a mixed run started: %d %r" % (rc, out))
    rc, out, err = run("scenarios-bad", ["test", "-j", "0", app("tests/scenarios")])
    check(rc == 2 and "-j" in err, "bad -j: %d %s" % (rc, err))


def t_scenario_determinism():
    runs = []
    for i in range(2):
        with tempfile.TemporaryDirectory() as d:
            junit, events, vcd = os.path.join(d, "j.xml"), os.path.join(d, "events"), os.path.join(d, "p.vcd")
            rc, out, err = run("scen-det", ["test", app("tests/scenarios/pingpong.yaml"),
                                            app("tests/scenarios/threads-timer.yaml"), "-j", "2", "--junit", junit,
                                            "--events", events, "--vcd", vcd])
            check(rc == 0, "exit %d: %s" % (rc, out))
            files = {}
            for name in sorted(os.listdir(events)):
                with open(os.path.join(events, name), "rb") as f:
                    files[name] = f.read()
            for name in sorted(os.listdir(d)):
                if name.endswith(".vcd") or name == "j.xml":
                    with open(os.path.join(d, name), "rb") as f:
                        files[name] = f.read()
            runs.append(files)
    check(sorted(runs[0]) == ["j.xml", "p-pingpong.vcd", "p-threads-timer.vcd", "pingpong.left.jsonl",
                              "pingpong.right.jsonl", "threads-timer.threads-timer.jsonl"], "files %s" % sorted(runs[0]))
    for name in runs[0]:
        check(runs[0][name] == runs[1][name], "%s differs between two runs" % name)
    check(b"$var wire 1" in runs[0]["p-threads-timer.vcd"] and b"#250000" in runs[0]["p-threads-timer.vcd"], "vcd")


def multi_run(name, apps, ready, line, done, timeout=30):
    """`vdev run A B...` in real time: once `ready` shows on stdout, type
    `line`; read until done(out) or the timeout, then stop with SIGINT.
    Returns (exit code, stdout bytes)."""
    p = subprocess.Popen([VDEV, "run"] + [app(a) for a in apps], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, env=env(name))
    out = b""
    try:
        end = time.time() + timeout
        sent = False
        while time.time() < end and not done(out):
            r, _, _ = select.select([p.stdout], [], [], 0.2)
            if r:
                out += os.read(p.stdout.fileno(), 4096)
            if ready in out and not sent:
                p.stdin.write(line)
                p.stdin.flush()
                sent = True
    finally:
        p.send_signal(signal.SIGINT)
        rc = p.wait(20)
    return rc, out


def t_multi_run():
    rc, out = multi_run("multi", ["examples/serial-echo", "examples/logging"], b"[serial-echo] ready",
                        b"@serial-echo hello\n", lambda o: b"[serial-echo] 1: HELLO" in o and b"[logging]" in o)
    check(b"[serial-echo] ready" in out and b"[serial-echo] 1: HELLO" in out, "output %r" % out)
    check(b"[logging] 00000" in out and b"INFO: logging example" in out, "logging output %r" % out)
    check(rc == 0, "exit %d" % rc)


def t_multi_run_for():
    """`vdev run A B --for D` stops them all after D (it was ignored: the
    devices ran until killed)."""
    start = time.time()
    p = subprocess.run([VDEV, "run", app("examples/blink"), app("examples/eeprom-counter"), "--for", "1500ms"],
                       stdin=subprocess.DEVNULL, capture_output=True, timeout=60, env=env("multi-for"))
    took = time.time() - start
    check(p.returncode == 0, "exit %d: %s" % (p.returncode, p.stderr.decode()))
    check(b"[eeprom-counter] boot " in p.stdout, "output %r" % p.stdout)
    check(took < 20, "took %.1f s" % took)


# ---- BLE ---------------------------------------------------------------------

def t_ble_btsnoop():
    """--btsnoop: the device's radio traffic as HCI packets that btmon decodes,
    advertising, the connection, ATT both ways, the disconnection; after a
    reset the capture goes on in the same file."""
    if not shutil.which("btmon"):
        print("btmon not installed: skipped")
        sys.exit(77)
    with tempfile.TemporaryDirectory() as d:
        rc, out, err = run("ble-btsnoop", ["test", app("tests/scenarios/ble-phone.yaml"), "--btsnoop", d])
        check(rc == 0, "exit %d: %s %s" % (rc, out, err))
        cap = os.path.join(d, "ble-phone.server.btsnoop")
        p = subprocess.run(["btmon", "-r", cap], capture_output=True, text=True, timeout=30)
        for needle in ["LE Set Advertising Parameters", "LE Set Advertising Data", "LE Set Advertise Enable",
                       "LE Connection Complete", "ATT: Exchange MTU Request", "ATT: Read By Group Type Request",
                       "ATT: Read Response", "ATT: Write Request", "ATT: Write Command",
                       "ATT: Handle Value Notification", "ATT: Handle Value Indication",
                       "ATT: Handle Value Confirmation", "Disconnect Complete"]:
            check(needle in p.stdout, "btmon shows no %r:\n%s" % (needle, p.stdout[-3000:]))
        check("malformed" not in p.stdout.lower() and "invalid" not in p.stdout.lower(), "btmon: %s" % p.stdout[-2000:])
        # across a reset: one file, two boots' worth of advertising
        scen = os.path.join(d, "reset.yaml")
        with open(scen, "w") as f:
            f.write("devices:\n  - name: server\n    app: %s\nsteps:\n  - wait-serial: \"advertise 0\"\n"
                    "  - reset: server\n  - wait-serial: \"advertise 0\"\n" % app("tests/apps/ble-gatt-server"))
        rc, out, err = run("ble-btsnoop-reset", ["test", scen, "--btsnoop", d])
        check(rc == 0, "reset scenario: exit %d: %s %s" % (rc, out, err))
        p = subprocess.run(["btmon", "-r", os.path.join(d, "reset.server.btsnoop")], capture_output=True, text=True,
                           timeout=30)
        check(p.stdout.count("LE Set Advertise Enable") >= 2, "after a reset: %s" % p.stdout[-2000:])


def t_ble_radio_refused():
    """--ble with an adapter: one clear message at start, never a hang."""
    gs = app("tests/apps/ble-gatt-server")
    rc, out, err = run("ble-bluez", ["run", gs, "--ble", "hci0", "--for", "1s"], timeout=30)
    check(rc == 2, "exit %d (expected 2): %s" % (rc, err))
    lines = [l for l in err.splitlines() if l.strip() and not l.startswith("vdev: building")]
    check(len(lines) == 1 and "Bluetooth" in lines[0] or "adapter" in err, "message: %r" % err)
    rc, out, err = run("ble-bluez-virt", ["run", gs, "--ble", "hci0", "--clock", "virtual", "--for", "1s"])
    check(rc == 2 and "real clock" in err, "virtual: exit %d %r" % (rc, err))
    rc, out, err = run("ble-bluez-photon", ["run", app("examples/blink"), "--platform", "photon", "--ble", "hci0"])
    check(rc == 2 and "no BLE radio" in err, "photon: exit %d %r" % (rc, err))


def t_fix_ble_cccd_1901():
    """1.4.0 #1901: automatic subscription writes CCCD 0x0001 (NOTIFY only),
    0x0002 (INDICATE only) and 0x0003 (NOTIFY|INDICATE), each before any data
    flows; the scenario also checks an indication reaches the central."""
    with tempfile.TemporaryDirectory() as d:
        rc, out, err = run("ble-cccd", ["test", app("tests/scenarios/ble-cccd-1901.yaml"), "--events", d])
        check(rc == 0, "exit %d: %s" % (rc, out))
        with open(os.path.join(d, "ble-cccd-1901.server.jsonl")) as f:
            ev = [json.loads(l) for l in f]
    writes = [e["pdu"] for e in ev if e["type"] == "ble-att" and e["dir"] == "rx" and e["pdu"].startswith("12")
              and len(e["pdu"]) == 10]
    values = sorted(w[6:] for w in writes)
    check(values == ["0100", "0200", "0300"], "CCCD writes %s" % writes)
    handles = {w[2:6] for w in writes}
    check(len(handles) == 3, "three CCCDs: %s" % writes)
    first_data = next(i for i, e in enumerate(ev) if e["type"] == "ble-att" and e["dir"] == "tx"
                      and e["pdu"][:2] in ("1b", "1d"))
    last_cccd = max(i for i, e in enumerate(ev) if e["type"] == "ble-att" and e.get("pdu") in writes)
    check(last_cccd < first_data, "data before the subscriptions were written")


def t_ble_multi_run():
    """`vdev run A B` in real time shares the air: the UART pair connects and
    text typed for the central comes out of the peripheral."""
    rc, out = multi_run("ble-multi", ["examples/ble-uart-peripheral", "examples/ble-uart-central"],
                        b"[ble-uart-central] connected to", b"@ble-uart-central hello over the air\n",
                        lambda o: b"[ble-uart-peripheral] hello over the air" in o, timeout=60)
    check(b"[ble-uart-peripheral] central connected" in out, "output %r" % out)
    check(b"[ble-uart-peripheral] hello over the air" in out, "output %r" % out)
    check(rc == 0, "exit %d" % rc)


def t_ble_determinism():
    """Two runs of the BLE scenarios give the same events, byte for byte."""
    runs = []
    for i in range(2):
        with tempfile.TemporaryDirectory() as d:
            events = os.path.join(d, "events")
            rc, out, err = run("ble-det", ["test", app("tests/scenarios/ble-phone.yaml"),
                                           app("tests/scenarios/ble-hostile.yaml"), "--events", events])
            check(rc == 0, "exit %d: %s" % (rc, out))
            files = {}
            for name in sorted(os.listdir(events)):
                with open(os.path.join(events, name), "rb") as f:
                    files[name] = f.read()
            runs.append(files)
    check(len(runs[0]) == 2, "files %s" % sorted(runs[0]))
    for name in runs[0]:
        check(runs[0][name] == runs[1][name], "%s differs between two runs" % name)
        check(b'"type":"ble-att"' in runs[0][name], "%s has no ATT traffic" % name)


# ---- network: examples, Device OS 1.4.0 fixes, bad input ----------------------
# Every server is started here, on 127.0.0.1 (netservers.py), and stopped at
# the end; apps reach it by address or through a hosts table. Names that must
# not resolve end in .invalid, are not in any table, and are only looked up in
# virtual time (where the host's resolver is never asked).
import re  # noqa: E402
import socket  # noqa: E402

import netservers  # noqa: E402


def lines_of(out):
    return [line for line in out.split("\r\n") if line]


def wait_until(pred, timeout=5):
    """pred() within timeout seconds (the test's servers run in threads)."""
    end = time.time() + timeout
    while not pred() and time.time() < end:
        time.sleep(0.02)
    return pred()


def t_http_get():
    body = b"hello from the e2e test's server\n"
    with tempfile.TemporaryDirectory() as d, netservers.TcpServer(netservers.http_handler(body)) as srv:
        hosts = netservers.hosts_file(d, "127.0.0.1 api.vdev.test\n")
        # real time: the app polls the connection with delay(1), and in virtual
        # time the clock would race past its 10 s timeout before the reply
        rc, out, err = run("http-get", ["run", app("examples/http-get"), "--for", "1s", "--net-delay", "200ms",
                                        "--hosts", hosts], stdin=b"PORT %d\n" % srv.port, timeout=30)
        requests = list(srv.received)
    check(rc == 0, "exit %d: %s" % (rc, err))
    check(lines_of(out) == ["GET http://api.vdev.test:%d/" % srv.port, "status: HTTP/1.0 200 OK",
                            "body: %d bytes" % len(body)], "output %r" % out)
    check(len(requests) == 1 and requests[0].startswith(b"GET / HTTP/1.0\r\n")
          and b"\r\nHost: api.vdev.test\r\n" in requests[0], "requests %r" % requests)


def t_tcp_echo_server():
    with tempfile.TemporaryDirectory() as d:
        evp = os.path.join(d, "events.jsonl")
        run("tcp-echo", ["build", app("examples/tcp-echo-server")])
        # real time: this test is the client, and the app polls available()
        live = netservers.Live([VDEV, "run", app("examples/tcp-echo-server"), "--net-delay", "100ms", "--for", "20s",
                                "--events", evp], env("tcp-echo"))
        try:
            listen = live.wait_line("err", "vdev: TCP port 2323 of the device listens at 127.0.0.1 port ", 10)
            check(listen is not None, "no listen line: %r" % live.text("err"))
            host_port = int(listen[1].split()[-4])
            check(live.wait_line("out", "listening on port 2323", 5), "no ready line: %r" % live.text("out"))
            with socket.create_connection(("127.0.0.1", host_port), timeout=5) as c:
                c.sendall(b"hello\nsecond line\r\n")
                got = b""
                end = time.time() + 5
                while got.count(b"\n") < 2 and time.time() < end:
                    got += c.recv(100)
                check(got == b"hello\r\nsecond line\r\n", "echo %r" % got)
            check(live.wait_line("out", "client gone", 5), "the close was not seen: %r" % live.text("out"))
        finally:
            rc = live.stop(signal.SIGINT)
        with open(evp) as f:
            ev = [json.loads(line) for line in f]
    check(rc == 130, "exit %d" % rc)
    out = lines_of(live.text("out"))
    check(out == ["listening on port 2323", "client from 127.0.0.1", "echoed: hello", "echoed: second line",
                  "client gone"], "output %s" % out)
    listens = of_type(ev, "net-listen")
    check(len(listens) == 1 and listens[0]["proto"] == "tcp" and listens[0]["port"] == 2323
          and listens[0]["host"] == "127.0.0.1" and listens[0]["host_port"] == host_port, "net-listen %s" % listens)


def t_udp_echo():
    with tempfile.TemporaryDirectory() as d, netservers.UdpEcho(lambda data: data.upper()) as srv:
        hosts = netservers.hosts_file(d, "127.0.0.1 echo.vdev.test\n")
        rc, out, err, ev = run_events("udp-echo", app("examples/udp-echo"), ["--for", "5s", "--hosts", hosts],
                                      stdin=b"PORT %d\n" % srv.port)
        seen = list(srv.seen)
    check(rc == 0, "exit %d: %s" % (rc, err))
    got = lines_of(out)
    check(len(got) == 4 and got[0] == "echo server echo.vdev.test (127.0.0.1) port %d" % srv.port, "output %s" % got)
    for i in (1, 2, 3):
        check(re.match(r'^ping %d: reply "PING %d" from port %d in \d+ ms$' % (i, i, srv.port), got[i]),
              "line %r" % got[i])
    check([s[0] for s in seen] == [b"ping 1", b"ping 2", b"ping 3"], "server saw %s" % seen)
    check(len({s[1] for s in seen}) == 1, "the device's port changed: %s" % seen)
    check(of_type(ev, "net-listen", proto="udp", host_port=seen[0][1][1]), "no net-listen for the UDP socket")


def t_net_latency():
    # a round trip to a server on this machine pays the latency once each way
    # (plus the server's own time: while the device waits on a host socket its
    # clock follows the host's, so a loaded machine adds a few ms)
    with tempfile.TemporaryDirectory() as d, netservers.UdpEcho() as srv:
        hosts = netservers.hosts_file(d, "127.0.0.1 echo.vdev.test\n")
        rc, out, err, ev = run_events("net-latency", app("examples/udp-echo"),
                                      ["--for", "5s", "--hosts", hosts, "--net-latency", "100ms"],
                                      stdin=b"PORT %d\n" % srv.port)
    check(rc == 0, "exit %d: %s" % (rc, err))
    rtts = [int(m) for m in re.findall(r'reply "ping \d" from port \d+ in (\d+) ms', out)]
    check(len(rtts) == 3 and all(200 <= r < 300 for r in rtts), "round trips %s: %r" % (rtts, out))
    f = of_type(ev, "net-fault")
    check(f and f[0]["latency_us"] == 100000, "net-fault %s" % f)


def t_fix_ipaddress_bool_1912():
    rc, out, err, ev = run_events("fix-1912", app("tests/apps/fix-ipaddress-bool"), ["--for", "10ms"])
    check(rc == 0, "exit %d: %s" % (rc, err))
    expect = ["doc 2001:db8::1 version 6 bool 1", "any :: version 6 bool 0", "loopback ::1 version 6 bool 1",
              "first-word 2001:: version 6 bool 1", "third-word ::80:0:0 version 6 bool 1",
              "all-words 100:0:100:0:100:0:100:0 version 6 bool 1", "v4-zero 0.0.0.0 version 4 bool 0",
              "v4 192.0.2.1 version 4 bool 1", "v4-last 0.0.0.1 version 4 bool 1", "empty 0.0.0.0 version 0 bool 0",
              "cleared 0.0.0.0 version 0 bool 0", "if(doc) taken, !doc 0"]
    check(lines_of(out) == expect, "output %s" % lines_of(out))


def t_fix_tcp_connect_1865_1909():
    with tempfile.TemporaryDirectory() as d, netservers.TcpServer() as srv, netservers.RefusingPort() as refusing:
        hosts = netservers.hosts_file(d, "127.0.0.1 server.vdev.test\n")
        rc, out, err, ev = run_events("fix-1865", app("tests/apps/fix-tcp-connect"), ["--for", "5s", "--hosts", hosts],
                                      stdin=b"PORT %d\nREFUSED %d\n" % (srv.port, refusing.port))
        wait_until(lambda: len(srv.peers) >= 4)
        peers = list(srv.peers)
    check(rc == 0, "exit %d: %s" % (rc, err))
    expect = ["connect no-network 10.42.0.1:80 = 0",
              "connect 0.0.0.0:567 = 0 connected=0",
              "connect nothing.vdev.invalid:567 = 0 connected=0",
              "connect empty-name = 0 connected=0",
              "connect 127.0.0.1:refused = 0 connected=0",
              "connect server.vdev.test:refused = 0 connected=0",
              "connect 127.0.0.1:0 = 0 connected=0",
              "connect 127.0.0.1:server = 1 connected=1",
              "connect server.vdev.test:server = 1 connected=1",
              "connect localhost:server = 1 connected=1",
              "connect after-success 0.0.0.0:567 = 0 connected=0",
              "done"]
    check(lines_of(out) == expect, "output %s" % lines_of(out))
    check(len(peers) == 4, "the server accepted %d connections: %s" % (len(peers), peers))


def t_fix_tcp_stop_boron_1909():
    with tempfile.TemporaryDirectory() as d, netservers.TcpServer() as srv:
        hosts = netservers.hosts_file(d, "127.0.0.1 server.vdev.test\n")
        rc, out, err = run("fix-1909", ["build", app("tests/apps/fix-tcp-stop"), "--platform", "boron"])
        check(rc == 0, "build: %s" % err)
        start = time.time()
        live = netservers.Live([VDEV, "run", app("tests/apps/fix-tcp-stop"), "--platform", "boron", "--clock",
                                "virtual", "--for", "15s", "--hosts", hosts], env("fix-1909"),
                               stdin=b"PORT %d\n" % srv.port)
        stopping = live.wait_line("out", "stopping", 10)
        stopped = live.wait_line("out", "stop took", 10)
        rc = live.wait(10)
        total = time.time() - start
        # the server accepted the connection and still holds its end open
        check(wait_until(lambda: len(srv.peers) == 1) and srv.running(), "server peers %s" % srv.peers)
    check(rc == 0, "exit %d: %s" % (rc, live.text("err")))
    check(stopping and stopped, "output %r" % live.text("out"))
    m = re.match(r"stop took (\d+) ms, connected=0\r\n", stopped[1])
    check(m and int(m.group(1)) < 2000, "device time of stop(): %r" % stopped[1])
    check(stopped[0] - stopping[0] < 2.0, "stop() took %.3f s of wall time" % (stopped[0] - stopping[0]))
    check(total < 5.0, "the run took %.1f s" % total)
    check(lines_of(live.text("out"))[:2] == ["connect = 1", "wrote 4096"], "output %r" % live.text("out"))


def t_fix_poll_select_1895():
    rc, out, err, ev = run_events("fix-1895", app("tests/apps/fix-poll-select"), ["--for", "3s"])
    check(rc == 0, "exit %d: %s" % (rc, err))
    expect = ["poll udp empty: 0 revents 0 after 0 ms",
              "poll udp after datagram: 1 revents IN after 0 ms",
              "recv 3",
              "poll udp drained: 0 revents 0 after 0 ms",
              "poll udp timeout 100: 0 revents 0 after 100 ms",
              "select udp empty: 0 isset 0",
              "select udp after datagram: 1 isset 1",
              "recv 3",
              "select udp drained: 0 isset 0",
              "poll two sockets: 1 revents IN 0",
              "poll tcp listener idle: 0 revents 0 after 0 ms",
              "tcp connect 0",
              "poll tcp listener pending: 1 revents IN after 0 ms",
              "poll tcp client writable: 1 revents OUT after 0 ms",
              "poll handle 99: 1 revents NVAL",
              "select handle 99: -1 errno EBADF",
              "done"]
    check(lines_of(out) == expect, "output %s" % lines_of(out))


def t_fix_rand_ports_1905():
    outs = []
    for seed in ("1", "1", "2"):
        rc, out, err, ev = run_events("fix-1905", app("tests/apps/fix-rand-ports"), ["--for", "3s", "--seed", seed])
        check(rc == 0, "seed %s: exit %d: %s" % (seed, rc, err))
        got = lines_of(out)
        check(len(got) == 4 and got[-1] == "done", "seed %s: output %s" % (seed, got))
        r = re.match(r"^rand app (\d+) worker (\d+) differ$", got[0])
        check(r, "seed %s: the threads' first rand() are the same: %s" % (seed, got[0]))
        a = re.match(r"^tcpclient connect 1, server saw port (\d+)$", got[1])
        b = re.match(r"^sock_connect 0, local port (\d+), server saw port (\d+)$", got[2])
        check(a and b and b.group(1) == b.group(2), "seed %s: ports %s" % (seed, got[1:3]))
        ports = [int(a.group(1)), int(b.group(1))]
        check(all(49152 <= p <= 65535 for p in ports) and ports[0] != ports[1], "seed %s: ports %s" % (seed, ports))
        outs.append((r.group(1), r.group(2), ports))
    check(outs[0] == outs[1], "seed 1 twice: %s and %s" % (outs[0], outs[1]))
    check(outs[2][0] != outs[0][0] and outs[2][1] != outs[0][1], "seeds 1 and 2, rand: %s %s" % (outs[0], outs[2]))
    check(outs[2][2][0] != outs[0][2][0] and outs[2][2][1] != outs[0][2][1],
          "seeds 1 and 2, ports: %s %s" % (outs[0], outs[2]))


def t_net_bad_input():
    hosts_text = ("# a comment, then garbage among good lines\n"
                  "127.0.0.1 good.vdev.test alias.vdev.test\n"
                  "garbage\n"
                  "999.1.1.1 bad-address.vdev.test\n"
                  "::1 six.vdev.test\n"
                  "not-an-address name.vdev.test\n"
                  "10.0.0.1\n"
                  "\n"
                  "   \t \n"
                  "127.0.0.2 second.vdev.test # trailing comment\n")
    with tempfile.TemporaryDirectory() as d:
        hosts = netservers.hosts_file(d, hosts_text)
        c = Control("net-bad-input", app("tests/apps/net-bad-input"), extra=["--hosts", hosts])
        try:
            c.run_until(3000000)
            before = "".join(e.get("data", "") for e in c.seen if e["type"] == "serial")
            r = c.cmd(cmd="net", link="down")
            check(r["ok"], "net down refused: %s" % r)
            c.run_until(3500000)
            c.run_until(4000000)
            down = "".join(e.get("data", "") for e in c.seen if e["type"] == "serial")[len(before):]
            check(c.cmd(cmd="net", link="up")["ok"], "net up refused")
            c.run_until(7000000)
            after = "".join(e.get("data", "") for e in c.seen if e["type"] == "serial")[len(before) + len(down):]
        finally:
            rc = c.close()
        err = c.proc.stderr.read().decode()
    check(rc == 0, "exit %d: %s" % (rc, err))
    got = lines_of(before)
    expect_bad = [
        "bad: sock_send(99) = -1 EBADF", "bad: sock_send(-1) = -1 EBADF", "bad: sock_send(128) = -1 EBADF",
        "bad: sock_recv(99) = -1 EBADF", "bad: sock_close(99) = -1 EBADF", "bad: sock_connect(99) = -1 EBADF",
        "bad: sock_close = 0 ", "bad: sock_close again = -1 EBADF", "bad: sock_send after close = -1 EBADF",
        "bad: sock_setsockopt after close = -1 EBADF", "bad: sock_poll closed = 1 revents POLLNVAL",
        "bad: sock_select closed = -1 EBADF",
        "bad: sock_socket(family 99) = -1 EAFNOSUPPORT", "bad: sock_socket(type 99) = -1 EPROTONOSUPPORT",
        "bad: sock_bind = 0 ", "bad: sock_bind twice = -1 EINVAL", "bad: sock_listen(udp) = -1 EOPNOTSUPP",
        "bad: sock_send(udp, no peer) = -1 EDESTADDRREQ", "bad: sock_setsockopt(NULL) = -1 EFAULT",
        "bad: sock_setsockopt(level 99) = -1 ENOPROTOOPT", "bad: sock_fcntl(cmd 99) = -1 EINVAL",
        "bad: sock_shutdown(how 7) = -1 EINVAL", "bad: sock_connect(NULL) = -1 EINVAL",
        "bad: sock_connect(0.0.0.0) = -1 EADDRNOTAVAIL", "bad: sock_connect(port 0) = -1 EADDRNOTAVAIL",
        "bad: sock_recv(tcp, unconnected) = -1 ENOTCONN", "bad: sock_send(tcp, unconnected) = -1 ENOTCONN",
        "bad: sock_accept(not listening) = -1 EINVAL", "bad: sock_poll(200 fds) = -1 EINVAL",
        "bad: sock_poll(NULL, 1) = -1 EFAULT", "bad: sock_select(nfds 1000) = -1 EINVAL",
        "bad: sock_sendto(65507) = 65507 ", "bad: sock_recv(65507 sent, 8 read) = 8 ",
        "bad: sock_recv(the rest was cut) = -1 EWOULDBLOCK", "bad: sock_sendto(70000) = -1 EMSGSIZE",
        "bad: UDP.sendPacket before begin = -1 0", "bad: UDP.begin(0) = 1 ", "bad: UDP.sendPacket(70000) = -1 EMSGSIZE",
        "bad: UDP.beginPacket(bogus name) = 0 ", "bad: UDP.parsePacket(nothing) = 0 ",
        "bad: UDP.sendPacket after stop = -1 0",
        "bad: netdb_getaddrinfo(NULL, NULL) = 200 ", "bad: netdb_getaddrinfo(600 chars) = 200 ",
        "bad: Network.resolve(NULL) = 0.0.0.0",
        "bad: TCPClient.connect(NULL) = 0 ", "bad: TCPClient.connect(\"\") = 0 ",
        "bad: TCPClient.connect(600 chars) = 0 ", "bad: TCPClient.write before connect = 0 ",
        "bad: TCPClient.getWriteError = -210 0", "bad: TCPClient.read before connect = -1 0",
        "bad: TCPClient.connected after two stops = 0 ",
        "bad: sockets until exhausted = 128 ENFILE", "bad: socket after closing them = 1"]
    for i, line in enumerate(expect_bad):
        check(i < len(got) and got[i] == line, "line %d: %r, expected %r" % (i, got[i] if i < len(got) else None, line))
    # the hosts file: one warning per garbage line, the good lines used
    names = [line for line in got if line.startswith("resolve ")]
    check(names == ["resolve good.vdev.test = 127.0.0.1", "resolve alias.vdev.test = 127.0.0.1",
                    "resolve six.vdev.test = ::1", "resolve second.vdev.test = 127.0.0.2",
                    "resolve bad-address.vdev.test = 0.0.0.0", "resolve name.vdev.test = 0.0.0.0",
                    "resolve nothing.vdev.invalid = 0.0.0.0"], "names %s" % names)
    warned = [line for line in err.splitlines() if "not an \"ADDRESS NAME...\" line; skipped" in line]
    check([re.search(r"hosts:(\d+): ", w).group(1) for w in warned] == ["3", "4", "6", "7"],
          "hosts warnings %s" % warned)
    with open(c.events_path) as f:
        events = [json.loads(line) for line in f]
    w = [e for e in events if e["type"] == "warning" and e.get("what") == "hosts file"]
    check([e["line"] for e in w] == [3, 4, 6, 7], "warning events %s" % w)
    # writes after the link is lost fail, and go on failing, without a crash or a hang
    check(got[-2:] == ["bad: done", "state at 2000: write=1 connected=1 peer.write=1 udp.sendto=1  ready=1"],
          "before the fault: %s" % got[-2:])
    check(lines_of(down) == ["state at 3100: write=0 connected=0 peer.write=0 udp.sendto=-1 ENETUNREACH ready=0"],
          "after the link went down: %r" % down)
    check(lines_of(after) == ["state at 6000: write=0 connected=0 peer.write=0 udp.sendto=1  ready=1"],
          "after the link came back: %r" % after)
    check(not of_type(events, "panic"), "a panic")


from e2e_eeprom import t_eeprom_torture  # noqa: E402,F401

from e2e_flash import *  # noqa: E402,F401,F403

from e2e_ui import *  # noqa: E402,F401,F403

TESTS = {k[2:]: v for k, v in globals().items() if k.startswith("t_")}

if __name__ == "__main__":
    sys.exit(main(TESTS))
