#!/usr/bin/env python3
"""End-to-end tests of the device's lifecycle (docs/lifecycle.md): System.sleep
in its 1.4 forms, deep sleep as a reset, the application watchdog, safe mode,
DFU, factory reset, resets the system asks for, the simulated cloud session,
and Device OS 1.4.0 fix 1905 (control requests that reset)."""
import os
import re
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from vdevtest import Control, app, check, main, of_type, run, run_events  # noqa: E402

FORMS = app("tests/apps/sleep-forms")
LIFE = app("tests/apps/lifecycle")


def serial_lines(events):
    text = "".join(e.get("data", "") for e in events if e["type"] == "serial")
    return [line for line in text.split("\r\n") if line]


def line_with(events, prefix):
    found = [line for line in serial_lines(events) if line.startswith(prefix)]
    check(found, "no line starting %r in %s" % (prefix, serial_lines(events)))
    return found[-1]


def say(c, text, settle=100000):
    """Type a line on the device's Serial, then let it run `settle` µs more."""
    t = c.cmd(cmd="serial-write", port="Serial", data=text + "\n")["t"]
    c.run_until(t + settle)


def now(c):
    return c.seen[-1]["t"] if c.seen else 0


def run_through_reset(c, until, boot):
    """Grant time up to `until`, within which the device resets: wait for its
    boot number `boot`, then for the pause at `until` (no command may go to
    the old process while it resets)."""
    r = c.cmd(cmd="run", until=until)
    check(r["ok"], "run refused: %s" % r)
    c.wait_for(lambda e: e["type"] == "boot" and e["boot"] == boot)
    c.wait_for(lambda e: e["type"] == "paused" and e["t"] >= until)


def t_sleep_stop_forms():
    """Every stop-mode form: the pin (and edge) that woke it, the timer, errors;
    while the device sleeps no other thread runs (a 500 ms software timer)."""
    c = Control("sleep-forms", FORMS)
    try:
        c.run_until(10000)
        say(c, "timer", 1000000)  # D7 toggles every 500 ms from here
        say(c, "pin")
        t = now(c) + 900000
        c.run_until(t)
        c.cmd(cmd="set-pin", pin="D2", value=1)
        c.run_until(t + 10000)
        check(line_with(c.seen, "pin:") == "pin: reason=1 pin=2 rtc=0 bypin=1 error=0 at=%d" % (t // 1000),
              "D2 rising: %s" % line_with(c.seen, "pin:"))
        c.cmd(cmd="set-pin", pin="D2", value=None)
        say(c, "list")  # {D2, D3} FALLING: D3 is pulled up while it sleeps
        c.cmd(cmd="set-pin", pin="D3", value=0)
        c.run_until(now(c) + 10000)
        check(line_with(c.seen, "list:").startswith("list: reason=1 pin=3 "), line_with(c.seen, "list:"))
        c.cmd(cmd="set-pin", pin="D3", value=None)
        say(c, "listmodes")  # D2 RISING, D3 FALLING: a rising D3 does not wake it, a rising D2 does
        c.cmd(cmd="set-pin", pin="D3", value=1)
        c.run_until(now(c) + 50000)
        check(not [l for l in serial_lines(c.seen) if l.startswith("listmodes:")], "woken by the wrong edge")
        c.cmd(cmd="set-pin", pin="D2", value=1)
        c.run_until(now(c) + 10000)
        check(line_with(c.seen, "listmodes:").startswith("listmodes: reason=1 pin=2 "), line_with(c.seen, "listmodes:"))
        say(c, "array")  # pin_t[] {D4, D5}, CHANGE
        c.cmd(cmd="set-pin", pin="D5", value=1)
        c.run_until(now(c) + 10000)
        check(line_with(c.seen, "array:").startswith("array: reason=1 pin=5 "), line_with(c.seen, "array:"))
        say(c, "arraymodes")  # {D4 FALLING, D5 RISING}
        c.cmd(cmd="set-pin", pin="D4", value=0)
        c.run_until(now(c) + 10000)
        check(line_with(c.seen, "arraymodes:").startswith("arraymodes: reason=1 pin=4 "), line_with(c.seen, "arraymodes:"))
        start = c.cmd(cmd="serial-write", port="Serial", data="rtc\n")["t"]
        c.run_until(start + 4000000)
        rtc = line_with(c.seen, "rtc:")
        at = int(rtc.split("at=")[1])
        check(rtc.startswith("rtc: reason=2 pin=65535 rtc=1 bypin=0 error=0 ") and abs(at * 1000 - start - 3000000) <= 2000,
              "timer wake: %s (sent at %d)" % (rtc, start))
        sl = [e for e in c.seen if e["type"] == "sleep" and e.get("seconds") == 3][-1]
        wk = [e for e in c.seen if e["type"] == "wake" and e["t"] > sl["t"]][0]
        check(wk["t"] - sl["t"] == 3000000 and wk["reason"] == "rtc", "sleep %s wake %s" % (sl, wk))
        d7 = [e for e in c.seen if e["type"] == "pin" and e["pin"] == "D7" and sl["t"] < e["t"] < wk["t"]]
        check(d7 == [], "the timer thread ran while the device slept: %s" % d7)
        after = [e["t"] for e in c.seen if e["type"] == "pin" and e["pin"] == "D7" and e["t"] > wk["t"]]
        check(after, "the timer did not come back after the sleep")
        # the RTOS tick stood still: the timer goes on 500 ms apart, no burst of missed periods
        check(all(b - a == 500000 for a, b in zip(after, after[1:])), "D7 after the sleep at %s" % after)
        say(c, "forever")  # D6 RISING, no timer: nothing is due
        p = c.seen[-1]
        check(p["type"] == "paused" and p.get("next") is None, "a sleep without a timer has a deadline: %s" % p)
        c.cmd(cmd="set-pin", pin="D6", value=1)
        c.run_until(now(c) + 10000)
        check(line_with(c.seen, "forever:").startswith("forever: reason=1 pin=6 "), line_with(c.seen, "forever:"))
        say(c, "bad")
        for form in ("bad-nothing", "bad-pin", "bad-mode"):
            check(line_with(c.seen, form + ":").startswith(form + ": reason=0 pin=65535 rtc=0 bypin=0 error=-130"),
                  line_with(c.seen, form + ":"))
        say(c, "deep")  # Gen 3: no wake time in deep sleep
        check(line_with(c.seen, "deep:").startswith("deep: reason=0 pin=65535 rtc=0 bypin=0 error=-120"),
              line_with(c.seen, "deep:"))
        say(c, "result")
        check(line_with(c.seen, "result:").startswith("result: reason=0 pin=65535 rtc=0 bypin=0 error=-120"),
              "System.sleepResult(): %s" % line_with(c.seen, "result:"))
    finally:
        check(c.close() == 0, "device did not stop cleanly")
    sleeps = [e for e in c.seen if e["type"] == "sleep" and "pins" in e]
    check(sleeps[0]["pins"] == "D2" and sleeps[0]["edges"] == "RISING" and sleeps[0]["seconds"] == 10
          and sleeps[0]["network"] == "off", "sleep event %s" % sleeps[0])
    check(any(e["pins"] == "D4,D5" and e["edges"] == "FALLING,RISING" for e in sleeps), "sleep events %s" % sleeps)
    check(any(e["type"] == "pin-mode" and e["pin"] == "D3" and e["mode"] == "INPUT_PULLUP" for e in c.seen),
          "FALLING did not pull the pin up")


def t_sleep_network():
    """The network and the cloud sleep with the device and come back after;
    a single-threaded SEMI_AUTOMATIC sleep() returns once the cloud is back;
    SLEEP_NETWORK_STANDBY keeps them; SLEEP_MODE_WLAN only sleeps the network."""
    c = Control("sleep-net", FORMS)
    try:
        c.run_until(10000)
        say(c, "connect", 4000000)
        up = of_type(c.seen, "cloud", status="connected")
        check(len(up) == 1 and line_with(c.seen, "connected=") == "connected=1 at %d" % (up[0]["t"] // 1000),
              "Particle.connect() returned before the cloud was connected: %s %s" % (line_with(c.seen, "connected="), up))
        say(c, "pin", 10000)
        woke = c.cmd(cmd="set-pin", pin="D2", value=1)["t"]
        c.run_until(woke + 4000000)
        pin = line_with(c.seen, "pin:")
        check(pin == "pin: reason=1 pin=2 rtc=0 bypin=1 error=0 at=%d" % ((woke + 3000000) // 1000),
              "sleep() returned before the cloud was back: %s (woken at %d)" % (pin, woke))
        seq = [(e["type"], e.get("status"), e.get("reason")) for e in c.seen
               if e["type"] in ("sleep", "wake", "network", "cloud") and "op" not in e and e["t"] >= woke - 10000]
        expect = [("sleep", None, None), ("cloud", "disconnecting", "sleep"), ("cloud", "disconnected", "sleep"),
                  ("network", "disconnecting", None), ("network", "disconnected", None),
                  ("network", "powering-off", None), ("network", "off", None), ("wake", None, "pin"),
                  ("network", "powering-on", None), ("network", "on", None), ("network", "connecting", None),
                  ("network", "connected", None), ("cloud", "connecting", None), ("cloud", "connected", None)]
        check(seq == expect, "around the sleep: %s" % seq)
        c.cmd(cmd="set-pin", pin="D2", value=None)
        mark = len(c.seen)
        say(c, "pinflags", 10000)  # D2 FALLING, SLEEP_NETWORK_STANDBY
        c.cmd(cmd="set-pin", pin="D2", value=0)
        c.run_until(now(c) + 100000)
        check(line_with(c.seen, "pinflags:").startswith("pinflags: reason=1 pin=2 "), line_with(c.seen, "pinflags:"))
        during = [e for e in c.seen[mark:] if e["type"] in ("network", "cloud")]
        check(during == [], "SLEEP_NETWORK_STANDBY touched the network: %s" % during)
        check([e for e in c.seen[mark:] if e["type"] == "sleep"][0]["network"] == "standby", "standby flag")
        start = c.cmd(cmd="serial-write", port="Serial", data="wlan\n")["t"]
        c.run_until(start + 9000000)
        check(line_with(c.seen, "wlan:").startswith("wlan: reason=0 pin=65535 rtc=0 bypin=0 error=0 at=%d"
                                                   % (start // 1000 + 1)), "System.sleep(5) blocked: %s"
              % line_with(c.seen, "wlan:"))
        wk = [e for e in c.seen if e["type"] == "wake" and e.get("mode") == "wlan"]
        check(len(wk) == 1 and wk[0]["t"] == start + 1000 + 5000000, "WLAN wake %s" % wk)
        back = [e for e in c.seen if e["type"] == "cloud" and e.get("status") == "connected" and e["t"] > wk[0]["t"]]
        check(back and back[0]["t"] == wk[0]["t"] + 3000000, "cloud after the WLAN sleep: %s" % back)
    finally:
        check(c.close() == 0, "device did not stop cleanly")


def t_deep_sleep():
    """Deep sleep is a reset with RESET_REASON_POWER_MANAGEMENT (30): on the
    Photon after its wake time (an hour of device time in well under 2 s of
    wall time), on an Argon when WKP (D8) rises; SleepResult after it: WKP,
    PIN_OR_RTC. Gen 3 refuses a wake time (-120)."""
    t0 = time.monotonic()
    rc, out, err, ev = run_events("deep-photon", FORMS, ["--platform", "photon", "--for", "2h"], stdin=b"deep\n")
    wall = time.monotonic() - t0
    check(rc == 0, "exit %d: %s" % (rc, err))
    rs = of_type(ev, "reset")
    check(len(rs) == 1 and rs[0]["reason"] == "POWER_MANAGEMENT" and rs[0]["code"] == 30, "resets %s" % rs)
    sl = of_type(ev, "sleep", mode="deep")
    check(len(sl) == 1 and rs[0]["t"] - sl[0]["t"] == 3600 * 1000000, "slept %s, reset %s" % (sl, rs))
    check(of_type(ev, "wake", mode="deep", reason="rtc"), "wake event")
    check("boot reason=30 wake=3 pin=17 bypin=1 byrtc=1" in out, "after deep sleep: %r" % out)
    # the whole run (build included, cached by then) in real seconds
    t0 = time.monotonic()
    rc, out, err, ev = run_events("deep-photon", FORMS, ["--platform", "photon", "--for", "2h"], stdin=b"deep\n")
    wall = time.monotonic() - t0
    check(rc == 0 and wall < 2.0, "an hour of deep sleep took %.2f s of wall time" % wall)
    c = Control("deep-argon", FORMS)
    try:
        c.run_until(10000)
        say(c, "deepwkp", 5000000)
        check(not of_type(c.seen, "reset"), "reset before WKP rose")
        t = c.cmd(cmd="set-pin", pin="WKP", value=1)["t"]
        c.wait_for(lambda e: e["type"] == "boot")  # a command sent before it may be lost with the old process
        c.run_until(t + 100000)
        rs = of_type(c.seen, "reset")
        check(len(rs) == 1 and rs[0]["t"] == t and rs[0]["reason"] == "POWER_MANAGEMENT", "resets %s" % rs)
        check("boot reason=30 wake=3 pin=8 bypin=1 byrtc=1" in serial_lines(c.seen), "boot %s" % serial_lines(c.seen))
        say(c, "deepnowkp")
        check(line_with(c.seen, "deepnowkp:").startswith("deepnowkp: reason=0 pin=65535 rtc=0 bypin=0 error=-120"),
              line_with(c.seen, "deepnowkp:"))
    finally:
        check(c.close() == 0, "device did not stop cleanly")


def t_watchdog():
    """A loop() that never returns is caught by the ApplicationWatchdog: its
    function runs on the watchdog's thread timeout ms after the last check-in
    (System.reset(7): USER, data 7); with System.reset as the function the
    reason is USER too (the app's reset, not a hardware watchdog). A loop that
    returns checks in, so the watchdog stays quiet; dispose() ends it."""
    c = Control("watchdog", LIFE)
    try:
        c.run_until(10000)
        t = c.cmd(cmd="serial-write", port="Serial", data="watchdog\n")["t"]
        run_through_reset(c, t + 3000000, 1)
        hang = int(line_with(c.seen, "hanging at ").split()[-1])
        fired = line_with(c.seen, "watchdog fired at ")
        check(fired == "watchdog fired at %d" % (hang + 2000), "%s (hanging since %d)" % (fired, hang))
        wd = of_type(c.seen, "watchdog")
        check(len(wd) == 1 and wd[0]["timeout_ms"] == 2000, "watchdog events %s" % wd)
        rs = of_type(c.seen, "reset")
        check(len(rs) == 1 and rs[0]["reason"] == "USER" and rs[0]["data"] == 7, "resets %s" % rs)
        check("boot reason=140 data=7 mode=1" in serial_lines(c.seen), "boot %s" % serial_lines(c.seen))
        t = c.cmd(cmd="serial-write", port="Serial", data="wdreset\n")["t"]
        run_through_reset(c, t + 2000000, 2)
        rs = of_type(c.seen, "reset")
        check(len(rs) == 2 and rs[1]["reason"] == "USER" and rs[1]["data"] == 0 and 1500000 <= rs[1]["t"] - t <= 1503000,
              "System.reset as the function: %s (sent at %d)" % (rs, t))
        say(c, "wdalive", 3000000)  # 500 ms, and loop() keeps returning
        check(len(of_type(c.seen, "reset")) == 2 and len(of_type(c.seen, "watchdog")) == 2, "a live loop was reset: %s"
              % [e for e in c.seen if e["type"] in ("reset", "watchdog", "boot")])
        say(c, "wddispose", 1000000)
        check(line_with(c.seen, "complete=").startswith("complete=1 "), line_with(c.seen, "complete="))
    finally:
        check(c.close() == 0, "device did not stop cleanly")


def t_safe_mode():
    """System.enterSafeMode(): a reset with SAFE_MODE (110); at the next boot
    the app does not run (no setup(), no output), the system connects to the
    cloud, `safe-mode` and system mode SAFE_MODE; a reset leaves it."""
    c = Control("safe-mode", LIFE)
    try:
        c.run_until(10000)
        t = c.cmd(cmd="serial-write", port="Serial", data="safemode\n")["t"]
        run_through_reset(c, t + 5000000, 1)
        boot = of_type(c.seen, "boot")[-1]
        check(boot["reason"] == "SAFE_MODE", "boot %s" % boot)
        after = c.seen[c.seen.index(boot):]
        check(of_type(after, "safe-mode") and of_type(after, "system", mode="SAFE_MODE"), "no safe mode: %s" % after[:6])
        check(of_type(after, "cloud", status="connected"), "safe mode did not connect the cloud")
        check(not [e for e in after if e["type"] == "serial"], "the app ran in safe mode: %s" % serial_lines(after))
        c.cmd(cmd="reset")
        c.wait_for(lambda e: e["type"] == "boot" and e["boot"] == 2)
        c.run_until(now(c) + 100000)
        check("boot reason=20 data=0 mode=1" in serial_lines(c.seen), "after safe mode: %s" % serial_lines(c.seen))
    finally:
        check(c.close() == 0, "device did not stop cleanly")


def t_dfu():
    """System.dfu(): a `dfu` event, then the run ends (there is no bootloader)
    with `stop` reason dfu, exit 0, and a message saying so."""
    rc, out, err, ev = run_events("dfu", LIFE, ["--for", "10s"], stdin=b"dfu\n")
    check(rc == 0, "exit %d: %s" % (rc, err))
    check(of_type(ev, "dfu", persist=False) and ev[-1]["type"] == "stop" and ev[-1]["reason"] == "dfu",
          "last events %s" % ev[-3:])
    check("DFU mode" in err, "no message: %r" % err)


def t_factory_reset():
    """System.factoryReset(): the WiFi credentials are cleared, then a reset
    with FACTORY_RESET (100)."""
    # a new flash each run: the factory reset of the last run left no credentials
    rc, out, err, ev = run_events("factory", LIFE, ["--for", "2s", "--flash-reset"], stdin=b"factory\n")
    check(rc == 0, "exit %d: %s" % (rc, err))
    check(of_type(ev, "network", credentials="cleared"), "credentials not cleared")
    rs = of_type(ev, "reset")
    check(len(rs) == 1 and rs[0]["reason"] == "FACTORY_RESET" and rs[0]["code"] == 100, "resets %s" % rs)
    # the credentials are gone from the DCT for good, so the app's setup() may wait for
    # listening mode to end: the new boot is checked by its event
    boots = of_type(ev, "boot")
    check(len(boots) == 2 and boots[1]["reason"] == "FACTORY_RESET", "boots %s" % boots)


def t_reset_events():
    """A reset the system asks for (after an update): `reset_pending`, then
    `reset`, then the reset with UPDATE (70). System.disableReset() holds it
    (resetPending() true) until System.enableReset()."""
    c = Control("reset-events", LIFE)
    try:
        c.run_until(10000)
        say(c, "disablereset")
        t = c.cmd(cmd="reset", reason="UPDATE")["t"]
        c.run_until(t + 5000000)
        lines = serial_lines(c.seen)
        check("pending=1 enabled=0" in lines and not of_type(c.seen, "reset"), "held reset: %s" % lines)
        check(not [l for l in lines if l.startswith("event reset ")], "reset event while disabled: %s" % lines)
        t = c.cmd(cmd="serial-write", port="Serial", data="enablereset\n")["t"]
        run_through_reset(c, t + 100000, 1)
    finally:
        check(c.close() == 0, "device did not stop cleanly")
    order = [e["type"] if e["type"] != "serial" else e["data"].split(" at ")[0] for e in c.seen
             if e["type"] in ("reset-pending", "reset") or (e["type"] == "serial" and e["data"].startswith(("event reset", "enabled=1")))]
    check(order == ["reset-pending", "event reset_pending 0", "enabled=1 pending=1\r\n", "event reset 0", "reset"],
          "order %s" % order)
    rs = of_type(c.seen, "reset")
    check(rs[0]["reason"] == "UPDATE" and rs[0]["code"] == 70, "reset %s" % rs)
    check("boot reason=70 data=0 mode=1" in serial_lines(c.seen), "boot %s" % serial_lines(c.seen))
    r = Control("reset-bad", LIFE)
    try:
        bad = r.cmd(cmd="reset", reason="SOMETIMES")
        check(not bad["ok"] and "reason must be" in bad["error"], "bad reason accepted: %s" % bad)
        r.cmd(cmd="reset", reason="WATCHDOG")
        r.wait_for(lambda e: e["type"] == "boot")
        check(of_type(r.seen, "reset")[0]["reason"] == "WATCHDOG", "hardware watchdog reset %s" % of_type(r.seen, "reset"))
    finally:
        r.close()


def t_cloud_session():
    """AUTOMATIC: the cloud connects 1 s after the network (cloud_status 1,
    then 8); publish succeeds while connected, 4 in a burst then the rate
    limit; Particle.disconnect()/connect(); a lost network drops the session
    at once and it comes back with the network."""
    c = Control("cloud", LIFE)
    try:
        c.run_until(3500000)
        seq = [(e["t"], e["type"], e["status"]) for e in c.seen if e["type"] in ("network", "cloud") and "status" in e]
        check(seq[-3:] == [(2000000, "network", "connected"), (2000000, "cloud", "connecting"),
                           (3000000, "cloud", "connected")], "connection: %s" % seq)
        lines = serial_lines(c.seen)
        check(lines[-2:] == ["event cloud_status 1 at 2000", "event cloud_status 8 at 3000"], "app saw %s" % lines)
        say(c, "publish 6")
        oks = [l.split()[2] for l in serial_lines(c.seen) if l.startswith("publish ")]
        check(oks == ["ok=1"] * 4 + ["ok=0"] * 2, "burst: %s" % oks)
        pubs = of_type(c.seen, "cloud", op="publish")
        check([p["ok"] for p in pubs] == [True] * 4 + [False] * 2 and pubs[-1]["error"] == "rate limited"
              and pubs[0]["data"] == "0" and pubs[0]["flags"] == 1, "publish events %s" % pubs)
        c.run_until(now(c) + 1000000)
        say(c, "publish 1")
        check(of_type(c.seen, "cloud", op="publish")[-1]["ok"], "no publish a second after the burst")
        say(c, "disconnect")
        check(line_with(c.seen, "connected=") == "connected=0", "disconnect")
        down = [(e["status"], e.get("reason")) for e in c.seen if e["type"] == "cloud" and "status" in e][-2:]
        check(down == [("disconnecting", "app"), ("disconnected", "app")], "disconnect events %s" % down)
        say(c, "publish 1")
        check(of_type(c.seen, "cloud", op="publish")[-1]["error"] == "not connected", "publish while disconnected")
        t = c.cmd(cmd="serial-write", port="Serial", data="connect\n")["t"]
        c.run_until(t + 1100000)
        up = [e["t"] - t for e in c.seen if e["type"] == "cloud" and e.get("status") == "connected"]
        check(up[-1] in (1000000, 1001000), "reconnected after %s" % up)
        t = c.cmd(cmd="net", link="down")["t"]
        c.run_until(t + 100000)
        lost = [(e["status"], e.get("reason")) for e in c.seen if e["type"] == "cloud" and "status" in e and e["t"] >= t]
        check(lost == [("disconnected", "network")], "network loss: %s" % lost)
        t = c.cmd(cmd="net", link="up")["t"]
        c.run_until(t + 3500000)
        back = [e["t"] - t for e in c.seen if e["type"] == "cloud" and e.get("status") == "connected" and e["t"] > t]
        check(back == [3000000], "back after the network: %s" % back)
        say(c, "settime")
        check(line_with(c.seen, "event time_changed").startswith("event time_changed 0 "), "Time.setTime()")
    finally:
        check(c.close() == 0, "device did not stop cleanly")


def requests_1905(c, cmd, fields, boot, until_after):
    """One control request on a connected device, with the network dropping
    and coming back within the second before it is carried out: the cloud is
    disconnected first, and nothing reconnects before the reset."""
    c.run_until(now(c) + 1500000)
    check(of_type(c.seen, "cloud", status="connected"), "not connected before %s" % cmd)
    mark = len(c.seen)
    r = c.cmd(cmd=cmd, **fields)
    check(r["ok"], "%s refused: %s" % (cmd, r))
    t = r["t"]
    c.cmd(cmd="net", link="down")
    c.cmd(cmd="net", link="up")  # --net-delay 100ms: the network is back well within the second
    if boot is None:
        c.cmd(cmd="run", until=t + until_after)
        c.wait_for(lambda e: e["type"] == "stop")
    else:
        run_through_reset(c, t + until_after, boot)
    window = c.seen[mark:]
    end = [e for e in window if e["type"] in ("reset", "stop")][0]
    cloud = [(e["status"], e.get("reason")) for e in window if e["type"] == "cloud" and "status" in e and e["t"] <= end["t"]
             and c.seen.index(e) < c.seen.index(end)]
    check(cloud == [("disconnecting", "reset"), ("disconnected", "reset")], "%s: cloud before the reset %s" % (cmd, cloud))
    check(of_type(window, "network", status="connected"), "%s: the network did not come back in the window" % cmd)
    check(end["t"] - t == 1000000, "%s carried out after %d µs" % (cmd, end["t"] - t))
    return end


def t_fix_control_reset_1905():
    """1.4.0 fix 1905: a reset / safe-mode / factory-reset / DFU control
    request disconnects the cloud before the reset, and no reconnection is
    attempted before it, even when the network comes back meanwhile."""
    # a new flash each run: the factory reset of the last run left no credentials
    c = Control("fix-1905", LIFE, extra=["--net-delay", "100ms", "--flash-reset"])
    try:
        end = requests_1905(c, "reset", {"request": True}, 1, 1100000)
        check(end["reason"] == "USER", "reset request: %s" % end)
        end = requests_1905(c, "safe-mode", {}, 2, 1100000)
        check(end["reason"] == "SAFE_MODE", "safe-mode request: %s" % end)
        end = requests_1905(c, "dfu", {}, None, 1100000)
        check(end["reason"] == "dfu" and of_type(c.seen, "dfu"), "dfu request: %s" % end)
    finally:
        rc = c.close()
    check(rc == 0, "exit %d after DFU" % rc)
    # last on a device of its own: the factory reset leaves it without credentials
    c = Control("fix-1905", LIFE, extra=["--net-delay", "100ms", "--flash-reset"])
    try:
        end = requests_1905(c, "factory-reset", {}, 1, 1100000)
        check(end["reason"] == "FACTORY_RESET", "factory-reset request: %s" % end)
    finally:
        c.close()


TESTS = {k[2:]: v for k, v in globals().items() if k.startswith("t_")}

if __name__ == "__main__":
    sys.exit(main(TESTS))
