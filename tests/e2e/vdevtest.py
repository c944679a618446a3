"""Helpers for vdev's end-to-end tests: build and run apps through the real
`vdev` command, read their event files, talk to the control channel."""
import json
import os
import socket
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
VDEV = os.environ.get("VDEV_BIN", os.path.join(ROOT, "build", "vdev"))


class Failure(Exception):
    pass


def check(cond, msg):
    if not cond:
        raise Failure(msg)


def env(name):
    e = dict(os.environ)
    e["VDEV_CACHE_DIR"] = os.path.join(os.environ.get("VDEV_TEST_CACHE", os.path.join(ROOT, "build", "test-cache")), name)
    return e


def app(path):
    return os.path.join(ROOT, path)


def run(name, args, stdin=b"", timeout=60):
    """Run `vdev ARGS`; returns (rc, stdout, stderr)."""
    p = subprocess.run([VDEV] + args, input=stdin, capture_output=True, timeout=timeout, env=env(name))
    return p.returncode, p.stdout.decode(errors="replace"), p.stderr.decode(errors="replace")


def run_events(name, app_path, args, stdin=b"", timeout=60):
    """Run an app in virtual time; returns (rc, stdout, stderr, events)."""
    with tempfile.TemporaryDirectory() as d:
        ev = os.path.join(d, "events.jsonl")
        rc, out, err = run(name, ["run", app_path, "--clock", "virtual", "--events", ev] + args, stdin, timeout)
        events = []
        if os.path.exists(ev):
            with open(ev) as f:
                events = [json.loads(line) for line in f]
        return rc, out, err, events


def of_type(events, t, **fields):
    return [e for e in events if e["type"] == t and all(e.get(k) == v for k, v in fields.items())]


class Control:
    """A client of a device's control channel (the device runs in lockstep)."""

    def __init__(self, name, app_path, extra=(), lockstep=True):
        self.dir = tempfile.mkdtemp()
        self.sock_path = os.path.join(self.dir, "ctl.sock")
        self.events_path = os.path.join(self.dir, "events.jsonl")
        self.proc = subprocess.Popen(
            [VDEV, "run", app_path, "--clock", "virtual"] + (["--lockstep"] if lockstep else []) +
            ["--control", self.sock_path, "--events", self.events_path] + list(extra),
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env(name))
        deadline = time.time() + 60
        self.sock = None
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise Failure("device exited early: " + self.proc.stderr.read().decode())
            try:
                s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                s.connect(self.sock_path)
                self.sock = s
                break
            except OSError:
                time.sleep(0.05)
        check(self.sock is not None, "could not connect to the control socket")
        self.buf = b""
        self.seen = []
        self.next_id = 1

    def send(self, **cmd):
        cmd.setdefault("id", self.next_id)
        self.next_id += 1
        self.sock.sendall((json.dumps(cmd) + "\n").encode())
        return cmd["id"]

    def read_event(self, timeout=30):
        self.sock.settimeout(timeout)
        while b"\n" not in self.buf:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise Failure("control channel closed")
            self.buf += chunk
        line, self.buf = self.buf.split(b"\n", 1)
        ev = json.loads(line)
        self.seen.append(ev)
        return ev

    def wait_for(self, pred, timeout=30):
        end = time.time() + timeout
        while time.time() < end:
            ev = self.read_event(timeout)
            if pred(ev):
                return ev
        raise Failure("timed out waiting for an event")

    def cmd(self, **cmd):
        i = self.send(**cmd)
        r = self.wait_for(lambda e: e["type"] == "reply" and e.get("id") == i)
        return r

    def run_until(self, t):
        r = self.cmd(cmd="run", until=t)
        check(r["ok"], "run refused: %s" % r)
        self.wait_for(lambda e: e["type"] == "paused" and e["t"] >= t)

    def connect_another(self):
        """A second client on the same device."""
        other = Control.__new__(Control)
        other.dir, other.sock_path, other.events_path, other.proc = self.dir, self.sock_path, self.events_path, self.proc
        other.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        other.sock.connect(self.sock_path)
        other.buf, other.seen, other.next_id = b"", [], 1000
        return other

    def close(self):
        try:
            self.cmd(cmd="stop")
        except Exception:
            pass
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        return self.proc.returncode


def main(tests):
    name = sys.argv[1] if len(sys.argv) > 1 else None
    if name not in tests:
        print("usage: %s {%s}" % (sys.argv[0], "|".join(sorted(tests))))
        return 2
    try:
        tests[name]()
    except Failure as e:
        print("FAIL %s: %s" % (name, e))
        return 1
    print("ok %s" % name)
    return 0
