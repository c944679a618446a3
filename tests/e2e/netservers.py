"""Local servers and a live process reader for vdev's network e2e tests.

Every server listens on 127.0.0.1 on a port the host picks, runs in daemon
threads, and stops when its `with` block ends or after `limit` seconds,
whichever comes first. Nothing here talks to another machine."""
import os
import select
import socket
import subprocess
import threading
import time


class TcpServer:
    """Accepts connections and hands each to `handler(conn, server)` in its
    own thread (default: read and keep everything, never close). Records the
    peers' addresses and what each sent."""

    def __init__(self, handler=None, limit=20):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.handler = handler or TcpServer.hold
        self.deadline = time.time() + limit
        self.stopped = threading.Event()
        self.lock = threading.Lock()
        self.peers = []      # (host, port) of each connection, in accept order
        self.received = []   # bytes received on each connection
        self.conns = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while not self.stopped.is_set() and time.time() < self.deadline:
            r, _, _ = select.select([self.sock], [], [], 0.05)
            if not r:
                continue
            try:
                conn, peer = self.sock.accept()
            except OSError:
                break
            with self.lock:
                index = len(self.peers)
                self.peers.append(peer)
                self.received.append(b"")
                self.conns.append(conn)
            threading.Thread(target=self.handler, args=(conn, self, index), daemon=True).start()

    def recv_some(self, conn, index):
        """One read with a short timeout: the bytes, b"" at the end, None when idle."""
        r, _, _ = select.select([conn], [], [], 0.05)
        if not r:
            return None
        try:
            data = conn.recv(65536)
        except OSError:
            return b""
        with self.lock:
            self.received[index] += data
        return data

    @staticmethod
    def hold(conn, server, index):
        """Reads everything and never closes its end (until the server stops)."""
        while server.running():
            if server.recv_some(conn, index) == b"":
                return

    def running(self):
        return not self.stopped.is_set() and time.time() < self.deadline

    def close(self):
        self.stopped.set()
        self.sock.close()
        with self.lock:
            for c in self.conns:
                try:
                    c.close()
                except OSError:
                    pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def http_handler(body):
    """A handler answering one HTTP/1.0 request with 200 and `body`, then closing."""
    def handle(conn, server, index):
        request = b""
        while server.running() and b"\r\n\r\n" not in request:
            data = server.recv_some(conn, index)
            if data == b"":
                break
            if data:
                request += data
        conn.sendall(b"HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\nContent-Length: %d\r\n\r\n%s" % (len(body), body))
        conn.close()
    return handle


class UdpEcho:
    """Answers each datagram with reply(data) (default: the same bytes)."""

    def __init__(self, reply=None, limit=20):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.reply = reply or (lambda d: d)
        self.deadline = time.time() + limit
        self.stopped = threading.Event()
        self.seen = []  # (data, (host, port))
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        while not self.stopped.is_set() and time.time() < self.deadline:
            r, _, _ = select.select([self.sock], [], [], 0.05)
            if not r:
                continue
            try:
                data, peer = self.sock.recvfrom(65536)
                self.seen.append((data, peer))
                self.sock.sendto(self.reply(data), peer)
            except OSError:
                break

    def close(self):
        self.stopped.set()
        self.sock.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


class RefusingPort:
    """A loopback port that refuses connections: bound, never listening."""

    def __init__(self):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.sock.close()


def hosts_file(directory, text):
    path = os.path.join(directory, "hosts")
    with open(path, "w") as f:
        f.write(text)
    return path


class Live:
    """A process whose stdout and stderr are collected as they come, each line
    with the wall time it arrived."""

    def __init__(self, argv, env, stdin=b""):
        self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     env=env)
        self.lines = {"out": [], "err": []}
        self.done = {"out": False, "err": False}
        self.cond = threading.Condition()
        for name, pipe in (("out", self.proc.stdout), ("err", self.proc.stderr)):
            threading.Thread(target=self._read, args=(name, pipe), daemon=True).start()
        self.proc.stdin.write(stdin)
        self.proc.stdin.close()

    def _read(self, name, pipe):
        for line in pipe:
            with self.cond:
                self.lines[name].append((time.time(), line.decode(errors="replace")))
                self.cond.notify_all()
        with self.cond:
            self.done[name] = True
            self.cond.notify_all()

    def wait_line(self, name, needle, timeout=10):
        """The first (time, line) of stream `name` containing needle, or None."""
        end = time.time() + timeout
        with self.cond:
            while True:
                for item in self.lines[name]:
                    if needle in item[1]:
                        return item
                left = end - time.time()
                if left <= 0 or self.done[name]:
                    return None
                self.cond.wait(min(left, 0.1))

    def text(self, name):
        with self.cond:
            return "".join(line for _, line in self.lines[name])

    def wait(self, timeout=10):
        """The exit code (the process is killed past the timeout)."""
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(5)
            raise

    def stop(self, sig, timeout=10):
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            return self.proc.wait(5)
