#!/usr/bin/env python3
"""End-to-end tests: example and test apps built and run through `vdev`,
checked by their events, Serial output and exit codes."""
import json
import os
import select
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
        rc, out, err, ev = run_events("determinism", app("examples/threads-timer"), ["--for", "5s", "--seed", "7"])
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
    check(len(p) == 1 and p[0]["t"] == 250000 and p[0]["code"] == 7 and p[0]["thread"] == "checker", "panic %s" % p)
    check("SIGABRT" in err and "checkLimits" in err and "Assertion" in err, "report: %s" % err)


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
    rc, out, err, ev = run_events("reset", app("tests/apps/reset"), ["--for", "2s"])
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


def t_multi_run():
    p = subprocess.Popen([VDEV, "run", app("examples/serial-echo"), app("examples/logging")], stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env("multi"))
    try:
        time.sleep(0.2)
        end = time.time() + 30
        out = b""
        sent = False
        while time.time() < end and not (b"[serial-echo] 1: HELLO" in out and b"[logging]" in out):
            r, _, _ = select.select([p.stdout], [], [], 0.2)
            if r:
                out += os.read(p.stdout.fileno(), 4096)
            if b"[serial-echo] ready" in out and not sent:
                p.stdin.write(b"@serial-echo hello\n")
                p.stdin.flush()
                sent = True
    finally:
        p.send_signal(signal.SIGINT)
        rc = p.wait(20)
    check(b"[serial-echo] ready" in out and b"[serial-echo] 1: HELLO" in out, "output %r" % out)
    check(b"[logging] 00000" in out and b"INFO: logging example" in out, "logging output %r" % out)
    check(rc == 0, "exit %d" % rc)


TESTS = {k[2:]: v for k, v in globals().items() if k.startswith("t_")}

if __name__ == "__main__":
    sys.exit(main(TESTS))
