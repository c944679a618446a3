"""End-to-end tests of the buttons, the RGB LED and listening mode (issue 6):
SOS with the panic code before the panic on a crash and a failed assert;
the listening console's replies on the three platforms (valid JSON for `s`
and `d`); `L` (safe mode, listening at its start); the control commands
button, press-button and get-led, and their refusals. e2e.py imports these (every t_ function is a test)."""
import json

from vdevtest import Control, app, check, of_type, run_events

__all__ = ["t_ui_crash_sos", "t_ui_listen_console", "t_ui_button_commands", "t_ui_safe_mode_listen"]


def serial_of(seen):
    return "".join(e.get("data", "") for e in seen if e["type"] == "serial" and e.get("port") == "Serial")


def t_ui_crash_sos():
    for name, path, code in (("crash", "tests/apps/crash", 1), ("assert", "tests/apps/assert", 10)):
        rc, out, err, ev = run_events("sos-" + name, app(path), ["--for", "5s"])
        check(rc == 3, "%s: exit code %d (expected 3)" % (name, rc))
        panics = [i for i, e in enumerate(ev) if e["type"] == "panic"]
        check(len(panics) == 1, "%s: panic events %s" % (name, panics))
        p = panics[0]
        led = ev[p - 1]
        check(led["type"] == "led" and led["pattern"] == "sos" and led["code"] == code and
              led["color"] == [255, 0, 0] and led["t"] == ev[p]["t"],
              "%s: the event before the panic is %s" % (name, led))
        check(ev[p]["code"] == code, "%s: panic code %s (expected %d)" % (name, ev[p]["code"], code))
        check(not [e for e in ev[p + 1:] if e["type"] == "led"], "%s: LED changes after the panic" % name)


def console(platform):
    """Hold MODE 3 s, then i, m, v, s, d, c and w on the console (answered on WiFi, else x);
    the Serial text of i..w and every event seen."""
    c = Control("console-" + platform, app("tests/apps/buttons"), ["--platform", platform])
    try:
        c.run_until(100000)
        check(c.cmd(cmd="press-button", button="mode", duration="3s")["ok"], "press-button refused")
        c.run_until(3200000)
        check(c.cmd(cmd="get-led")["pattern"] == "blinking-blue", "not listening: %s" % c.cmd(cmd="get-led"))
        start = len(serial_of(c.seen))
        t = 3200000
        for key in "imvsdcw":
            c.cmd(cmd="serial-write", data=key)
            t += 100000
            c.run_until(t)
        text = serial_of(c.seen)[start:]
        # w on WiFi: a network in range needs only its password, then listening ends; else x
        for answer in (("vdev\r", "secret\r") if platform != "boron" else ("x",)):
            c.cmd(cmd="serial-write", data=answer)
            t += 100000
            c.run_until(t)
    finally:
        check(c.close() == 0, "device did not stop cleanly")
    return text, c.seen


def t_ui_listen_console():
    for platform, pid in (("argon", 12), ("boron", 13), ("photon", 6)):
        text, seen = console(platform)
        lines = text.split("\r\n")
        if platform == "boron":
            check(any(line.startswith("Device ID: ") for line in lines) and "IMEI: 352753090000000" in lines and
                  "ICCID: 89014103211118510720" in lines, "boron i: %r" % text)
            check("SSID: " not in text, "boron has no w: %r" % text)
        else:
            check(any(line.startswith("Your device id is ") and len(line) == 42 for line in lines),
                  "%s i: %r" % (platform, text))
            check(text.endswith("SSID: "), "%s w: %r" % (platform, text))
        check("Your device MAC address is" in lines, "%s m: %r" % (platform, text))
        check("system firmware version: 1.4.0\n" in lines, "%s v: %r" % (platform, text))
        check("Device claimed: no" in lines, "%s c: %r" % (platform, text))
        docs = [json.loads(line) for line in lines if line.startswith("{")]
        check(len(docs) == 2, "%s: JSON lines %r" % (platform, text))
        modules, diag = docs
        check(modules["p"] == pid and [m["f"] for m in modules["m"]][-1] == "u" and
              all(set(m) >= {"s", "l", "vc", "vv", "f", "n", "v", "d"} for m in modules["m"]),
              "%s s: %s" % (platform, modules))
        check(("imei" in modules) == (platform == "boron"), "%s s keys: %s" % (platform, modules))
        check(diag["sys:uptime"] == 3 and diag["mem:total"] > 0, "%s d: %s" % (platform, diag))
        ends = of_type(seen, "listen", state="end")
        reason = "x" if platform == "boron" else "credentials"
        check(len(ends) == 1 and ends[0]["reason"] == reason, "%s: listen end %s" % (platform, ends))
        if platform != "boron":
            text = serial_of(seen)
            check("SSID: vdev\r\nPassword: secret\r\nThanks!" in text, "%s w: %r" % (platform, text))
            check(of_type(seen, "network", credentials="set", ssid="vdev"), "%s: no credentials event" % platform)


def t_ui_button_commands():
    c = Control("button-commands", app("tests/apps/buttons"))
    try:
        c.run_until(100000)
        for bad in ({"button": "menu", "action": "press"}, {"button": "mode", "action": "tap"}, {"button": "mode"}):
            r = c.cmd(cmd="button", **bad)
            check(not r["ok"] and "button needs" in r["error"], "accepted %s: %s" % (bad, r))
        for bad in ({"button": "mode", "duration": "soon"}, {"button": "mode", "count": 0},
                    {"button": "mode", "gap": 0}):
            r = c.cmd(cmd="press-button", **bad)
            check(not r["ok"] and "press-button needs" in r["error"], "accepted %s: %s" % (bad, r))
        check(c.cmd(cmd="button", button="mode", action="press")["ok"], "press refused")
        c.run_until(150000)
        check(c.cmd(cmd="get-pin", pin="BTN")["value"] == 0, "BTN not low while MODE is down")
        check(c.cmd(cmd="button", button="mode", action="release")["ok"], "release refused")
        c.run_until(1300000)
        led = c.cmd(cmd="get-led")
        check(led["ok"] and led["pattern"] == "blinking-green" and led["brightness"] == 96 and
              not led["controlled"], "get-led %s" % led)
        check(c.cmd(cmd="press-button", button="reset")["ok"], "reset refused")
        c.wait_for(lambda e: e["type"] == "boot")
        c.run_until(1400000)
    finally:
        check(c.close() == 0, "device did not stop cleanly")
    text = serial_of(c.seen)
    check("status 0\r\nstatus 50\r\nclick 1\r\n" in text and "final 1\r\n" in text, "serial %r" % text)
    check(text.count("ready, reset reason") == 2 and "ready, reset reason 20" in text, "reset %r" % text)
    resets = of_type(c.seen, "reset")
    check(len(resets) == 1 and resets[0]["reason"] == "PIN_RESET", "reset events %s" % resets)


def t_ui_safe_mode_listen():
    c = Control("safe-mode-listen", app("tests/apps/buttons"))
    try:
        c.run_until(100000)
        c.cmd(cmd="press-button", button="mode", duration="3s")
        c.run_until(3500000)
        c.cmd(cmd="serial-write", data="L")
        boot = c.wait_for(lambda e: e["type"] == "boot")
        check(boot["reason"] == "SAFE_MODE", "boot %s" % boot)
        c.run_until(4000000)
        begins = [e for e in c.seen[c.seen.index(boot):] if e["type"] == "listen" and e.get("state") == "begin"]
        check(len(begins) == 1 and begins[0]["reason"] == "startup", "listen after the reset: %s" % begins)
        check(c.cmd(cmd="get-led")["pattern"] == "blinking-blue", "LED %s" % c.cmd(cmd="get-led"))
        c.cmd(cmd="serial-write", data="x")
        c.run_until(4500000)
        check(of_type(c.seen, "listen", state="end", reason="x"), "x did not end listening mode")
        c.run_until(8500000)  # the network (2 s), then the cloud (1 s): safe mode breathes magenta
        led = c.cmd(cmd="get-led")
        check(led["pattern"] == "breathing-magenta" and led["color"] == [255, 0, 255], "safe mode LED %s" % led)
        c.cmd(cmd="reset")
        c.wait_for(lambda e: e["type"] == "boot" and e["boot"] == 2)
        c.run_until(9000000)
        last = c.seen[[i for i, e in enumerate(c.seen) if e["type"] == "boot"][-1]:]
        check(not [e for e in last if e["type"] == "listen"], "listening again at the next start: %s" % last)
    finally:
        check(c.close() == 0, "device did not stop cleanly")
